package dev.desktopidentity;

import org.springframework.util.Assert;

/**
 * An account that has signed in, as the token cache knows it. Holds no secrets.
 *
 * @param username the user's sign-in name, such as {@code alice@contoso.com}
 * @param homeAccountId the identifier of the account across tenants, stable across
 * sign-ins
 * @param environment the identity provider's host
 * @since 0.1.0
 */
public record SignedInAccount(String username, String homeAccountId, String environment) {

	/**
	 * Create a new instance.
	 * @param username the user's sign-in name
	 * @param homeAccountId the identifier of the account
	 * @param environment the identity provider's host
	 */
	public SignedInAccount {
		Assert.notNull(username, "'username' must not be null");
		Assert.hasText(homeAccountId, "'homeAccountId' must not be empty");
		Assert.notNull(environment, "'environment' must not be null");
	}

}
