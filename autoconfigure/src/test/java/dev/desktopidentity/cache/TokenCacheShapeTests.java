package dev.desktopidentity.cache;

import com.microsoft.aad.msal4j.TokenCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link TokenCacheShape} and {@link CacheJson}: valid caches of every form MSAL4J
 * reads pass, and what is not JSON is refused without naming a value.
 */
class TokenCacheShapeTests {

	@ParameterizedTest
	@ValueSource(strings = { "{}", " { } ", "{\"AccessToken\":{},\"RefreshToken\":{},\"IdToken\":{},\"Account\":{},"
			+ "\"AppMetadata\":{}}",
			"{\"Other\":[1,-2.5e+3,true,false,null,{\"a\":[{}, [], \"\\u00e9\\n\\\"\"]}],\"Account\":{}}",
			"{\"Account\":{\"k\":{\"home_account_id\":\"h\\/x\",\"environment\":\"e\",\"username\":null,"
					+ "\"extra\":{\"nested\":[1,{\"b\":\"c\"}]},\"name\":\"\\u00c9lise \\\"E\\\"\"}}}",
			"{\"Account\":{\"k\":{\"home_account_id\":null,\"home_account_id\":\"h\",\"environment\":\"e\"}}}",
			"{\"AccessToken\":{\"k\":{\"environment\":\"e\",\"client_id\":\"c\",\"realm\":\"r\",\"target\":\"t\","
					+ "\"expires_on\":\"1700000000\",\"refresh_on\":\"-1\",\"unknown\":5}}}" })
	void checkWhenValidThenPasses(String json) {
		assertThatNoException().isThrownBy(() -> TokenCacheShape.check(json));
	}

	@Test
	void checkWhenWrittenByMsalThenPasses() {
		TokenCache cache = new TokenCache();
		for (int i = 0; i < 50; i++) {
			cache.deserialize(TestCaches.account("user-" + i + "-\u00e9"));
		}
		cache.deserialize("{\"Account\":{\"k\":{\"home_account_id\":\"h\",\"environment\":\"e\","
				+ "\"username\":\"quote \\\" backslash \\\\ tab \\t\"}}}");
		assertThatNoException().isThrownBy(() -> TokenCacheShape.check(cache.serialize()));
	}

	@Test
	void checkThenReadsAccountsAndPlainAccessTokens() throws UnreadableCacheException {
		String entry = "\"environment\":\"login.example.test\",\"client_id\":\"c\",\"realm\":\"r\","
				+ "\"target\":\"a b\",\"expires_on\":\"1700000000\",\"home_account_id\":\"h\",";
		TokenCacheEntries entries = TokenCacheShape.check("{\"Account\":{\"k\":{\"home_account_id\":\"h\","
				+ "\"environment\":\"login.example.test\",\"realm\":\"r\",\"username\":\"alice@example.test\"}},"
				+ "\"AccessToken\":{\"plain\":{" + entry + "\"secret\":\"AT-1\",\"refresh_on\":\"1690000000\","
				+ "\"credential_type\":\"AccessToken\"},"
				+ "\"pop\":{" + entry + "\"secret\":\"AT-2\",\"credential_type\":\"AccessToken_With_AuthScheme\"},"
				+ "\"keyed\":{" + entry + "\"secret\":\"AT-3\",\"ext_cache_key_hash\":\"x\"},"
				+ "\"obo\":{" + entry + "\"secret\":\"AT-4\",\"user_assertion_hash\":\"y\"}}}");
		assertThat(entries.accounts()).containsExactly(
				new TokenCacheEntries.CachedAccount("h", "login.example.test", "r", "alice@example.test"));
		assertThat(entries.accessTokens()).singleElement().satisfies((token) -> {
			assertThat(token).isEqualTo(new TokenCacheEntries.CachedAccessToken("h", "login.example.test", "c", "r",
					"a b", "AT-1", 1700000000L, 1690000000L));
			assertThat(token.toString()).doesNotContain("AT-1");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}", "[1,]", "{\"a\":[1 2]}",
			"{\"a\":[1}", "{\"a\":{]}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":tru}", "{\"a\":\"x}",
			"{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"tab\there\"}", "{'a':1}", "{\"a\":1}x",
			"{\"a\":{\"b\":1}\"c\":2}", "{\"Account\":{\"k\":{\"home_account_id\":\"h\" \"environment\":\"e\"}}}" })
	void checkWhenNotJsonThenRefusedWithoutValue(String json) {
		assertThatExceptionOfType(UnreadableCacheException.class).isThrownBy(() -> TokenCacheShape.check(json))
			.withMessageStartingWith("it is not")
			.withMessageNotContaining("\"");
	}

}
