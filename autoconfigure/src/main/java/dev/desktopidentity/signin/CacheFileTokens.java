package dev.desktopidentity.signin;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.SignedInAccount;
import dev.desktopidentity.TokenSource;
import dev.desktopidentity.cache.RememberedAccount;
import dev.desktopidentity.cache.TokenCacheEntries;
import dev.desktopidentity.cache.TokenCacheEntries.CachedAccessToken;
import dev.desktopidentity.cache.TokenCacheEntries.CachedAccount;
import org.jspecify.annotations.Nullable;

/**
 * Serves a token straight from the token cache file, before MSAL4J's application is
 * built: the token that MSAL4J's silent acquisition would hand out from its cache, as it
 * describes it (with the requested scopes), for the account it would choose (the configured user name, else the remembered account,
 * else the only one). Anything else (no such token, one that MSAL4J would renew because
 * it expires within five minutes or its {@code refresh_on} has passed, an account that
 * is not certain, a file that cannot be read) is left to MSAL4J.
 */
final class CacheFileTokens {

	/** MSAL4J renews a token that has this many seconds or fewer to live. */
	private static final long EXPIRY_BUFFER_SECONDS = 300;

	private final Supplier<@Nullable TokenCacheEntries> entries;

	private final CachedTokenMatch match;

	private final RememberedAccount rememberedAccount;

	private final @Nullable String username;

	private final Clock clock;

	/**
	 * Create an instance.
	 * @param entries reads the cache file, {@code null} if there is none or it cannot be
	 * read
	 * @param clientId the application's client ID
	 * @param authority the application's authority
	 * @param rememberedAccount the account that signed in last
	 * @param username the user name of the account to use, or {@code null}
	 * @param clock the clock
	 */
	CacheFileTokens(Supplier<@Nullable TokenCacheEntries> entries, String clientId, URI authority,
			RememberedAccount rememberedAccount, @Nullable String username, Clock clock) {
		this.entries = entries;
		this.match = new CachedTokenMatch(clientId, authority);
		this.rememberedAccount = rememberedAccount;
		this.username = username;
		this.clock = clock;
	}

	/**
	 * Return the token that MSAL4J would hand out from its cache, or {@code null}.
	 * @param scopes the requested scopes
	 * @return the token, or {@code null} if MSAL4J has to be asked
	 */
	@Nullable AccessToken find(Set<String> scopes) {
		TokenCacheEntries entries = this.entries.get();
		if (entries == null) {
			return null;
		}
		CachedAccount account = account(entries.accounts());
		if (account == null || account.username() == null || account.username().isBlank()) {
			return null;
		}
		long now = this.clock.instant().getEpochSecond();
		CachedAccessToken token = this.match.find(entries.accessTokens(), account.homeAccountId(), scopes,
				(candidate) -> this.match.isOfAuthority(candidate.environment())
						&& candidate.expiresOn() > now + EXPIRY_BUFFER_SECONDS
						&& (candidate.refreshOn() == null || candidate.refreshOn() <= 0 || candidate.refreshOn() > now));
		if (token == null) {
			return null;
		}
		SignedInAccount signedIn = new SignedInAccount(account.username(), account.homeAccountId(),
				account.environment());
		Long refreshOn = token.refreshOn();
		AccessToken accessToken = new AccessToken(Objects.requireNonNull(token.secret()),
				Instant.ofEpochSecond(token.expiresOn()), scopes, signedIn,
				(refreshOn != null && refreshOn > 0) ? Instant.ofEpochSecond(refreshOn) : null, TokenSource.CACHE);
		this.rememberedAccount.remember(signedIn);
		return accessToken;
	}

	/**
	 * The account MSAL4J's silent acquisition would use, or {@code null} if there is none
	 * or it is not certain which.
	 */
	private @Nullable CachedAccount account(List<CachedAccount> entries) {
		Map<String, CachedAccount> accounts = new LinkedHashMap<>();
		for (CachedAccount account : entries) {
			if (this.match.isOfAuthority(account.environment())
					&& (this.username == null || this.username.equalsIgnoreCase(account.username()))) {
				accounts.putIfAbsent(account.homeAccountId(), account);
			}
		}
		if (this.username == null) {
			String remembered = this.rememberedAccount.homeAccountId();
			if (remembered != null && accounts.containsKey(remembered)) {
				return accounts.get(remembered);
			}
		}
		return (accounts.size() == 1) ? accounts.values().iterator().next() : null;
	}

}
