package dev.desktopidentity.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.TokenSource;
import dev.desktopidentity.cache.RememberedAccount;
import dev.desktopidentity.cache.TokenCacheChanges;
import org.jspecify.annotations.Nullable;

/**
 * The last token acquired for each set of scopes, kept in memory and handed out again
 * while MSAL4J would hand out the same token from its cache: more than five minutes
 * before expiry and before the identity provider's renewal hint, for the same account,
 * as long as this process has not changed the token cache (a sign-in, a refresh, a
 * sign-out) or the remembered account since it was acquired. A hit reads no file and
 * takes no lock.
 */
final class RecentTokens {

	/**
	 * MSAL4J renews an access token with this much or less to live.
	 */
	static final Duration MSAL_REFRESH_WINDOW = Duration.ofMinutes(5);

	private static final int MAX_ENTRIES = 64;

	private final TokenCacheChanges changes;

	private final RememberedAccount rememberedAccount;

	private final boolean followsRememberedAccount;

	private final Clock clock;

	private final Map<Set<String>, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param changes the changes this process makes to the token cache
	 * @param rememberedAccount the remembered account
	 * @param followsRememberedAccount whether the account to use is the remembered one
	 * (no configured user name)
	 * @param clock the clock
	 */
	RecentTokens(TokenCacheChanges changes, RememberedAccount rememberedAccount, boolean followsRememberedAccount,
			Clock clock) {
		this.changes = changes;
		this.rememberedAccount = rememberedAccount;
		this.followsRememberedAccount = followsRememberedAccount;
		this.clock = clock;
	}

	/**
	 * Return the state to pass to {@link #store}, taken before an acquisition starts.
	 * @return the state
	 */
	Before before() {
		return new Before(this.changes.count(),
				this.followsRememberedAccount ? this.rememberedAccount.lastKnownHomeAccountId() : null);
	}

	/**
	 * Return the token to hand out again for the scopes, if there is one.
	 * @param scopes the requested scopes
	 * @return the token, from the cache as far as the caller is concerned, or {@code null}
	 */
	@Nullable AccessToken find(Set<String> scopes) {
		Entry entry = this.entries.get(scopes);
		if (entry == null) {
			return null;
		}
		if (entry.changes != this.changes.count() || (this.followsRememberedAccount
				&& !Objects.equals(entry.rememberedAccount, this.rememberedAccount.lastKnownHomeAccountId()))) {
			this.entries.remove(scopes, entry);
			return null;
		}
		return (this.clock.millis() < entry.servedUntil) ? entry.token : null;
	}

	/**
	 * Keep a token that an acquisition returned, unless the token cache or the remembered
	 * account changed while it ran (its own refresh or sign-in included: the next
	 * acquisition, from the cache, is kept).
	 * @param scopes the requested scopes
	 * @param token the token
	 * @param before the state before the acquisition
	 */
	void store(Set<String> scopes, AccessToken token, Before before) {
		if (before.changes() < 0 || before.changes() != this.changes.count()) {
			return;
		}
		long servedUntil = token.getExpiresAt().minus(MSAL_REFRESH_WINDOW).toEpochMilli();
		Instant refreshAt = token.getRefreshAt();
		if (refreshAt != null) {
			servedUntil = Math.min(servedUntil, refreshAt.toEpochMilli());
		}
		if (servedUntil <= this.clock.millis()) {
			return;
		}
		AccessToken cached = (token.getSource() == TokenSource.CACHE && token.getScopes().equals(scopes)) ? token
				: new AccessToken(token.getTokenValue(), token.getExpiresAt(), scopes, token.getAccount(), refreshAt,
						TokenSource.CACHE);
		if (this.entries.size() >= MAX_ENTRIES) {
			this.entries.clear();
		}
		this.entries.put(Set.copyOf(scopes), new Entry(cached, before.changes(), before.rememberedAccount(), servedUntil));
	}

	/**
	 * What a kept token depends on, taken before its acquisition started.
	 * @param changes the count of token cache changes
	 * @param rememberedAccount the remembered account's home account ID
	 */
	record Before(long changes, @Nullable String rememberedAccount) {

	}

	private record Entry(AccessToken token, long changes, @Nullable String rememberedAccount, long servedUntil) {

	}

}
