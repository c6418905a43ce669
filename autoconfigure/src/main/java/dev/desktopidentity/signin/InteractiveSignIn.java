package dev.desktopidentity.signin;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.TokenRequest;

/**
 * The interactive step of {@link InteractiveTokenProvider}: signs the user in when the
 * token cache cannot answer, and returns the access token that sign-in produced. The
 * default signs in through the system browser and a loopback redirect
 * ({@link LoopbackSignIn}); define a bean to sign in another way.
 * <p>
 * {@link InteractiveTokenProvider} calls it from one thread at a time and shares the
 * result with every thread that asked meanwhile, so implementations need not coordinate
 * concurrent sign-ins themselves.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface InteractiveSignIn {

	/**
	 * Sign the user in for the given request.
	 * @param request the scopes and sign-in parameters
	 * @return the access token for the request's scopes
	 * @throws TokenAcquisitionException if sign-in failed, was cancelled or timed out
	 */
	AccessToken signIn(TokenRequest request);

}
