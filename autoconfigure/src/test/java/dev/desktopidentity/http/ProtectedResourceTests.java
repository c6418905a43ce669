package dev.desktopidentity.http;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ProtectedResource}: which URLs get the token.
 */
class ProtectedResourceTests {

	private final ProtectedResource api = ProtectedResource.of("api", URI.create("https://api.contoso.test/v1"),
			List.of("api://contoso/read"));

	private final ProtectedResource root = ProtectedResource.of("root", URI.create("https://api.contoso.test/"),
			List.of("api://contoso/read"));

	@ParameterizedTest
	@ValueSource(strings = { "https://api.contoso.test/v1", "https://api.contoso.test/v1/", "https://api.contoso.test/v1/me",
			"https://API.Contoso.TEST/v1/me?select=name#top", "https://api.contoso.test:443/v1/me",
			"HTTPS://api.contoso.test/v1/me", "HTTPS://API.CONTOSO.TEST:443/v1/me",
			"https://api.contoso.test:0443/v1/me",
			"https://api.contoso.test/v1/me?next=/../admin", "https://api.contoso.test/v1/me#/../../admin",
			"https://api.contoso.test/v1/.well-known/config", "https://api.contoso.test/v1/..x",
			"https://api.contoso.test/v1/x..", "https://api.contoso.test/v1/a.b.c", "https://api.contoso.test/v1/...x",
			"https://api.contoso.test/v1/file%20name", "https://api.contoso.test/v1/caf%C3%A9",
			"https://api.contoso.test/v1/100%25", "https://api.contoso.test/v1/a%2Eb", "https://api.contoso.test/v1/a%252Eb",
			"https://api.contoso.test/v1/items;version=2", "https://api.contoso.test/v1/me/",
			"https://api.contoso.test/v1//me", "https://api.contoso.test/v1/%7Euser", "https://api.contoso.test/v1/%41" })
	void matchesWhenUnderBaseUrlThenTrue(String url) {
		assertThat(this.api.matches(URI.create(url))).isTrue();
	}

