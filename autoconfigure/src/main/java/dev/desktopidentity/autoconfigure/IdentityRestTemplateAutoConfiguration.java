package dev.desktopidentity.autoconfigure;

import dev.desktopidentity.BearerTokenInterceptor;
import dev.desktopidentity.InteractiveTokenProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
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
@ConditionalOnClass({ RestTemplate.class, RestTemplateCustomizer.class })
@ConditionalOnBean(InteractiveTokenProvider.class)
@Import(BearerTokenInterceptorConfiguration.class)
public final class IdentityRestTemplateAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "bearerTokenRestTemplateCustomizer")
	RestTemplateCustomizer bearerTokenRestTemplateCustomizer(BearerTokenInterceptor interceptor) {
		return (restTemplate) -> {
			if (!interceptor.getResources().isEmpty() && !restTemplate.getInterceptors().contains(interceptor)) {
				restTemplate.getInterceptors().add(interceptor);
			}
		};
	}

}
