package dev.desktopidentity.cache;

import java.util.List;

import dev.desktopidentity.SignedInAccount;

import org.springframework.util.Assert;

/**
 * What signing out did: which accounts' tokens were removed from the cache, and whether
 * the identity provider revoked their refresh tokens.
 *
 * @param accounts the accounts that were signed out, possibly none
 * @param revocation what became of their refresh tokens at the identity provider
 * @param description one line for people, such as {@code The identity provider revoked
 * the refresh token.}; never contains a token
 * @since 0.1.0
 */
public record SignOutResult(List<SignedInAccount> accounts, RevocationOutcome revocation, String description) {

	/**
	 * Create a new instance.
	 * @param accounts the accounts that were signed out
	 * @param revocation what became of their refresh tokens
	 * @param description one line for people
	 */
	public SignOutResult {
		Assert.notNull(accounts, "'accounts' must not be null");
		Assert.notNull(revocation, "'revocation' must not be null");
		Assert.notNull(description, "'description' must not be null");
		accounts = List.copyOf(accounts);
	}

}
