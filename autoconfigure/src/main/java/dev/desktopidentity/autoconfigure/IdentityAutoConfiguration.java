package dev.desktopidentity.autoconfigure;

import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.PublicClientApplicationBuilderCustomizer;
import dev.desktopidentity.internal.IdentityClientExecutor;
import dev.desktopidentity.internal.IdentityProviderHttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the MSAL4J {@link PublicClientApplication} that signs users in.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnClass(PublicClientApplication.class)
@EnableConfigurationProperties(IdentityProperties.class)
public final class IdentityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(IHttpClient.class)
	IdentityProviderHttpClient identityProviderHttpClient(IdentityProperties properties,
			ObjectProvider<SslBundles> sslBundles) {
		return IdentityProviderHttpClientFactory.create(properties, sslBundles.getIfAvailable());
	}

	@Bean
	IdentityClientExecutor identityClientExecutor() {
		return new IdentityClientExecutor();
	}

	@Bean
	@ConditionalOnMissingBean
	PublicClientApplication publicClientApplication(IdentityProperties properties, IHttpClient httpClient,
			IdentityClientExecutor executor, ObjectProvider<ITokenCacheAccessAspect> tokenCache,
			ObjectProvider<PublicClientApplicationBuilderCustomizer> customizers) {
		return new PublicClientApplicationFactory(properties, httpClient, executor.executorService(),
				tokenCache.getIfUnique(), customizers.orderedStream().toList())
			.create();
	}

}
