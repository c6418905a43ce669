package dev.desktopidentity.signin;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractionRequiredException;
import dev.desktopidentity.TokenRequest;

import org.springframework.util.Assert;

/**
 * {@link InteractiveSignIn} for {@link InteractiveMode#NONE}: never signs in, and says how
 * the user can.
 *
 * @since 0.1.0
 */
public final class NoInteractiveSignIn implements InteractiveSignIn {

	@Override
	public AccessToken signIn(TokenRequest request) {
		Assert.notNull(request, "'request' must not be null");
		throw new InteractionRequiredException("Sign-in is needed, but identity.interactive.mode is 'none', so this "
				+ "application does not sign in interactively. Sign in once where a person can answer, for example by "
				+ "running it with --identity.interactive.mode=device-code (or browser), then run it again: the "
				+ "persistent token cache serves it silently.", "interaction_required", null);
	}

}
