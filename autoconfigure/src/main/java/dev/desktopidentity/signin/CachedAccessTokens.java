package dev.desktopidentity.signin;

import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.TreeSet;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.desktopidentity.AccessToken;
import dev.desktopidentity.TokenSource;
import dev.desktopidentity.msal.MsalResults;
import org.jspecify.annotations.Nullable;

/**
 * Finds an access token in MSAL4J's token cache that has not expired yet, even inside
 * the five minutes before expiry in which MSAL4J no longer hands it out but renews it.
 * Reads the cache as the last access loaded it, matching the way MSAL4J does: the
 * account, the client ID, the tenant and every requested scope.
 */
final class CachedAccessTokens {

	private static final Set<String> ANY_TENANT = Set.of("common", "organizations", "consumers");

	private final Supplier<PublicClientApplication> application;

	CachedAccessTokens(Supplier<PublicClientApplication> application) {
		this.application = application;
	}

	/**
	 * Return the cached access token of an account for the scopes that expires last, if
	 * it has not expired yet.
	 * @param account the account
	 * @param scopes the requested scopes
	 * @param now the current time
	 * @return the token, with the requested scopes, or {@code null}
	 */
	@Nullable AccessToken find(IAccount account, Set<String> scopes, Instant now) {
		Map<String, Object> cache;
		try {
			cache = JSONObjectUtils.parse(this.application.get().tokenCache().serialize());
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
		if (!(cache.get("AccessToken") instanceof Map<?, ?> accessTokens)) {
			return null;
		}
		Set<String> realms = realms(account);
		AccessToken best = null;
		for (Object value : accessTokens.values()) {
			if (value instanceof Map<?, ?> entry && matches(entry, account, scopes, realms)) {
				Instant expiresAt = seconds(entry.get("expires_on"));
				if (expiresAt != null && now.isBefore(expiresAt)
						&& (best == null || expiresAt.isAfter(best.getExpiresAt()))) {
					best = new AccessToken((String) entry.get("secret"), expiresAt, scopes,
							MsalResults.account(account), null, TokenSource.CACHE);
				}
			}
		}
		return best;
	}

	private boolean matches(Map<?, ?> entry, IAccount account, Set<String> scopes, Set<String> realms) {
		return account.homeAccountId().equals(entry.get("home_account_id"))
				&& this.application.get().clientId().equals(entry.get("client_id"))
				&& entry.get("secret") instanceof String secret && !secret.isBlank()
				&& entry.get("realm") instanceof String realm && realms.contains(realm.toLowerCase(Locale.ROOT))
				&& entry.get("target") instanceof String target && covers(target, scopes);
	}

	/**
	 * The tenants whose tokens serve a request: the authority's, or for an authority of
	 * any tenant the account's home tenant.
	 */
	private Set<String> realms(IAccount account) {
		String path = URI.create(this.application.get().authority()).getPath();
		String tenant = (path != null) ? path.replaceAll("^/+", "").split("/")[0].toLowerCase(Locale.ROOT) : "";
		if (!ANY_TENANT.contains(tenant)) {
			return Set.of(tenant);
		}
		String home = account.homeAccountId();
		int dot = home.lastIndexOf('.');
		return (dot >= 0) ? Set.of(tenant, home.substring(dot + 1).toLowerCase(Locale.ROOT)) : Set.of(tenant);
	}

	private static boolean covers(String target, Set<String> scopes) {
		Set<String> granted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		granted.addAll(Arrays.asList(target.trim().split("\\s+")));
		return granted.containsAll(scopes);
	}

	private static @Nullable Instant seconds(@Nullable Object value) {
		try {
			return (value != null) ? Instant.ofEpochSecond(Long.parseLong(value.toString().trim())) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
