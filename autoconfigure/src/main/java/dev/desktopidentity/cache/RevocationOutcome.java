package dev.desktopidentity.cache;

/**
 * What became of the refresh tokens of accounts that signed out, at the identity
 * provider. On this computer, their tokens are removed from the cache in every case.
 *
 * @since 0.1.0
 * @see SignOutResult
 */
public enum RevocationOutcome {

	/**
	 * The identity provider revoked the refresh tokens (RFC 7009): they no longer work,
	 * wherever a copy of them is.
	 */
	REVOKED,

	/**
	 * The identity provider offers no token revocation (its discovery document has no
	 * {@code revocation_endpoint}; Microsoft Entra ID has none): the refresh tokens stay
	 * valid at the provider until they expire or are revoked there.
	 */
	NOT_OFFERED,

	/**
	 * The identity provider could not be reached, or refused to revoke the refresh tokens:
	 * they stay valid at the provider until they expire or are revoked there.
	 */
	FAILED,

	/**
	 * There was no refresh token to revoke: no account was signed in, or the cache held
	 * no refresh token for it.
	 */
	NOTHING_TO_REVOKE

}
