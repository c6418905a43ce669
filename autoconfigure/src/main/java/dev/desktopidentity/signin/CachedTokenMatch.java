package dev.desktopidentity.signin;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import dev.desktopidentity.cache.TokenCacheEntries.CachedAccessToken;
import org.jspecify.annotations.Nullable;

/**
 * Finds the access token of an account in the token cache's entries the way MSAL4J's
 * silent acquisition does: the client ID, the tenant of the authority (for an authority
 * of any tenant, the account's home tenant) and every requested scope, ignoring case;
 * of several, the one that expires last.
 */
final class CachedTokenMatch {

	private static final Set<String> ANY_TENANT = Set.of("common", "organizations", "consumers");

	/**
	 * The hosts of each Microsoft cloud that MSAL4J treats as one: a token cached under
	 * one serves an authority on another (the aliases of Microsoft Entra ID's instance
	 * discovery metadata).
	 */
	private static final List<Set<String>> ALIASES = List.of(
			Set.of("login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net"),
			Set.of("login.partner.microsoftonline.cn", "login.chinacloudapi.cn"),
			Set.of("login.microsoftonline.us", "login.usgovcloudapi.net"));

	private final String clientId;

	private final String tenant;

	private final Set<String> environments;

	/**
	 * Create a match for an application.
	 * @param clientId the application's client ID
	 * @param authority the application's authority
	 */
	CachedTokenMatch(String clientId, URI authority) {
		this.clientId = clientId;
		String path = authority.getPath();
		this.tenant = (path != null) ? path.replaceAll("^/+", "").split("/")[0].toLowerCase(Locale.ROOT) : "";
		String host = (authority.getHost() != null) ? authority.getHost().toLowerCase(Locale.ROOT) : "";
		this.environments = ALIASES.stream().filter((aliases) -> aliases.contains(host)).findFirst().orElse(Set.of(host));
	}

	/**
	 * Return whether the cache entries of an environment are the authority's.
	 * @param environment the environment of a cache entry
	 * @return whether it is the authority's host or one of its aliases
	 */
	boolean isOfAuthority(String environment) {
		return this.environments.contains(environment.toLowerCase(Locale.ROOT));
	}

	/**
	 * Return the matching token of an account that expires last, among those that are
	 * usable.
	 * @param tokens the cached access tokens
	 * @param homeAccountId the account's home account ID
	 * @param scopes the requested scopes
	 * @param usable which tokens may be handed out
	 * @return the token, or {@code null}
	 */
	@Nullable CachedAccessToken find(List<CachedAccessToken> tokens, String homeAccountId, Set<String> scopes,
			Predicate<CachedAccessToken> usable) {
		Set<String> realms = realms(homeAccountId);
		CachedAccessToken best = null;
		for (CachedAccessToken token : tokens) {
			if (homeAccountId.equals(token.homeAccountId()) && this.clientId.equals(token.clientId())
					&& token.secret() != null && !token.secret().isBlank()
					&& realms.contains(token.realm().toLowerCase(Locale.ROOT)) && covers(token.target(), scopes)
					&& usable.test(token) && (best == null || token.expiresOn() > best.expiresOn())) {
				best = token;
			}
		}
		return best;
	}

	private Set<String> realms(String homeAccountId) {
		if (!ANY_TENANT.contains(this.tenant)) {
			return Set.of(this.tenant);
		}
		int dot = homeAccountId.lastIndexOf('.');
		return (dot >= 0) ? Set.of(this.tenant, homeAccountId.substring(dot + 1).toLowerCase(Locale.ROOT))
				: Set.of(this.tenant);
	}

	private static boolean covers(String target, Set<String> scopes) {
		Set<String> granted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		granted.addAll(Arrays.asList(target.trim().split("\\s+")));
		return granted.containsAll(scopes);
	}

}
