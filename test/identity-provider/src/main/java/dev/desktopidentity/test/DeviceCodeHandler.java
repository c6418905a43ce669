package dev.desktopidentity.test;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The device authorization endpoint: issues a device code and a user code.
 */
final class DeviceCodeHandler implements CallHandler {

	private final ProviderContext context;

	DeviceCodeHandler(ProviderContext context) {
		this.context = context;
	}

	@Override
	public void handle(HttpCall call, String tenant) throws IOException {
		BackChannel.requirePost(call);
		String contentType = String.valueOf(call.header("Content-Type"));
		if (this.context.urls().paths().isStrictOidc() && !contentType.startsWith("application/x-www-form-urlencoded")) {
			throw new OAuthException(AadError.FORM_REQUIRED, contentType);
		}
		String clientId = BackChannel.requireClient(call, this.context);
		List<String> scopes = Scopes.parse(BackChannel.require(call, "scope"));
		RequestedClaims claims = BackChannel.claims(call);
		String codeChallenge = this.context.urls().paths().isStrictOidc() ? requirePkce(call) : null;
		DeviceAuthorizations.Created created = this.context.devices().create(clientId, scopes, claims, codeChallenge);
		String userCode = created.authorization().userCode();
		URI verificationUri = this.context.urls().browserEndpoint(tenant, this.context.urls().paths().deviceVerification());
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("user_code", userCode);
		response.put("device_code", created.deviceCode());
		response.put("verification_uri", verificationUri.toString());
		response.put("expires_in", this.context.devices().lifetime().toSeconds());
		response.put("interval", this.context.settings().pollingInterval().toSeconds());
		if (this.context.urls().paths().isStrictOidc()) {
			// RFC 8628 has no message; it has the page with the code filled in
			response.put("verification_uri_complete", verificationUri + "?user_code=" + userCode);
		}
		else {
			response.put("message", "To sign in, use a web browser to open the page " + verificationUri
					+ " and enter the code " + userCode + " to authenticate.");
		}
		call.json(200, response);
	}

	/**
	 * Require an S256 PKCE challenge, as Keycloak 26 does of a client that enforces PKCE.
	 */
	private static String requirePkce(HttpCall call) {
		String method = call.parameter("code_challenge_method");
		if (method == null || method.isBlank()) {
			throw OAuthException.plain(400, "invalid_request", "Missing parameter: code_challenge_method");
		}
		if (!method.equals("S256")) {
			throw OAuthException.plain(400, "invalid_request", "Invalid parameter: code_challenge_method");
		}
		String challenge = call.parameter("code_challenge");
		if (challenge == null || challenge.isBlank()) {
			throw OAuthException.plain(400, "invalid_request", "Missing parameter: code_challenge");
		}
		if (!challenge.matches("[A-Za-z0-9_-]{43}")) {
			throw OAuthException.plain(400, "invalid_request", "Invalid parameter: code_challenge");
		}
		return challenge;
	}

}
