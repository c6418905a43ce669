package dev.desktopidentity.test;

/**
 * Request checks shared by the token and device authorization endpoints.
 */
final class BackChannel {

	private BackChannel() {
	}

	static void requirePost(HttpCall call) {
		if (!call.method().equals("POST")) {
			throw new OAuthException(AadError.POST_REQUIRED, call.method());
		}
	}

	static String require(HttpCall call, String name) {
		String value = call.parameter(name);
		if (value == null) {
			throw new OAuthException(AadError.MISSING_PARAMETER, name);
		}
		return value;
	}

	/**
	 * Return the client id of a public client: known, and presenting no credential.
	 * @param call the call
	 * @param context the provider
	 * @return the client id
	 */
	static String requireClient(HttpCall call, ProviderContext context) {
		if (call.parameter("client_secret") != null || call.parameter("client_assertion") != null) {
			throw new OAuthException(AadError.PUBLIC_CLIENT_WITH_CREDENTIAL);
		}
		String clientId = require(call, "client_id");
		if (!context.clients().accepts(clientId)) {
			throw new OAuthException(AadError.UNKNOWN_CLIENT, clientId, context.tenantId());
		}
		return clientId;
	}

	static RequestedClaims claims(HttpCall call) {
		try {
			return RequestedClaims.parse(call.parameter("claims"));
		}
		catch (IllegalArgumentException ex) {
			throw new OAuthException(AadError.INVALID_PARAMETER, "claims", "It must be a JSON object.");
		}
	}

}
