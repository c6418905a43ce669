package dev.desktopidentity.cache;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The accounts and access tokens of MSAL4J's token cache, as its JSON holds them, read
 * without MSAL4J: enough to tell whether the cache holds a token that MSAL4J would hand
 * out, at a fraction of the cost of building MSAL4J's application to ask it. Only a
 * cache whose shape MSAL4J accepts (see {@link TokenCacheShape}) is read.
 *
 * @param accounts the entries of the {@code Account} section
 * @param accessTokens the plain entries of the {@code AccessToken} section
 * @since 0.1.0
 */
public record TokenCacheEntries(List<CachedAccount> accounts, List<CachedAccessToken> accessTokens) {

	/**
	 * Create an instance.
	 * @param accounts the entries of the {@code Account} section
	 * @param accessTokens the entries of the {@code AccessToken} section
	 */
	public TokenCacheEntries {
		accounts = List.copyOf(accounts);
		accessTokens = List.copyOf(accessTokens);
	}

	/**
	 * Read cache JSON, as {@code ITokenCache.serialize()} writes it.
	 * @param json the JSON
	 * @return the entries, or {@code null} if MSAL4J could not use the JSON safely
	 */
	public static @Nullable TokenCacheEntries parse(String json) {
		try {
			return TokenCacheShape.check(json);
		}
		catch (UnreadableCacheException ex) {
			return null;
		}
	}

	/**
	 * An entry of the {@code Account} section.
	 *
	 * @param homeAccountId the home account ID
	 * @param environment the host of the identity provider, without a port
	 * @param realm the tenant, or {@code null}
	 * @param username the user name, or {@code null}
	 */
	public record CachedAccount(String homeAccountId, String environment, @Nullable String realm,
			@Nullable String username) {

	}

	/**
	 * A plain entry of the {@code AccessToken} section: a bearer token, neither bound to a
	 * key nor obtained on behalf of another user. Its {@link #toString()} leaves out the
	 * token.
	 *
	 * @param homeAccountId the home account ID, or {@code null}
	 * @param environment the host of the identity provider, without a port
	 * @param clientId the client ID
	 * @param realm the tenant
	 * @param target the granted scopes, separated by spaces
	 * @param secret the access token, or {@code null}
	 * @param expiresOn when the token expires, in seconds since the epoch
	 * @param refreshOn when MSAL4J renews the token early, in seconds since the epoch, or
	 * {@code null}
	 */
	public record CachedAccessToken(@Nullable String homeAccountId, String environment, String clientId,
			String realm, String target, @Nullable String secret, long expiresOn, @Nullable Long refreshOn) {

		@Override
		public String toString() {
			return "CachedAccessToken[homeAccountId=" + this.homeAccountId + ", environment=" + this.environment
					+ ", clientId=" + this.clientId + ", realm=" + this.realm + ", target=" + this.target
					+ ", expiresOn=" + this.expiresOn + ", refreshOn=" + this.refreshOn + "]";
		}

	}

}
