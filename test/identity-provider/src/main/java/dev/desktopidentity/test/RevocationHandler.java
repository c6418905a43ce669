package dev.desktopidentity.test;

import java.io.IOException;

/**
 * The token revocation endpoint (RFC 7009) of strict OpenID Connect mode: a public client
 * revokes a refresh token it was issued, and with it every token rotated from the same
 * sign-in; the provider refuses them from then on. Unknown tokens are ignored.
 */
final class RevocationHandler implements CallHandler {

	private final ProviderContext context;

	RevocationHandler(ProviderContext context) {
		this.context = context;
	}

	@Override
	public void handle(HttpCall call, String tenant) throws IOException {
		BackChannel.requirePost(call);
		String clientId = BackChannel.requireClient(call, this.context);
		String token = BackChannel.require(call, "token");
		String hint = call.parameter("token_type_hint");
		if (hint != null && !hint.equals("refresh_token") && !hint.equals("access_token")) {
			throw OAuthException.plain(400, "unsupported_token_type", "Unsupported token type hint: " + hint);
		}
		if (!this.context.refreshTokens().revoke(token, clientId)) {
			throw OAuthException.plain(400, "invalid_request", "The token was issued to another client");
		}
		call.send(200, "application/json; charset=utf-8", "");
	}

}
