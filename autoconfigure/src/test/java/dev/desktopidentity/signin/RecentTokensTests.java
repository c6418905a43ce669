package dev.desktopidentity.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.TokenCache;
import com.microsoft.aad.msal4j.TokenCacheAccessContext;
import dev.desktopidentity.AccessToken;
import dev.desktopidentity.SignedInAccount;
import dev.desktopidentity.TokenSource;
import dev.desktopidentity.cache.RememberedAccount;
import dev.desktopidentity.cache.TokenCacheChanges;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RecentTokens}: which tokens it hands out again, and for how long.
 */
class RecentTokensTests {

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	private static final Set<String> SCOPES = Set.of("api://contoso/read");

	private static final SignedInAccount ALICE = new SignedInAccount("alice@contoso.test", "alice.home", "login.test");

	private final TokenCacheChanges changes = new TokenCacheChanges();

	private final ITokenCacheAccessAspect aspect = this.changes.track(null);

	private final RememberedAccount remembered = RememberedAccount.inMemory();

	private final RecentTokens recent = new RecentTokens(this.changes, this.remembered, true,
			Clock.fixed(NOW, ZoneOffset.UTC));

	@BeforeEach
	void accessCache() {
		this.remembered.remember(ALICE);
		access(false);
	}

	@Test
	void findWhenStoredMoreThanFiveMinutesBeforeExpiryThenSameTokenFromCache() {
		store(token(NOW.plus(Duration.ofMinutes(6)), null, TokenSource.BROWSER));
		AccessToken found = this.recent.find(SCOPES);
		assertThat(found).isNotNull();
		assertThat(found.getTokenValue()).isEqualTo("token");
		assertThat(found.getSource()).isEqualTo(TokenSource.CACHE);
		assertThat(found.getScopes()).isEqualTo(SCOPES);
		assertThat(found.getAccount()).isEqualTo(ALICE);
		assertThat(this.recent.find(Set.of("api://contoso/write"))).isNull();
	}

	@Test
	void findWhenInsideMsalRefreshWindowOrPastRefreshHintThenNothing() {
		store(token(NOW.plus(Duration.ofMinutes(5)), null, TokenSource.CACHE));
		assertThat(this.recent.find(SCOPES)).isNull();
		store(token(NOW.plus(Duration.ofHours(1)), NOW, TokenSource.CACHE));
		assertThat(this.recent.find(SCOPES)).isNull();
	}

	@Test
	void findWhenTokenCacheChangedSinceThenNothing() {
		store(token(NOW.plus(Duration.ofHours(1)), null, TokenSource.CACHE));
		access(true);
		assertThat(this.recent.find(SCOPES)).isNull();
	}

	@Test
	void storeWhenTokenCacheChangedDuringAcquisitionThenNotKept() {
		RecentTokens.Before before = this.recent.before();
		access(true);
		this.recent.store(SCOPES, token(NOW.plus(Duration.ofHours(1)), null, TokenSource.REFRESH_TOKEN), before);
		assertThat(this.recent.find(SCOPES)).isNull();
	}

	@Test
	void findWhenAnotherAccountRememberedThenNothing() {
		store(token(NOW.plus(Duration.ofHours(1)), null, TokenSource.CACHE));
		this.remembered.remember(new SignedInAccount("bob@contoso.test", "bob.home", "login.test"));
		assertThat(this.recent.find(SCOPES)).isNull();
	}

	@Test
	void findWhenChangesNeverTrackedThenNothing() {
		RecentTokens untracked = new RecentTokens(new TokenCacheChanges(), this.remembered, true,
				Clock.fixed(NOW, ZoneOffset.UTC));
		untracked.store(SCOPES, token(NOW.plus(Duration.ofHours(1)), null, TokenSource.CACHE), untracked.before());
		assertThat(untracked.find(SCOPES)).isNull();
	}

	private void store(AccessToken token) {
		this.recent.store(SCOPES, token, this.recent.before());
	}

	private static AccessToken token(Instant expiresAt, Instant refreshAt, TokenSource source) {
		return new AccessToken("token", expiresAt, Set.of("api://contoso/read", "openid"), ALICE, refreshAt, source);
	}

	private void access(boolean change) {
		TokenCacheAccessContext context = TokenCacheAccessContext.builder()
			.tokenCache(new TokenCache())
			.clientId("client")
			.hasCacheChanged(change)
			.build();
		this.aspect.beforeCacheAccess(context);
		this.aspect.afterCacheAccess(context);
	}

}
