package dev.desktopidentity.signin;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.SignedInAccount;
import dev.desktopidentity.TokenSource;
import dev.desktopidentity.cache.RememberedAccount;
import dev.desktopidentity.cache.TokenCacheEntries;
import dev.desktopidentity.cache.TokenCacheEntries.CachedAccessToken;
import dev.desktopidentity.cache.TokenCacheEntries.CachedAccount;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CacheFileTokens}: a token is served from the cache file's entries only
 * where MSAL4J's silent acquisition would hand out the same one from its cache.
 */
class CacheFileTokensTests {

	private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

	private static final String TENANT = "3c5e8f1a-6d2b-4f7e-9a1c-8b4d2e6f0a17";

	private static final String CLIENT_ID = "client";

	private static final String ALICE = "alice-oid." + TENANT;

	private static final String BOB = "bob-oid." + TENANT;

	private static final Set<String> SCOPES = Set.of("api://app/read");

	private final List<CachedAccount> accounts = new ArrayList<>();

	private final List<CachedAccessToken> tokens = new ArrayList<>();

	private final RememberedAccount remembered = RememberedAccount.inMemory();

	private final AtomicInteger reads = new AtomicInteger();

	@Test
	void findWhenOneAccountWithValidTokenThenServesItAsMsalWould() {
		account(ALICE, "alice@contoso.test");
		this.tokens.add(new CachedAccessToken(ALICE, "login.microsoftonline.com", CLIENT_ID, TENANT,
				"api://app/read openid profile offline_access", "AT-alice", seconds(3600), seconds(1800)));
		AccessToken token = tokens(null).find(SCOPES);
		assertThat(token).isNotNull();
		assertThat(token.getTokenValue()).isEqualTo("AT-alice");
		assertThat(token.getExpiresAt()).isEqualTo(NOW.plusSeconds(3600));
		assertThat(token.getRefreshAt()).isEqualTo(NOW.plusSeconds(1800));
		assertThat(token.getScopes()).containsExactly("api://app/read");
		assertThat(token.getSource()).isEqualTo(TokenSource.CACHE);
		assertThat(token.getAccount())
			.isEqualTo(new SignedInAccount("alice@contoso.test", ALICE, "login.microsoftonline.com"));
		assertThat(this.remembered.homeAccountId()).isEqualTo(ALICE);
		assertThat(this.reads).hasValue(1);
	}

	@Test
	void findWhenTokenExpiresWithinFiveMinutesThenLeavesRenewalToMsal() {
		account(ALICE, "alice@contoso.test");
		token(ALICE, "AT-soon", seconds(299));
		assertThat(tokens(null).find(SCOPES)).isNull();
	}

	@Test
	void findWhenRefreshOnPassedThenLeavesRenewalToMsal() {
		account(ALICE, "alice@contoso.test");
		this.tokens.add(new CachedAccessToken(ALICE, "login.microsoftonline.com", CLIENT_ID, TENANT, "api://app/read",
				"AT-alice", seconds(3600), seconds(-1)));
		assertThat(tokens(null).find(SCOPES)).isNull();
	}

	@Test
	void findWhenSeveralTokensMatchThenServesTheOneThatExpiresLast() {
		account(ALICE, "alice@contoso.test");
		token(ALICE, "AT-early", seconds(1200));
		token(ALICE, "AT-late", seconds(3000));
		token(ALICE, "AT-middle", seconds(2000));
		assertThat(tokens(null).find(SCOPES).getTokenValue()).isEqualTo("AT-late");
	}

	@Test
	void findWhenScopeNotGrantedOrOtherClientOrTenantThenNull() {
		account(ALICE, "alice@contoso.test");
		this.tokens.add(new CachedAccessToken(ALICE, "login.microsoftonline.com", CLIENT_ID, TENANT, "api://app/write",
				"AT-1", seconds(3600), null));
		this.tokens.add(new CachedAccessToken(ALICE, "login.microsoftonline.com", "other", TENANT, "api://app/read",
				"AT-2", seconds(3600), null));
		this.tokens.add(new CachedAccessToken(ALICE, "login.microsoftonline.com", CLIENT_ID, "other-tenant",
				"api://app/read", "AT-3", seconds(3600), null));
		this.tokens.add(new CachedAccessToken(ALICE, "login.other.test", CLIENT_ID, TENANT, "api://app/read", "AT-4",
				seconds(3600), null));
		this.tokens.add(new CachedAccessToken(ALICE, "login.microsoftonline.com", CLIENT_ID, TENANT, "api://app/read",
				"", seconds(3600), null));
		assertThat(tokens(null).find(SCOPES)).isNull();
	}

