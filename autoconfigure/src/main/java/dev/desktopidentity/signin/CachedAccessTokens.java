package dev.desktopidentity.signin;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.AccessToken;
import dev.desktopidentity.TokenSource;
import dev.desktopidentity.cache.TokenCacheEntries;
import dev.desktopidentity.cache.TokenCacheEntries.CachedAccessToken;
import dev.desktopidentity.msal.MsalResults;
import org.jspecify.annotations.Nullable;

/**
 * Finds an access token in MSAL4J's token cache that has not expired yet, even inside
 * the five minutes before expiry in which MSAL4J no longer hands it out but renews it.
 * Reads the cache as the last access loaded it, matching the way MSAL4J does (see
 * {@link CachedTokenMatch}).
 */
final class CachedAccessTokens {

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
		PublicClientApplication application = this.application.get();
		TokenCacheEntries entries = TokenCacheEntries.parse(application.tokenCache().serialize());
		if (entries == null) {
			return null;
		}
		CachedAccessToken token = new CachedTokenMatch(application.clientId(), URI.create(application.authority()))
			.find(entries.accessTokens(), account.homeAccountId(), scopes,
					(candidate) -> now.isBefore(Instant.ofEpochSecond(candidate.expiresOn())));
		return (token != null) ? new AccessToken(token.secret(), Instant.ofEpochSecond(token.expiresOn()), scopes,
				MsalResults.account(account), null, TokenSource.CACHE) : null;
	}

}
