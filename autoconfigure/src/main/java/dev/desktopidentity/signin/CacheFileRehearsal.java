package dev.desktopidentity.signin;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.cache.RememberedAccount;
import dev.desktopidentity.cache.TokenCacheEntries;
import org.jspecify.annotations.Nullable;

/**
 * Serving a token from the token cache file, rehearsed on cache JSON made up in memory,
 * for the runs that prepare later runs (the training run of a CDS archive or an AOT
 * cache, a CRaC checkpoint): the classes that a run whose token is in the cache file
 * needs are then in the archive. It touches no file, no network, no secret store and
 * none of the application's beans; its token is not a token.
 *
 * @since 0.1.0
 * @see MsalInteractiveTokenProvider#setTokenCacheFile
 */
public final class CacheFileRehearsal {

	private static final String AUTHORITY = "https://rehearsal.desktop-identity.invalid/00000000-0000-0000-0000-0000000000aa/";

	private static final String CLIENT_ID = "00000000-0000-0000-0000-0000000000cc";

	private static final String SCOPE = "api://desktop-identity-rehearsal/read";

	private static final String CACHE = """
			{
			  "AccessToken": { "rehearsal-accesstoken": {
			    "home_account_id": "00000000-0000-0000-0000-0000000000bb.00000000-0000-0000-0000-0000000000aa",
			    "environment": "rehearsal.desktop-identity.invalid", "client_id": "00000000-0000-0000-0000-0000000000cc",
			    "credential_type": "AccessToken", "secret": "rehearsal",
			    "realm": "00000000-0000-0000-0000-0000000000aa", "target": "api://desktop-identity-rehearsal/read",
			    "cached_at": "{now}", "expires_on": "{expires}", "extended_expires_on": "{expires}" } },
			  "Account": { "rehearsal-account": {
			    "home_account_id": "00000000-0000-0000-0000-0000000000bb.00000000-0000-0000-0000-0000000000aa",
			    "environment": "rehearsal.desktop-identity.invalid", "realm": "00000000-0000-0000-0000-0000000000aa",
			    "username": "rehearsal@desktop-identity.invalid", "authority_type": "MSSTS" } }
			}
			""";

	private CacheFileRehearsal() {
	}

	/**
	 * Read made-up cache JSON and serve its token, as a run whose token is in the cache
	 * file does.
	 * @return the made-up token, or {@code null} if it was not served
	 */
	public static @Nullable AccessToken run() {
		Instant now = Instant.now();
		String json = CACHE.replace("{now}", Long.toString(now.getEpochSecond()))
			.replace("{expires}", Long.toString(now.plusSeconds(3600).getEpochSecond()));
		return new CacheFileTokens(() -> TokenCacheEntries.parse(json), CLIENT_ID, URI.create(AUTHORITY),
				RememberedAccount.inMemory(), null, Clock.systemUTC())
			.find(Set.of(SCOPE));
	}

}
