package dev.desktopidentity.http;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenSafeRedirectsRequestFactory}.
 */
class TokenSafeRedirectsRequestFactoryTests {

	private static final URI PROTECTED = URI.create("https://api.contoso.test/v1/me");

	private static final URI OTHER = URI.create("https://elsewhere.test/");

	private final AtomicInteger following = new AtomicInteger();

	private final AtomicInteger notFollowing = new AtomicInteger();

	private final TokenSafeRedirectsRequestFactory factory = new TokenSafeRedirectsRequestFactory(
			counting(this.following), counting(this.notFollowing), (uri) -> uri.getHost().equals("api.contoso.test"),
			false);

	@Test
	void createRequestWhenFactoriesSuppliedThenEachIsBuiltOnceOnFirstUse() throws Exception {
		assertThat(this.following).hasValue(0);
		assertThat(this.notFollowing).hasValue(0);
		this.factory.createRequest(OTHER, HttpMethod.GET);
		this.factory.createRequest(OTHER, HttpMethod.GET);
		assertThat(this.following).hasValue(1);
		assertThat(this.notFollowing).hasValue(0);
		this.factory.createRequest(PROTECTED, HttpMethod.GET);
		this.factory.createRequest(PROTECTED, HttpMethod.POST);
		assertThat(this.following).hasValue(1);
		assertThat(this.notFollowing).hasValue(1);
	}

	private static Supplier<ClientHttpRequestFactory> counting(AtomicInteger built) {
		return () -> {
			built.incrementAndGet();
			return new SimpleClientHttpRequestFactory();
		};
	}

}
