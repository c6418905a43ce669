package dev.desktopidentity.signin;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.SignInFailedException;
import dev.desktopidentity.SignInTimeoutException;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.TokenRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link InteractiveSignIn} through the system browser (or a {@link CustomWebUi}) and a
 * loopback redirect: the receiver listens before the browser opens, answers only the
 * redirect path and only once, and is closed, its port released, however sign-in ends
 * (success, error, timeout or interruption).
 *
 * @since 0.1.0
 */
public final class LoopbackSignIn implements InteractiveSignIn {

	private final AuthorizationCodeFlow flow;

	private final URI redirectUri;

	private final RedirectPages pages;

	private final BrowserLauncher browserLauncher;

	private final @Nullable CustomWebUi customWebUi;

	private final SignInNotifier notifier;

	private final Duration timeout;

	private final @Nullable InteractiveSignIn whenNoBrowser;

	/**
	 * Create a new instance.
	 * @param flow the flow that builds the authorization request and redeems the code
	 * @param redirectUri the loopback redirect URI ({@code http://localhost},
	 * {@code http://127.0.0.1} or {@code http://[::1]}, with an optional port and path);
	 * without a port, a free one is used for each sign-in
	 * @param pages what the browser shows after the redirect
	 * @param browserLauncher opens the system browser
	 * @param customWebUi shows the sign-in page instead of the system browser, or
	 * {@code null}
	 * @param notifier what the user is told
	 * @param timeout how long to wait for the user
	 * @throws IllegalArgumentException if the redirect URI is not a loopback redirect URI
	 */
	public LoopbackSignIn(AuthorizationCodeFlow flow, URI redirectUri, RedirectPages pages,
			BrowserLauncher browserLauncher, @Nullable CustomWebUi customWebUi, SignInNotifier notifier,
			Duration timeout) {
		this(flow, redirectUri, pages, browserLauncher, customWebUi, notifier, timeout, null);
	}

	private LoopbackSignIn(AuthorizationCodeFlow flow, URI redirectUri, RedirectPages pages,
			BrowserLauncher browserLauncher, @Nullable CustomWebUi customWebUi, SignInNotifier notifier,
			Duration timeout, @Nullable InteractiveSignIn whenNoBrowser) {
		Assert.notNull(flow, "'flow' must not be null");
		Assert.notNull(redirectUri, "'redirectUri' must not be null");
		LoopbackRedirectUri.of(redirectUri);
		Assert.notNull(pages, "'pages' must not be null");
		Assert.notNull(browserLauncher, "'browserLauncher' must not be null");
		Assert.notNull(notifier, "'notifier' must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.flow = flow;
		this.redirectUri = redirectUri;
		this.pages = pages;
		this.browserLauncher = browserLauncher;
		this.customWebUi = customWebUi;
		this.notifier = notifier;
		this.timeout = timeout;
		this.whenNoBrowser = whenNoBrowser;
	}

	@Override
	public AccessToken signIn(TokenRequest request) {
		Assert.notNull(request, "'request' must not be null");
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
			else if (!openBrowser(pending.getAuthorizationUri()) && this.whenNoBrowser != null) {
				return raceWithFallback(request, pending, redirect, this.whenNoBrowser);
			}
			return this.flow.complete(pending, await(redirect, "Sign-in in the browser"));
		}
		catch (IOException ex) {
			throw new TokenAcquisitionException("Could not listen on the redirect URI " + this.redirectUri + ": "
					+ ex.getMessage() + ".", "Set identity.interactive.redirect-uri to http://localhost to use a free "
							+ "port, or stop the program that holds this one.",
					"loopback_unavailable", ex);
		}
	}

	/**
	 * Return whether a URI is a loopback redirect URI that this sign-in can listen on:
	 * {@code http}, the host {@code localhost}, {@code 127.0.0.1} or {@code [::1]}, an
	 * optional port and path, and no query, fragment or user information (RFC 8252
	 * section 7.3).
	 * @param redirectUri the URI
	 * @return whether it is a loopback redirect URI
	 */
	public static boolean isLoopbackRedirectUri(URI redirectUri) {
		try {
			LoopbackRedirectUri.of(redirectUri);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Return a sign-in like this one that, when the browser cannot be launched, also
	 * starts the given sign-in (a device code) while the loopback redirect keeps
	 * listening, and completes with whichever the user finishes first.
	 * @param fallback the sign-in to offer when no browser opens
	 * @return the new sign-in
	 */
	public LoopbackSignIn withFallbackWhenNoBrowser(InteractiveSignIn fallback) {
		Assert.notNull(fallback, "'fallback' must not be null");
		return new LoopbackSignIn(this.flow, this.redirectUri, this.pages, this.browserLauncher, this.customWebUi,
				this.notifier, this.timeout, fallback);
	}

	/**
	 * Return whether this sign-in opens the platform's default browser, which needs a
	 * graphical session, rather than a launcher or web UI the application configured.
	 */
	boolean opensSystemBrowser() {
		return this.customWebUi == null && this.browserLauncher.opensSystemBrowser();
	}

	private boolean openBrowser(URI authorizationUri) {
		try {
			this.browserLauncher.open(authorizationUri);
			this.notifier.openingBrowser(authorizationUri);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			this.notifier.openBrowserManually(authorizationUri, String.valueOf(ex.getMessage()));
			return false;
		}
	}

	private AccessToken raceWithFallback(TokenRequest request, PendingAuthorization pending,
			CompletableFuture<URI> redirect, InteractiveSignIn fallback) {
		CompletableFuture<AccessToken> fallbackToken = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				fallbackToken.complete(fallback.signIn(request));
			}
			catch (RuntimeException ex) {
				fallbackToken.completeExceptionally(ex);
			}
		}, "desktop-identity-sign-in-fallback");
		thread.setDaemon(true);
		thread.start();
		try {
			await(CompletableFuture.anyOf(redirect, fallbackToken), "Sign-in in the browser or with the device code");
			if (redirect.isDone()) {
				thread.interrupt();
				return this.flow.complete(pending, redirect.join());
			}
			return fallbackToken.join();
		}
		finally {
			// stops the fallback's polling however the race ended
			thread.interrupt();
		}
	}

	private <T> T await(CompletableFuture<T> redirect, String signIn) {
		try {
			return redirect.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new SignInTimeoutException(signIn, this.timeout, ex);
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
			if (cause instanceof CancellationException) {
				throw new SignInCancelledException("Sign-in was cancelled", cause);
			}
			throw new SignInFailedException("Sign-in failed: " + cause.getMessage(), "invalid_response", null, cause);
		}
	}

}
