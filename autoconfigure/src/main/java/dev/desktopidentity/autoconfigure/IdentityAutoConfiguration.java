package dev.desktopidentity.autoconfigure;

import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.PublicClientApplicationBuilderCustomizer;
import dev.desktopidentity.SignedInAccounts;
import dev.desktopidentity.TokenCacheProtection;
import dev.desktopidentity.TokenCacheStatus;
import dev.desktopidentity.internal.IdentityClientExecutor;
import dev.desktopidentity.internal.IdentityProviderHttpClient;
import dev.desktopidentity.internal.MsalSignedInAccounts;
import dev.desktopidentity.internal.RememberedAccount;
import dev.desktopidentity.internal.cache.FileRememberedAccount;
import dev.desktopidentity.internal.cache.PersistentTokenCache;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

	@Bean
	@ConditionalOnMissingBean(SignedInAccounts.class)
	MsalSignedInAccounts signedInAccounts(PublicClientApplication application,
			ObjectProvider<RememberedAccount> rememberedAccount, ObjectProvider<ITokenCacheAccessAspect> tokenCache) {
		return new MsalSignedInAccounts(application, rememberedAccount.getIfUnique(RememberedAccount::inMemory),
				() -> TokenCacheConfiguration.status(tokenCache.getIfUnique()));
	}

	/**
	 * Tokens in memory only: the remembered account lasts as long as the application.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "identity.cache.enabled", havingValue = false)
	static class InMemoryTokenCacheConfiguration {

		@Bean
		@ConditionalOnMissingBean(RememberedAccount.class)
		RememberedAccount rememberedAccount() {
			return RememberedAccount.inMemory();
		}

	}

	/**
	 * Token cache kept between runs.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "identity.cache.enabled", matchIfMissing = true)
	static class TokenCacheConfiguration {

		@Bean
		@ConditionalOnMissingBean(ITokenCacheAccessAspect.class)
		PersistentTokenCache persistentTokenCache(IdentityProperties properties) {
			TokenCacheSettings settings = TokenCacheSettings.of(properties);
			return new PersistentTokenCache(settings.directory(), settings.clientId(), settings.mode(),
					settings.allowUnprotected());
		}

		@Bean
		@ConditionalOnMissingBean(RememberedAccount.class)
		FileRememberedAccount rememberedAccount(IdentityProperties properties) {
			return new FileRememberedAccount(TokenCacheSettings.of(properties).directory());
		}

		static TokenCacheStatus status(@Nullable ITokenCacheAccessAspect tokenCache) {
			if (tokenCache == null) {
				return new TokenCacheStatus(TokenCacheProtection.MEMORY, null,
						"in memory only (identity.cache.enabled=false)");
			}
			if (tokenCache instanceof PersistentTokenCache persistent) {
				return persistent.status();
			}
			return new TokenCacheStatus(TokenCacheProtection.APPLICATION_DEFINED, null,
					"kept by the application's " + tokenCache.getClass().getName());
		}

	}

}
