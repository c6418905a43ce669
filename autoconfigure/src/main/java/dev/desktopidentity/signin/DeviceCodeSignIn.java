package dev.desktopidentity.signin;

import java.net.URI;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.microsoft.aad.msal4j.DeviceCode;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.AccessToken;
import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.SignInFailedException;
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
 * Interrupting the waiting thread stops the polling and ends sign-in with a
 * {@link SignInCancelledException}; a declined or expired code ends it with a
 * {@link SignInFailedException} that says so.
 *
 * @since 0.1.0
 */
public final class DeviceCodeSignIn implements InteractiveSignIn {

	private final Supplier<PublicClientApplication> application;

	private final AuthorizationCodeFlow flow;

	private final RememberedAccount rememberedAccount;

	private final SignInNotifier notifier;

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param application the MSAL4J application that runs the device code flow
	 * @param flow the flow that resolves the scopes of a request
	 * @param rememberedAccount where to remember the account that signed in
	 * @param notifier what the user is told
	 * @param clock the clock
	 */
	public DeviceCodeSignIn(PublicClientApplication application, AuthorizationCodeFlow flow,
			RememberedAccount rememberedAccount, SignInNotifier notifier, Clock clock) {
		this(DeferredPublicClientApplication.of(application), flow, rememberedAccount, notifier, clock);
	}

	/**
	 * Create a new instance with an application built on first use.
	 * @param application the MSAL4J application that runs the device code flow
	 * @param flow the flow that resolves the scopes of a request
	 * @param rememberedAccount where to remember the account that signed in
	 * @param notifier what the user is told
	 * @param clock the clock
	 */
	public DeviceCodeSignIn(Supplier<PublicClientApplication> application, AuthorizationCodeFlow flow,
			RememberedAccount rememberedAccount, SignInNotifier notifier, Clock clock) {
		Assert.notNull(application, "'application' must not be null");
		Assert.notNull(flow, "'flow' must not be null");
		Assert.notNull(rememberedAccount, "'rememberedAccount' must not be null");
		Assert.notNull(notifier, "'notifier' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.application = application;
		this.flow = flow;
		this.rememberedAccount = rememberedAccount;
		this.notifier = notifier;
		this.clock = clock;
	}

	@Override
	public AccessToken signIn(TokenRequest request) {
		Assert.notNull(request, "'request' must not be null");
		Set<String> scopes = this.flow.scopes(request);
		DeviceCodeFlowParameters.DeviceCodeFlowParametersBuilder parameters = DeviceCodeFlowParameters
			.builder(scopes, this::show);
		if (request.getClaims() != null) {
			parameters.claims(MsalResults.claimsRequest(request.getClaims()));
		}
		CompletableFuture<IAuthenticationResult> result = this.application.get().acquireToken(parameters.build());
		try {
			AccessToken token = MsalResults.accessToken(MsalResults.await(result), scopes, TokenSource.DEVICE_CODE);
			this.rememberedAccount.remember(token.getAccount());
			return token;
		}
		catch (InterruptedException ex) {
			// MSAL4J checks for cancellation before each poll
			result.cancel(true);
			Thread.currentThread().interrupt();
			throw new SignInCancelledException("Sign-in with a device code was cancelled", ex);
		}
		catch (MsalException ex) {
			throw failure(ex);
		}
	}

	private void show(DeviceCode code) {
		// RFC 8628 providers send no message, only Microsoft's does
		String message = (code.message() != null) ? code.message()
				: "To sign in, use a web browser to open the page " + code.verificationUri() + " and enter the code "
						+ code.userCode() + " to authenticate.";
		this.notifier.deviceCode(new DeviceCodeChallenge(code.userCode(), URI.create(code.verificationUri()),
				this.clock.instant().plusSeconds(code.expiresIn()), message));
	}

	private static TokenAcquisitionException failure(MsalException ex) {
		String error = ex.errorCode();
		if ("authorization_declined".equals(error) || "access_denied".equals(error)) {
			return new SignInFailedException("Sign-in was declined on the verification page", error, null, ex);
		}
		if ("code_expired".equals(error) || "expired_token".equals(error)) {
			return new SignInFailedException("The device code expired before sign-in was completed; start sign-in "
					+ "again and enter the new code within its time", error, null, ex);
		}
		return MsalResults.translate("Sign-in with a device code", ex);
	}

}
