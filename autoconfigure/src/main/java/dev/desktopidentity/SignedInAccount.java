package dev.desktopidentity;

import java.util.List;
import java.util.Map;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.ITenantProfile;
import org.jspecify.annotations.Nullable;

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

	/**
	 * Return the account that MSAL4J describes.
	 * @param account the MSAL4J account
	 * @return the account
	 */
	public static SignedInAccount of(IAccount account) {
		Assert.notNull(account, "'account' must not be null");
		return new SignedInAccount(username(account), account.homeAccountId(), nonNull(account.environment()));
	}

	/**
	 * MSAL4J takes the user name from the ID token's {@code preferred_username}, which
	 * OpenID Connect providers other than Microsoft's may leave out: then it is the
	 * {@code email}, else the {@code sub} of the account's ID token claims.
	 */
	private static String username(IAccount account) {
		if (account.username() != null && !account.username().isBlank()) {
			return account.username();
		}
		Map<String, ITenantProfile> profiles = account.getTenantProfiles();
		if (profiles != null) {
			for (String claim : List.of("email", "sub")) {
				for (ITenantProfile profile : profiles.values()) {
					Object value = (profile.getClaims() != null) ? profile.getClaims().get(claim) : null;
					if (value instanceof String text && !text.isBlank()) {
						return text;
					}
				}
			}
		}
		return "";
	}

	private static String nonNull(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
