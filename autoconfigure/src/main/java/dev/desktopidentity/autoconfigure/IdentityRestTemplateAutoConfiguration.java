package dev.desktopidentity.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.http.BearerTokenInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestTemplate;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that adds the {@link BearerTokenInterceptor} to every
 * {@link RestTemplate} built with Spring Boot's {@code RestTemplateBuilder}, when
 * {@code identity.resources.*} names at least one API.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { IdentityAutoConfiguration.class, RestTemplateAutoConfiguration.class })
@ConditionalOnClass({ RestTemplate.class, RestTemplateCustomizer.class, ClientHttpRequestFactoryBuilder.class })
@ConditionalOnBean(InteractiveTokenProvider.class)
@Import(BearerTokenInterceptorConfiguration.class)
public final class IdentityRestTemplateAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "bearerTokenRestTemplateCustomizer")
	RestTemplateCustomizer bearerTokenRestTemplateCustomizer(BearerTokenInterceptor interceptor,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> factoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings) {
		if (interceptor.getResources().isEmpty()) {
			return (restTemplate) -> {
			};
		}
		return (restTemplate) -> {
			if (restTemplate.getInterceptors().contains(interceptor)) {
				return;
			}
			// the factory the builder configured, without the interceptors in front of it
			List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>(restTemplate.getInterceptors());
			restTemplate.setInterceptors(List.of());
			ClientHttpRequestFactory configured = restTemplate.getRequestFactory();
			restTemplate.setRequestFactory(
					TokenSafeRedirects.requestFactory(interceptor, factoryBuilder, httpClientSettings, configured));
			interceptors.add(interceptor);
			restTemplate.setInterceptors(interceptors);
		};
	}

}
