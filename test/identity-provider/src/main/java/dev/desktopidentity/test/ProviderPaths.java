package dev.desktopidentity.test;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The endpoint paths below the tenant path segment: those of the Microsoft identity
 * platform v2 endpoints, or those of a standards-following OpenID Connect issuer laid out
 * like Keycloak's ({@code /{realm}/protocol/openid-connect/token}), where the Microsoft
 * paths are not found.
 *
 * @param authorize the authorization endpoint
 * @param signIn the sign-in form's target
 * @param token the token endpoint
 * @param deviceCode the device authorization endpoint
 * @param deviceVerification the device verification page
 * @param discovery the OpenID Connect discovery document
 * @param jwks the token signing keys
 * @param revocation the token revocation endpoint (RFC 7009), or {@code null} where
 * there is none, as with Microsoft Entra ID
 * @param issuerSuffix what follows the tenant in the issuer
 */
record ProviderPaths(String authorize, String signIn, String token, String deviceCode, String deviceVerification,
		String discovery, String jwks, @Nullable String revocation, String issuerSuffix) {

	static final ProviderPaths ENTRA = new ProviderPaths("/oauth2/v2.0/authorize", "/login", "/oauth2/v2.0/token",
			"/oauth2/v2.0/devicecode", "/oauth2/deviceauth", "/v2.0/.well-known/openid-configuration",
			"/discovery/v2.0/keys", null, "/v2.0");

	static final ProviderPaths STRICT_OIDC = new ProviderPaths("/protocol/openid-connect/auth", "/login-actions",
			"/protocol/openid-connect/token", "/protocol/openid-connect/auth/device", "/device",
			"/.well-known/openid-configuration", "/protocol/openid-connect/certs", "/protocol/openid-connect/revoke",
			"");

	/**
	 * Return the endpoints by path.
	 * @return the endpoints
	 */
	Map<String, Endpoint> endpoints() {
		Map<String, Endpoint> endpoints = new HashMap<>(Map.of(this.authorize, Endpoint.AUTHORIZE, this.signIn,
				Endpoint.SIGN_IN, this.token, Endpoint.TOKEN, this.deviceCode, Endpoint.DEVICE_CODE,
				this.deviceVerification, Endpoint.DEVICE_VERIFICATION, this.discovery, Endpoint.DISCOVERY, this.jwks,
				Endpoint.JWKS));
		if (this.revocation != null) {
			endpoints.put(this.revocation, Endpoint.REVOCATION);
		}
		return endpoints;
	}

	boolean isStrictOidc() {
		return this == STRICT_OIDC;
	}

}
