package dev.desktopidentity;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.desktopidentity.internal.AuthorizationResponse;
import dev.desktopidentity.internal.LoopbackRedirectReceiver;
import dev.desktopidentity.internal.RedirectPages;
import dev.desktopidentity.internal.RedirectStateMismatchException;
import org.jspecify.annotations.Nullable;

/**
 * Interactive sign-in through the system browser (or a {@link CustomWebUi}) and a
 * loopback redirect: the receiver listens before the browser opens, and is closed, its
 * port released, however sign-in ends.
 */
final class LoopbackSignIn {

	private final AuthorizationCodeFlow flow;

	private final URI redirectUri;

	private final RedirectPages pages;

	private final BrowserLauncher browserLauncher;

	private final @Nullable CustomWebUi customWebUi;

	private final SignInNotifier notifier;

	private final Duration timeout;

	LoopbackSignIn(AuthorizationCodeFlow flow, URI redirectUri, RedirectPages pages, BrowserLauncher browserLauncher,
			@Nullable CustomWebUi customWebUi, SignInNotifier notifier, Duration timeout) {
		this.flow = flow;
		this.redirectUri = redirectUri;
		this.pages = pages;
		this.browserLauncher = browserLauncher;
		this.customWebUi = customWebUi;
		this.notifier = notifier;
		this.timeout = timeout;
	}

	AccessToken signIn(TokenRequest request) {
		String state = this.flow.newState();
		try (LoopbackRedirectReceiver receiver = LoopbackRedirectReceiver.start(this.redirectUri, state, this.pages)) {
			PendingAuthorization pending = this.flow.begin(request, receiver.redirectUri(), state);
			CompletableFuture<URI> redirect = receiver.response().thenApply(AuthorizationResponse::redirectUri);
			if (this.customWebUi != null) {
				CompletableFuture<URI> shown = this.customWebUi
					.authorize(pending.getAuthorizationUri(), receiver.redirectUri())
					.toCompletableFuture();
				redirect = redirect.applyToEither(shown, (uri) -> uri);
			}
			else {
				openBrowser(pending.getAuthorizationUri());
			}
			AccessToken token = this.flow.complete(pending, await(redirect));
			this.notifier.signedIn(token.getAccount());
			return token;
		}
		catch (IOException ex) {
			throw new TokenAcquisitionException("Could not listen on the redirect URI " + this.redirectUri + ": "
					+ ex.getMessage() + ". Set identity.interactive.redirect-uri to http://localhost to use a free port",
					"loopback_unavailable", ex);
		}
	}

	private void openBrowser(URI authorizationUri) {
		try {
			this.browserLauncher.open(authorizationUri);
			this.notifier.openingBrowser(authorizationUri);
		}
		catch (IOException | RuntimeException ex) {
			this.notifier.openBrowserManually(authorizationUri, String.valueOf(ex.getMessage()));
		}
	}

	private URI await(CompletableFuture<URI> redirect) {
		try {
			return redirect.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new SignInCancelledException("Sign-in was not completed within " + this.timeout
					+ " (identity.interactive.timeout); start it again when you are ready", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SignInCancelledException("Sign-in was interrupted while waiting for the browser", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof TokenAcquisitionException acquisition) {
				throw acquisition;
			}
			if (cause instanceof RedirectStateMismatchException) {
				throw new SignInFailedException(cause.getMessage(), "state_mismatch", null, cause);
			}
			if (cause instanceof CancellationException) {
				throw new SignInCancelledException("Sign-in was cancelled", cause);
			}
			throw new SignInFailedException("Sign-in failed: " + cause.getMessage(), "invalid_response", null, cause);
		}
	}

}
