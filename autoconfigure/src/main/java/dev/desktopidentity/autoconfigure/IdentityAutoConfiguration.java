package dev.desktopidentity.autoconfigure;

import java.net.URI;
import java.time.Clock;

import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.cache.FileRememberedAccount;
import dev.desktopidentity.cache.PersistentTokenCache;
import dev.desktopidentity.cache.RememberedAccount;
import dev.desktopidentity.cache.SignInLock;
import dev.desktopidentity.cache.SignedInAccounts;
import dev.desktopidentity.cache.TokenCacheChanges;
import dev.desktopidentity.cache.TokenCacheProtection;
import dev.desktopidentity.cache.TokenCacheStatus;
import dev.desktopidentity.msal.DeferredPublicClientApplication;
import dev.desktopidentity.msal.IdentityClientExecutor;
import dev.desktopidentity.msal.IdentityProviderHttpClient;
import dev.desktopidentity.msal.MsalSignedInAccounts;
import dev.desktopidentity.msal.RefreshTokenRevocation;
import dev.desktopidentity.observation.TokenAcquisitionObservationConvention;
import dev.desktopidentity.signin.AuthorizationCodeFlow;
import dev.desktopidentity.signin.BrowserLauncher;
import dev.desktopidentity.signin.ConsoleSignInNotifier;
import dev.desktopidentity.signin.CustomWebUi;
import dev.desktopidentity.signin.InteractiveSignIn;
import dev.desktopidentity.signin.MsalInteractiveTokenProvider;
import dev.desktopidentity.signin.SignInNotifier;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the MSAL4J {@link PublicClientApplication} that signs users in
 * and the {@link InteractiveTokenProvider} that gets their tokens.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(PublicClientApplication.class)
@EnableConfigurationProperties(IdentityProperties.class)
public final class IdentityAutoConfiguration {

	/**
	 * The factory of the client through which MSAL4J reaches the identity provider,
	 * created at start-up to check the properties the client is built from.
	 */
	@Bean
	@ConditionalOnMissingBean(IHttpClient.class)
	IdentityProviderHttpClientFactory identityProviderHttpClientFactory(IdentityProperties properties,
			ObjectProvider<SslBundles> sslBundles) {
		return new IdentityProviderHttpClientFactory(properties, sslBundles.getIfAvailable());
	}

	/**
	 * The client through which MSAL4J reaches the identity provider, created the first
	 * time it is needed: a run that finds its token in the cache does not create it.
	 */
	@Bean
	@Lazy
	@ConditionalOnMissingBean(IHttpClient.class)
	IdentityProviderHttpClient identityProviderHttpClient(IdentityProviderHttpClientFactory factory) {
		return factory.create();
	}

	@Bean
	@Lazy
	IdentityClientExecutor identityClientExecutor() {
		return new IdentityClientExecutor();
	}

	@Bean
	TokenCacheChanges identityTokenCacheChanges() {
		return new TokenCacheChanges();
	}

	@Bean
	@Conditional(TrainingRunRehearsal.PreparingLaterRuns.class)
	TrainingRunRehearsal identityTrainingRunRehearsal(ObjectProvider<IdentityClientExecutor> executor,
			ObjectProvider<InteractiveTokenProvider> tokens, ObjectProvider<ITokenCacheAccessAspect> tokenCache,
			ObjectProvider<PublicClientApplicationFactory> factory) {
		return new TrainingRunRehearsal(() -> executor.getObject().executorService(),
				() -> tokens.getIfUnique() instanceof MsalInteractiveTokenProvider
						&& cacheFileAuthority(tokenCache.getIfUnique(), factory.getIfUnique()) != null,
				() -> tokenCache.getIfUnique() instanceof PersistentTokenCache cache && cache.isEncrypting());
	}

