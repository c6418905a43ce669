package dev.desktopidentity.autoconfigure;

import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.http.BearerTokenInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that adds the {@link BearerTokenInterceptor} to every
 * {@link RestClient} built with Spring Boot's {@code RestClient.Builder}, including the
 * HTTP service clients ({@code @HttpExchange} interfaces) that Spring Boot configures,
 * when {@code identity.resources.*} names at least one API.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { IdentityAutoConfiguration.class, RestClientAutoConfiguration.class })
@ConditionalOnClass({ RestClient.class, RestClientCustomizer.class, ClientHttpRequestFactoryBuilder.class })
@ConditionalOnBean(InteractiveTokenProvider.class)
@Import(BearerTokenInterceptorConfiguration.class)
public final class IdentityRestClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "bearerTokenRestClientCustomizer")
	RestClientCustomizer bearerTokenRestClientCustomizer(BearerTokenInterceptor interceptor,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> factoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings) {
		if (interceptor.getResources().isEmpty()) {
			return (builder) -> {
			};
		}
		ClientHttpRequestFactory requestFactory = TokenSafeRedirects.requestFactory(interceptor, factoryBuilder,
				httpClientSettings);
		return (builder) -> builder.requestFactory(requestFactory).requestInterceptors((interceptors) -> {
			if (!interceptors.contains(interceptor)) {
				interceptors.add(interceptor);
			}
		});
	}

}