	/**
	 * Every spelling that some server decodes or normalizes to a path outside
	 * {@code /v1}, or that servers read differently.
	 */
	@ParameterizedTest
	@ValueSource(strings = {
			// dot segments, plain and percent-encoded in any case and mix
			"/v1/../admin", "/v1/./me", "/v1/..", "/v1/.", "/v1/%2e%2e/admin", "/v1/%2E%2E/admin", "/v1/.%2e/admin",
			"/v1/%2e./admin", "/v1/%2e/me", "/v1/me/%2e%2e/%2e%2e/admin", "/v1/%2e%2e",
			// double and triple encoding
			"/v1/%252e%252e/admin", "/v1/%25252e%25252e/admin", "/v1/%252E./admin", "/v1/%2525252e%2525252e/admin",
			// matrix parameters on a dot segment, raw or encoded
			"/v1/..;/admin", "/v1/..;jsessionid=x/admin", "/v1/.;/me", "/v1/%2e%2e;/admin", "/v1/..%3b/admin",
			"/v1/..%3Bx/admin", "/v1/a;..;b/../admin", "/v1/x;../admin",
			// encoded slashes and backslashes
			"/v1/..%2fadmin", "/v1/..%2Fadmin", "/v1/%2e%2e%2fadmin", "/v1/a%2Fb", "/v1/..%5cadmin", "/v1/..%5Cadmin",
			"/v1/%5c..%5cadmin", "/v1/a%5Cb", "/v1/%252f", "/v1/..%252fadmin",
			// overlong and non-UTF-8 escapes
			"/v1/%c0%ae%c0%ae/admin", "/v1/%C0%AE./admin",
			"/v1/%e0%80%ae%e0%80%ae/admin", "/v1/%ff/me", "/v1/%25c0%25ae%25c0%25ae/admin",
			// control characters, trailing dots and spaces, Unicode dots
			"/v1/..%00/admin", "/v1/%00", "/v1/..%20/admin", "/v1/%20../admin", "/v1/...", "/v1/..../admin",
			"/v1/.%20./admin", "/v1/..%09/admin", "/v1/..%c2%a0/admin", "/v1/%ef%bc%8e%ef%bc%8e/admin",
			"/v1/%e2%80%a5/admin", "/v1/%e2%80%a4%e2%80%a4/admin", "/v1/%252e%252e%3b%25zz/admin",
			// the base path spelled differently, or run into
			"/v1;x/admin", "/v1%2fadmin", "/v1%2F..%2Fadmin", "/v1./admin", "/v1..", "/%76%31/me", "//v1/me",
			"/V1/me", "/v1%00/me", "/v10/me" })
	void matchesWhenPathCouldBeReadAsOutsideBaseThenFalse(String path) {
		assertThat(this.api.matches(URI.create("https://api.contoso.test" + path))).as(path).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\uff0e\uff0e", "\u2025", "\u2024\u2024", "\uff0e." })
	void matchesWhenUnicodeCompatibilityDotsThenFalse(String dots) throws Exception {
		URI url = new URI("https", "api.contoso.test", "/v1/" + dots + "/admin", null);
		assertThat(url.getRawPath()).doesNotContain("%");
		assertThat(this.api.matches(url)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.contoso.test/v1/..", "https://api.contoso.test/v1/%2e%2e/x",
			"https://api.contoso.test/v1//x", "https://api.contoso.test/v1%2Fx",
			"https://api.contoso.test/%2e" })
	void ofWhenBasePathIsNotPlainThenRejected(String url) {
		assertThat(ProtectedResource.problemWithBaseUrl(URI.create(url))).contains("plain path");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.contoso.test/v2/me", "https://api.contoso.test/v10",
			"https://api.contoso.test/", "https://api.contoso.test", "https://api.contoso.test:8443/v1/me",
			"http://api.contoso.test/v1/me", "http://api.contoso.test:443/v1/me", "https://api.contoso.test.evil.test/v1/me",
			"https://evil.test/v1/me", "https://api.contoso.test@evil.test/v1/me",
			"https://user:pass@api.contoso.test/v1/me", "https://api.contoso.test/v1/../admin",
			"https://api.contoso.test/v1/./me", "https://api.contoso.test/v1/..", "wss://api.contoso.test/v1/me",
			"https://api.contoso.test./v1/me", "https://api.contoso.test:80/v1/me",
			"https://sub.api.contoso.test/v1/me" })
	void matchesWhenOutsideBaseUrlThenFalse(String url) {
		assertThat(this.api.matches(URI.create(url))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.contoso.test", "https://api.contoso.test/", "https://api.contoso.test/any/path",
			"https://api.contoso.test/v1/..x" })
	void matchesWhenBaseIsRootThenWholeOrigin(String url) {
		assertThat(this.root.matches(URI.create(url))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080", "http://127.0.0.1/api", "http://127.1.2.3:9000",
			"http://[::1]:8080/api", "https://api.contoso.test" })
	void ofWhenHttpsOrHttpToLoopbackThenAccepted(String url) {
		assertThat(ProtectedResource.problemWithBaseUrl(URI.create(url))).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://api.contoso.test", "http://localhost.evil.test", "http://127.0.0.1.evil.test",
			"http://128.0.0.1", "http://10.0.0.1", "http://[::2]", "ftp://api.contoso.test", "/relative/path",
			"https://api.contoso.test/v1?x=1", "https://user@api.contoso.test", "https://api.contoso.test/#f" })
	void ofWhenPlainHttpToAnotherHostOrNotABaseUrlThenRejected(String url) {
		assertThat(ProtectedResource.problemWithBaseUrl(URI.create(url))).isNotNull();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProtectedResource.of("api", URI.create(url), List.of("api://contoso/read")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080/api/me", "http://127.0.0.1:8080/api/me" })
	void matchesWhenLoopbackBaseThenOnlyThatHostNameAndPort(String url) {
		ProtectedResource local = ProtectedResource.of("local", URI.create("http://localhost:8080/api"),
				List.of("api://local/read"));
		assertThat(local.matches(URI.create(url))).isEqualTo(url.contains("localhost"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "two words" })
	void ofWhenScopeIsNotOneWordThenRejected(String scope) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProtectedResource.of("api", URI.create("https://api.contoso.test"), List.of(scope)));
	}

}
