package dev.desktopidentity.test;

/**
 * Endpoints of a {@link LocalIdentityProvider}, used to count requests and to inject
 * faults.
 *
 * @since 0.1.0
 */
public enum Endpoint {

	/**
	 * Authorization endpoint, {@code /{tenant}/oauth2/v2.0/authorize}: one request per
	 * authorization request a browser opens.
	 */
	AUTHORIZE,

	/**
	 * Form submissions of the authorization pages (sign-in, account picker, sign-up and
	 * consent), {@code /{tenant}/login}.
	 */
	SIGN_IN,

	/**
	 * Token endpoint, {@code /{tenant}/oauth2/v2.0/token}.
	 */
	TOKEN,

	/**
	 * Device authorization endpoint, {@code /{tenant}/oauth2/v2.0/devicecode}.
	 */
	DEVICE_CODE,

	/**
	 * Device verification pages, {@code /{tenant}/oauth2/deviceauth}, including their
	 * form submissions.
	 */
	DEVICE_VERIFICATION,

	/**
	 * OpenID Connect discovery document,
	 * {@code /{tenant}/v2.0/.well-known/openid-configuration}.
	 */
	DISCOVERY,

	/**
	 * Token signing keys, {@code /{tenant}/discovery/v2.0/keys}.
	 */
	JWKS,

	/**
	 * Token revocation endpoint (RFC 7009), in strict OpenID Connect mode only,
	 * {@code /{realm}/protocol/openid-connect/revoke}: Microsoft Entra ID has none.
	 */
	REVOCATION,

	/**
	 * Any other path.
	 */
	OTHER

}
