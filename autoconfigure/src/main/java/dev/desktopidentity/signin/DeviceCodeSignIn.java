package dev.desktopidentity.signin;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.microsoft.aad.msal4j.DeviceCode;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.AccessToken;
import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.SignInFailedException;
import dev.desktopidentity.SignInTimeoutException;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.TokenRequest;
import dev.desktopidentity.TokenSource;
import dev.desktopidentity.cache.RememberedAccount;
import dev.desktopidentity.msal.DeferredPublicClientApplication;
import dev.desktopidentity.msal.MsalResults;

import org.springframework.util.Assert;

/**
 * {@link InteractiveSignIn} with a device code (RFC 8628): the user is shown a short code
 * and a verification page, which they open on any device with a browser, while the
 * application polls the identity provider until they have signed in. For consoles with no
 * browser: SSH sessions, containers, CI runners.
 * <p>
 * Sign-in waits at most the given timeout ({@code identity.interactive.timeout}), then
 * stops polling and ends with a {@link SignInTimeoutException} that says so; the code the
 * user sees is valid until then. Interrupting the waiting thread stops the polling and
 * ends sign-in with a {@link SignInCancelledException}; a declined or expired code ends it
 * with a {@link SignInFailedException} that says so.
 *
 * @since 0.1.0
 */
public final class DeviceCodeSignIn implements InteractiveSignIn {

	private final Supplier<PublicClientApplication> application;

	private final AuthorizationCodeFlow flow;

	private final RememberedAccount rememberedAccount;

	private final SignInNotifier notifier;

	private final Clock clock;

	private final Duration timeout;

	/**
	 * Create a new instance.
	 * @param application the MSAL4J application that runs the device code flow
	 * @param flow the flow that resolves the scopes of a request
	 * @param rememberedAccount where to remember the account that signed in
	 * @param notifier what the user is told
	 * @param clock the clock
	 * @param timeout how long to wait for the user, at most as long as the code is valid
	 */
	public DeviceCodeSignIn(PublicClientApplication application, AuthorizationCodeFlow flow,
			RememberedAccount rememberedAccount, SignInNotifier notifier, Clock clock, Duration timeout) {
		this(DeferredPublicClientApplication.of(application), flow, rememberedAccount, notifier, clock, timeout);
	}

	/**
	 * Create a new instance with an application built on first use.
	 * @param application the MSAL4J application that runs the device code flow
	 * @param flow the flow that resolves the scopes of a request
	 * @param rememberedAccount where to remember the account that signed in
	 * @param notifier what the user is told
	 * @param clock the clock
	 * @param timeout how long to wait for the user, at most as long as the code is valid
	 */
	public DeviceCodeSignIn(Supplier<PublicClientApplication> application, AuthorizationCodeFlow flow,
			RememberedAccount rememberedAccount, SignInNotifier notifier, Clock clock, Duration timeout) {
		Assert.notNull(application, "'application' must not be null");
		Assert.notNull(flow, "'flow' must not be null");
		Assert.notNull(rememberedAccount, "'rememberedAccount' must not be null");
		Assert.notNull(notifier, "'notifier' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.application = application;
		this.flow = flow;
		this.rememberedAccount = rememberedAccount;
		this.notifier = notifier;
		this.clock = clock;
		this.timeout = timeout;
	}

	@Override
	public AccessToken signIn(TokenRequest request) {
		Assert.notNull(request, "'request' must not be null");
		Set<String> scopes = this.flow.scopes(request);
		Instant deadline = this.clock.instant().plus(this.timeout);
		PublicClientApplication application = this.application.get();
		CompletableFuture<IAuthenticationResult> result = application
			.acquireToken(DeviceCodeFlowParameters.builder(scopes, (code) -> show(code, deadline))
				.claims((request.getClaims() != null) ? MsalResults.claimsRequest(request.getClaims()) : null)
				.build());
		try {
			IAuthenticationResult signedIn = MsalResults.await(result, this.timeout);
			AccessToken token = MsalResults.accessToken(signedIn, scopes, TokenSource.DEVICE_CODE);
			this.rememberedAccount.remember(token.getAccount());
			return token;
		}
		catch (TimeoutException ex) {
			// MSAL4J checks for cancellation before each poll
			result.cancel(true);
			throw new SignInTimeoutException("Sign-in with a device code", this.timeout, ex);
		}
		catch (InterruptedException ex) {
			// MSAL4J checks for cancellation before each poll
			result.cancel(true);
			Thread.currentThread().interrupt();
			throw new SignInCancelledException("Sign-in with a device code was cancelled", ex);
		}
		catch (MsalException ex) {
			throw failure(application, ex);
		}
	}

	private void show(DeviceCode code, Instant deadline) {
		// RFC 8628 providers send no message, only Microsoft's does
		String message = (code.message() != null) ? code.message()
				: "To sign in, use a web browser to open the page " + code.verificationUri() + " and enter the code "
						+ code.userCode() + " to authenticate.";
		Instant expiresAt = this.clock.instant().plusSeconds(code.expiresIn());
		this.notifier.deviceCode(new DeviceCodeChallenge(code.userCode(), URI.create(code.verificationUri()),
				expiresAt.isAfter(deadline) ? deadline : expiresAt, message));
	}

	private static TokenAcquisitionException failure(PublicClientApplication application, MsalException ex) {
		String error = ex.errorCode();
		if ("authorization_declined".equals(error) || "access_denied".equals(error)) {
			return new SignInFailedException("Sign-in was declined on the verification page.",
					"Run it again and approve the sign-in, if you meant to.", error, null, ex);
		}
		if ("code_expired".equals(error) || "expired_token".equals(error)) {
			return new SignInFailedException("The device code expired before sign-in was completed.",
					"Start sign-in again and enter the new code within its time.", error, null, ex);
		}
		return MsalResults.translate(application, "Signing in with a device code", ex);
	}

}
