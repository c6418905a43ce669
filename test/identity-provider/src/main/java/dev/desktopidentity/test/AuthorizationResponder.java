package dev.desktopidentity.test;

import java.io.IOException;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.State;
import org.jspecify.annotations.Nullable;

/**
 * Sends authorization responses to a verified redirect URI: a 302 for the
 * {@code query} and {@code fragment} response modes, a self-submitting form for
 * {@code form_post}.
 */
final class AuthorizationResponder {

	private AuthorizationResponder() {
	}

	static void code(HttpCall call, RedirectTarget target, String code) throws IOException {
		send(call, new AuthorizationSuccessResponse(target.redirectUri(), new AuthorizationCode(code), null,
				state(target), target.responseMode()));
	}

	static void error(HttpCall call, RedirectTarget target, OAuthException exception) throws IOException {
		ErrorObject error = new ErrorObject(exception.error(), ErrorBodies.redirectDescription(exception));
		send(call, new AuthorizationErrorResponse(target.redirectUri(), error, state(target), target.responseMode()));
	}

	private static void send(HttpCall call, AuthorizationResponse response) throws IOException {
		if (ResponseMode.FORM_POST.equals(response.getResponseMode())) {
			call.html(200, Html.formPost(response.getRedirectionURI(), response.toParameters()));
		}
		else {
			call.redirect(response.toURI());
		}
	}

	private static @Nullable State state(RedirectTarget target) {
		return (target.state() != null) ? new State(target.state()) : null;
	}

}
