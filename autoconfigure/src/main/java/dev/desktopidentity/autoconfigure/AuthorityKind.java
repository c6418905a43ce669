package dev.desktopidentity.autoconfigure;

/**
 * Kinds of authority that sign users in.
 *
 * @author desktop-identity
 * @since 0.1.0
 */
public enum AuthorityKind {

	/**
	 * Microsoft Entra ID (workforce tenants and personal Microsoft accounts), for example
	 * {@code https://login.microsoftonline.com/common}.
	 */
	ENTRA_ID,

	/**
	 * Microsoft Entra B2C, for example
	 * {@code https://contoso.b2clogin.com/tfp/contoso.onmicrosoft.com/B2C_1_signin}.
	 */
	ENTRA_B2C,

	/**
	 * Any OpenID Connect issuer whose discovery document is at
	 * {@code <authority>/.well-known/openid-configuration}, for example a Keycloak realm or
	 * Microsoft Entra External ID.
	 */
	OIDC

}
