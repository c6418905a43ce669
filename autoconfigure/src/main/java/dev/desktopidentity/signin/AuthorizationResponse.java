package dev.desktopidentity.signin;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * The authorization response that the identity provider sent back through the user's
 * browser to the loopback redirect URI, its {@code state} already checked.
 * <p>
 * Exactly one of {@link #code()} and {@link #error()} is what the caller acts on: when
 * {@link #error()} is set the sign-in failed, whatever else was received.
 * {@link #toString()} shows neither the code nor the URL.
 *
 * @param redirectUri the redirect URI with the response's parameters as its query: the
 * URL as received for {@code response_mode=query}, the redirect URI and the form's
 * parameters for {@code response_mode=form_post}
 * @param code the authorization code, if the sign-in succeeded
 * @param error the error code, if the sign-in failed
 * @param errorDescription the error description the identity provider gave, if any
 * @param state the state, equal to the one sent in the authorization request
 * @since 0.1.0
 * @see LoopbackRedirectReceiver
 */
record AuthorizationResponse(URI redirectUri, @Nullable String code, @Nullable String error,
		@Nullable String errorDescription, String state) {

	@Override
	public String toString() {
		return (this.error != null) ? "AuthorizationResponse [error=" + this.error + "]"
				: "AuthorizationResponse [code present]";
	}

}
