package dev.desktopidentity.autoconfigure;

import java.util.function.Supplier;

import dev.desktopidentity.http.BearerTokenInterceptor;
import dev.desktopidentity.http.TokenSafeRedirectsRequestFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * Builds the request factory that keeps tokens from following redirects, from the
 * HTTP client that Spring Boot configures ({@code spring.http.clients.*}).
 */
final class TokenSafeRedirects {

	private TokenSafeRedirects() {
	}

	static ClientHttpRequestFactory requestFactory(BearerTokenInterceptor interceptor,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> factoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings) {
		return requestFactory(interceptor, factoryBuilder, httpClientSettings, null);
	}

	/**
	 * Return the request factory that keeps tokens from following redirects.
	 * @param following the factory for requests without a token, or {@code null} for one
	 * built from {@code spring.http.clients.*}
	 */
	static ClientHttpRequestFactory requestFactory(BearerTokenInterceptor interceptor,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> factoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, @Nullable ClientHttpRequestFactory following) {
		ClientHttpRequestFactoryBuilder<?> builder = factoryBuilder.getIfAvailable(ClientHttpRequestFactoryBuilder::detect);
		HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults);
		boolean follow = settings.redirects() != HttpRedirects.DONT_FOLLOW;
		// built when they first send a request: an HTTP client and its TLS context take a while
		Supplier<ClientHttpRequestFactory> followingFactory = (following != null) ? () -> following
				: () -> builder.build(settings);
		return new TokenSafeRedirectsRequestFactory(followingFactory,
				() -> builder.build(settings.withRedirects(HttpRedirects.DONT_FOLLOW)), interceptor::sendsTokenTo,
				follow);
	}

}