	@Bean
	@ConditionalOnMissingBean(PublicClientApplication.class)
	PublicClientApplicationFactory publicClientApplicationFactory(IdentityProperties properties,
			ObjectProvider<IHttpClient> httpClient, ObjectProvider<IdentityClientExecutor> executor,
			ObjectProvider<ITokenCacheAccessAspect> tokenCache, TokenCacheChanges changes,
			ObjectProvider<PublicClientApplicationBuilderCustomizer> customizers) {
		return new PublicClientApplicationFactory(properties, httpClient::getObject,
				() -> executor.getObject().executorService(),
				changes.track(tokenCache.getIfUnique()), customizers.orderedStream().toList());
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	PublicClientApplication publicClientApplication(PublicClientApplicationFactory factory) {
		return factory.create();
	}

	@Bean
	static IdentityBeanDefinitionPostProcessor identityBeanDefinitionPostProcessor() {
		return new IdentityBeanDefinitionPostProcessor();
	}

	/**
	 * The token cache kept between runs, unless {@code identity.cache.enabled=false} keeps
	 * tokens in memory only.
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "identity.cache.enabled", matchIfMissing = true)
	@ConditionalOnMissingBean(ITokenCacheAccessAspect.class)
	PersistentTokenCache persistentTokenCache(IdentityProperties properties) {
		TokenCacheSettings settings = TokenCacheSettings.of(properties);
		return new PersistentTokenCache(settings.directory(), settings.clientId(), settings.mode(),
				settings.allowUnprotected());
	}

	/**
	 * The account that signed in last: remembered beside the token cache, or, with tokens
	 * in memory only, as long as the application runs.
	 */
	@Bean
	@ConditionalOnMissingBean
	RememberedAccount rememberedAccount(IdentityProperties properties) {
		return properties.getCache().isEnabled()
				? new FileRememberedAccount(TokenCacheSettings.of(properties).directory())
				: RememberedAccount.inMemory();
	}

	@Bean
	@ConditionalOnMissingBean
	AuthorizationCodeFlow authorizationCodeFlow(ObjectProvider<PublicClientApplication> application,
			IdentityProperties properties, RememberedAccount rememberedAccount) {
		return new AuthorizationCodeFlow(deferred(application), properties.getScopes(), rememberedAccount,
				Clock.systemUTC());
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	BrowserLauncher browserLauncher(IdentityProperties properties) {
		return new InteractiveSignInFactory(properties.getInteractive()).browserLauncher();
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	SignInNotifier signInNotifier() {
		return new ConsoleSignInNotifier();
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean(InteractiveSignIn.class)
	InteractiveSignIn interactiveSignIn(ObjectProvider<PublicClientApplication> application,
			AuthorizationCodeFlow flow, IdentityProperties properties, BrowserLauncher browserLauncher,
			ObjectProvider<CustomWebUi> customWebUi, SignInNotifier notifier, RememberedAccount rememberedAccount,
			Environment environment) {
		String applicationName = applicationName(environment);
		return new InteractiveSignInFactory(properties.getInteractive()).signIn(deferred(application), flow,
				browserLauncher, customWebUi.getIfUnique(), notifier, rememberedAccount, applicationName);
	}

	@Bean
	@ConditionalOnMissingBean(InteractiveTokenProvider.class)
	MsalInteractiveTokenProvider interactiveTokenProvider(ObjectProvider<PublicClientApplication> application,
			AuthorizationCodeFlow flow, ObjectProvider<InteractiveSignIn> signIn, RememberedAccount rememberedAccount,
			ObjectProvider<SignInNotifier> notifier, IdentityProperties properties, TokenCacheChanges changes,
			ObjectProvider<ITokenCacheAccessAspect> tokenCache, ObjectProvider<PublicClientApplicationFactory> factory,
			ObjectProvider<ObservedTokenAcquisitions> observation, Environment environment) {
		// the sign-in is built when a sign-in first needs it; its properties are checked now
		InteractiveSignInFactory interactive = new InteractiveSignInFactory(properties.getInteractive());
		interactive.check(applicationName(environment));
		MsalInteractiveTokenProvider provider = new MsalInteractiveTokenProvider(deferred(application), flow,
				() -> signIn.getObject(), rememberedAccount, () -> notifier.getObject(),
				properties.getAccount().getUsername());
		provider.setTokenCacheChanges(changes);
		// Only a cache on the disk is shared: with tokens in memory, each process signs in for itself
		if (tokenCache.getIfUnique() instanceof PersistentTokenCache persistent) {
			provider.setSignInLock(new SignInLock(persistent.directory(), TokenCacheSettings.of(properties).clientId()),
					interactive.timeout());
			PublicClientApplicationFactory plain = factory.getIfUnique();
			URI authority = cacheFileAuthority(persistent, plain);
			if (plain != null && authority != null) {
				provider.setTokenCacheFile(persistent, plain.clientId(), authority);
			}
		}
		observation.ifAvailable((observed) -> provider.setAcquisitionWrapper(observed::observe));
		return provider;
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean(SignedInAccounts.class)
	MsalSignedInAccounts signedInAccounts(ObjectProvider<PublicClientApplication> application,
			RememberedAccount rememberedAccount, ObjectProvider<ITokenCacheAccessAspect> tokenCache,
			IHttpClient httpClient) {
		return new MsalSignedInAccounts(deferred(application), rememberedAccount,
				() -> tokenCacheStatus(tokenCache.getIfUnique()), RefreshTokenRevocation.of(httpClient));
	}

	/**
	 * Token acquisitions observed when the application has an observation registry
	 * (Spring Boot's actuator defines one): without one, observations would be no-ops.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	@ConditionalOnBean(ObservationRegistry.class)
	static class TokenAcquisitionObservationConfiguration {

		/**
		 * The observation of token acquisitions; the registry is looked up on the first
		 * acquisition.
		 */
		@Bean
		ObservedTokenAcquisitions identityTokenAcquisitionObservation(
				ObjectProvider<ObservationRegistry> observationRegistry,
				ObjectProvider<TokenAcquisitionObservationConvention> convention) {
			return new ObservedTokenAcquisitions(observationRegistry::getIfAvailable, convention::getIfAvailable);
		}

	}

	private static TokenCacheStatus tokenCacheStatus(@Nullable ITokenCacheAccessAspect tokenCache) {
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

	private static String applicationName(Environment environment) {
		return environment.getProperty("spring.application.name", "the application");
	}

	/**
	 * The authority whose tokens are served from the token cache file before MSAL4J's
	 * application is built, or {@code null} when MSAL4J answers every request: the cache
	 * is the starter's file and the application is built from the properties alone, for
	 * a Microsoft Entra ID authority.
	 */
	private static @Nullable URI cacheFileAuthority(@Nullable ITokenCacheAccessAspect tokenCache,
			@Nullable PublicClientApplicationFactory factory) {
		return (tokenCache instanceof PersistentTokenCache && factory != null) ? factory.plainEntraAuthority() : null;
	}

	/**
	 * The application bean, created on first use: the starter's own beans do not build it
	 * at start-up, an application that injects it does.
	 */
	private static DeferredPublicClientApplication deferred(ObjectProvider<PublicClientApplication> application) {
		return DeferredPublicClientApplication.of(() -> {
			try {
				return application.getObject();
			}
			catch (BeanCreationException ex) {
				// what building the application threw, without the bean factory's wrapping
				Throwable cause = ex;
				while (cause instanceof BeansException && cause.getCause() != null) {
					cause = cause.getCause();
				}
				throw (cause instanceof RuntimeException runtime) ? runtime : ex;
			}
		});
	}

}