	@Test
	void findWhenScopesDifferInCaseThenMatchesAsMsalDoes() {
		account(ALICE, "alice@contoso.test");
		token(ALICE, "AT-alice", seconds(3600));
		assertThat(tokens(null).find(Set.of("API://APP/READ"))).isNotNull();
	}

	@Test
	void findWhenTokenCachedUnderAnAliasOfTheAuthorityHostThenServesIt() {
		this.accounts.add(new CachedAccount(ALICE, "login.windows.net", TENANT, "alice@contoso.test"));
		this.tokens.add(new CachedAccessToken(ALICE, "login.windows.net", CLIENT_ID, TENANT, "api://app/read",
				"AT-alias", seconds(3600), null));
		assertThat(tokens(null).find(SCOPES).getTokenValue()).isEqualTo("AT-alias");
	}

	@Test
	void findWhenAuthorityOfAnyTenantThenServesTheHomeTenantsToken() {
		account(ALICE, "alice@contoso.test");
		token(ALICE, "AT-home", seconds(3600));
		CacheFileTokens common = new CacheFileTokens(this::entries, CLIENT_ID,
				URI.create("https://login.microsoftonline.com/organizations/"), this.remembered, null, clock());
		assertThat(common.find(SCOPES).getTokenValue()).isEqualTo("AT-home");
	}

	@Test
	void findWhenTwoAccountsAndNoneRememberedThenNull() {
		aliceAndBob();
		assertThat(tokens(null).find(SCOPES)).isNull();
	}

	@Test
	void findWhenTwoAccountsThenServesTheRememberedOnesToken() {
		aliceAndBob();
		this.remembered.remember(new SignedInAccount("bob@contoso.test", BOB, "login.microsoftonline.com"));
		assertThat(tokens(null).find(SCOPES).getTokenValue()).isEqualTo("AT-bob");
	}

	@Test
	void findWhenUsernameConfiguredThenServesThatAccountsTokenOnly() {
		aliceAndBob();
		this.remembered.remember(new SignedInAccount("bob@contoso.test", BOB, "login.microsoftonline.com"));
		assertThat(tokens("ALICE@contoso.test").find(SCOPES).getTokenValue()).isEqualTo("AT-alice");
		assertThat(tokens("carol@contoso.test").find(SCOPES)).isNull();
	}

	@Test
	void findWhenAccountHasNoUsernameThenLeavesItToMsal() {
		account(ALICE, null);
		token(ALICE, "AT-alice", seconds(3600));
		assertThat(tokens(null).find(SCOPES)).isNull();
	}

	@Test
	void findWhenNoFileThenNull() {
		CacheFileTokens tokens = new CacheFileTokens(() -> null, CLIENT_ID,
				URI.create("https://login.microsoftonline.com/" + TENANT + "/"), this.remembered, null, clock());
		assertThat(tokens.find(SCOPES)).isNull();
		assertThat(this.remembered.homeAccountId()).isNull();
	}

	private CacheFileTokens tokens(@Nullable String username) {
		return new CacheFileTokens(this::entries, CLIENT_ID,
				URI.create("https://login.microsoftonline.com/" + TENANT + "/"), this.remembered, username, clock());
	}

	private TokenCacheEntries entries() {
		this.reads.incrementAndGet();
		return new TokenCacheEntries(this.accounts, this.tokens);
	}

	private void aliceAndBob() {
		account(ALICE, "alice@contoso.test");
		account(BOB, "bob@contoso.test");
		token(ALICE, "AT-alice", seconds(3600));
		token(BOB, "AT-bob", seconds(3600));
	}

	private void account(String homeAccountId, @Nullable String username) {
		this.accounts.add(new CachedAccount(homeAccountId, "login.microsoftonline.com", TENANT, username));
	}

	private void token(String homeAccountId, String secret, long expiresOn) {
		this.tokens.add(new CachedAccessToken(homeAccountId, "login.microsoftonline.com", CLIENT_ID, TENANT,
				"api://app/read", secret, expiresOn, null));
	}

	private static long seconds(long fromNow) {
		return NOW.getEpochSecond() + fromNow;
	}

	private static Clock clock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

}
