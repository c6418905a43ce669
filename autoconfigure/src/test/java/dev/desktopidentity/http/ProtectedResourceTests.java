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
			"HTTPS://api.contoso.test/v1/me", "https://api.contoso.test/v1/a%2Fb" })
	void matchesWhenUnderBaseUrlThenTrue(String url) {
		assertThat(this.api.matches(URI.create(url))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.contoso.test/v2/me", "https://api.contoso.test/v10",
			"https://api.contoso.test/", "https://api.contoso.test", "https://api.contoso.test:8443/v1/me",
			"http://api.contoso.test/v1/me", "http://api.contoso.test:443/v1/me", "https://api.contoso.test.evil.test/v1/me",
			"https://evil.test/v1/me", "https://api.contoso.test@evil.test/v1/me",
			"https://user:pass@api.contoso.test/v1/me", "https://api.contoso.test/v1/../admin",
			"https://api.contoso.test/v1/./me", "https://api.contoso.test/v1/..", "wss://api.contoso.test/v1/me",
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
