package dev.desktopidentity.autoconfigure;

import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.http.BearerTokenInterceptor;
import dev.desktopidentity.msal.IdentityClientExecutor;
import dev.desktopidentity.observation.ObservedTokenProvider;
import dev.desktopidentity.observation.TokenAcquisitionObservationConvention;
import dev.desktopidentity.signin.MsalInteractiveTokenProvider;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link BearerTokenInterceptor} shared by the RestTemplate and RestClient
 * auto-configurations, with token acquisition observed when Micrometer is present: by the
 * auto-configured {@link MsalInteractiveTokenProvider} itself, or here for a provider of
 * the application's own.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class BearerTokenInterceptorConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BearerTokenInterceptor bearerTokenInterceptor(InteractiveTokenProvider tokens, IdentityProperties properties,
			ObjectProvider<IdentityClientExecutor> executor) {
		return create(tokens, properties, executor);
	}

	private static BearerTokenInterceptor create(InteractiveTokenProvider tokens, IdentityProperties properties,
			ObjectProvider<IdentityClientExecutor> executor) {
		IdentityClientExecutor threads = executor.getIfAvailable();
		return (threads != null)
				? new BearerTokenInterceptor(tokens, ProtectedResources.of(properties), threads.executorService())
				: new BearerTokenInterceptor(tokens, ProtectedResources.of(properties));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	static class ObservedTokenAcquisitionConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BearerTokenInterceptor observedBearerTokenInterceptor(InteractiveTokenProvider tokens,
				IdentityProperties properties, ObjectProvider<IdentityClientExecutor> executor,
				ObjectProvider<ObservationRegistry> observationRegistry,
				ObjectProvider<TokenAcquisitionObservationConvention> convention) {
			// the auto-configured provider observes its own acquisitions, for direct callers too;
			// without a registry, as there, observations would be no-ops
			ObservationRegistry registry = observationRegistry.getIfAvailable();
			InteractiveTokenProvider observed = (tokens instanceof MsalInteractiveTokenProvider || registry == null)
					? tokens : new ObservedTokenProvider(tokens, registry, convention.getIfAvailable());
			return create(observed, properties, executor);
		}

	}

}
