package dev.desktopidentity.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.cache.SignedInAccounts;
import dev.desktopidentity.cache.TokenCacheProtection;
import dev.desktopidentity.msal.IdentityProviderHttpClient;
import dev.desktopidentity.signin.InteractiveSignIn;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link IdentityAutoConfiguration}.
 */
class IdentityAutoConfigurationTests {

	private static final String CLIENT_ID = "identity.client-id=11111111-2222-3333-4444-555555555555";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, SslAutoConfiguration.class));

	@Test
	void publicClientApplicationWhenConfiguredThenHasConfiguredValues() {
		this.contextRunner
			.withPropertyValues(CLIENT_ID, "identity.authority=https://login.microsoftonline.com/contoso.onmicrosoft.com",
					"identity.validate-authority=false", "identity.instance-discovery=false",
					"identity.client-capabilities=cp1", "identity.pii-logging=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(PublicClientApplication.class)
					.hasSingleBean(IdentityProviderHttpClient.class);
				PublicClientApplication application = context.getBean(PublicClientApplication.class);
				assertThat(application.clientId()).isEqualTo("11111111-2222-3333-4444-555555555555");
				assertThat(application.authority())
					.isEqualTo("https://login.microsoftonline.com/contoso.onmicrosoft.com/");
				assertThat(application.validateAuthority()).isFalse();
				assertThat(application.instanceDiscovery()).isFalse();
				assertThat(application.clientCapabilities()).contains("cp1");
				assertThat(application.logPii()).isTrue();
				assertThat(application.httpClient()).isSameAs(context.getBean(IdentityProviderHttpClient.class));
			});
	}

	@Test
	void publicClientApplicationWhenOnlyClientIdThenUsesCommonAuthorityAndSafeDefaults() {
		this.contextRunner.withPropertyValues(CLIENT_ID).run((context) -> {
			PublicClientApplication application = context.getBean(PublicClientApplication.class);
			assertThat(application.authority()).isEqualTo("https://login.microsoftonline.com/common/");
			assertThat(application.validateAuthority()).isTrue();
			assertThat(application.instanceDiscovery()).isTrue();
			assertThat(application.logPii()).isFalse();
		});
	}

	@Test
	void publicClientApplicationWhenTenantIdThenUsesTenantAuthority() {
		this.contextRunner.withPropertyValues(CLIENT_ID, "identity.tenant-id=72f988bf-86f1-41af-91ab-2d7cd011db47")
			.run((context) -> assertThat(context.getBean(PublicClientApplication.class).authority())
				.isEqualTo("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/"));
	}

	@Test
	void publicClientApplicationWhenB2cAuthorityThenBuildsB2cApplication() {
		this.contextRunner
			.withPropertyValues(CLIENT_ID, "identity.authority-kind=entra-b2c",
					"identity.authority=https://contoso.b2clogin.com/tfp/contoso.onmicrosoft.com/B2C_1_signin")
			.run((context) -> assertThat(context.getBean(PublicClientApplication.class).authority())
				.isEqualToIgnoringCase("https://contoso.b2clogin.com/tfp/contoso.onmicrosoft.com/B2C_1_signin/"));
	}

	@Test
	void publicClientApplicationWhenKindNotSetThenInferredFromAuthority() {
		this.contextRunner
			.withPropertyValues(CLIENT_ID,
					"identity.authority=https://contoso.b2clogin.com/tfp/contoso.onmicrosoft.com/B2C_1_signin")
			.run((context) -> assertThat(context.getBean(PublicClientApplication.class).authority())
				.isEqualToIgnoringCase("https://contoso.b2clogin.com/tfp/contoso.onmicrosoft.com/B2C_1_signin/"));
		this.contextRunner
			.withPropertyValues(CLIENT_ID, "identity.authority=https://login.microsoftonline.us/contoso.onmicrosoft.us")
			.run((context) -> assertThat(context.getBean(PublicClientApplication.class).authority())
				.isEqualTo("https://login.microsoftonline.us/contoso.onmicrosoft.us/"));
		// any other issuer is OpenID Connect: built on first use, after discovery
		this.contextRunner
			.withPropertyValues(CLIENT_ID, "identity.authority=https://localhost:8443/realms/harness",
					"identity.connect-timeout=2s", "identity.scopes=openid", "identity.cache.enabled=false")
			.run((context) -> assertThatExceptionOfType(TokenAcquisitionException.class)
				.isThrownBy(context.getBean(InteractiveTokenProvider.class)::getToken)
				.withMessageStartingWith("Reading the OpenID Connect discovery document at "
						+ "https://localhost:8443/realms/harness failed: "));
	}

	@Test
	void publicClientApplicationWhenOidcAuthorityThenStartsWithoutNetworkAndBuildsOnFirstUse() {
		// Port 1 on loopback refuses connections: any discovery at start-up would fail it.
		this.contextRunner
			.withPropertyValues(CLIENT_ID, "identity.authority-kind=oidc",
					"identity.authority=https://127.0.0.1:1/realms/desktop", "identity.connect-timeout=2s",
					"identity.scopes=openid", "identity.cache.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(PublicClientApplication.class);
				InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
				for (int attempt = 0; attempt < 2; attempt++) {
					assertThatExceptionOfType(TokenAcquisitionException.class).isThrownBy(tokens::getToken)
						.withMessageContaining("https://127.0.0.1:1/realms/desktop")
						.withMessageContaining("identity.authority");
				}
				assertThat(context.getBean(SignedInAccounts.class).cacheStatus().protection())
					.isEqualTo(TokenCacheProtection.MEMORY);
			});
	}

	@Test
	void publicClientApplicationWhenEntraAuthorityThenBuiltOnFirstUseOnly() {
		this.contextRunner.withPropertyValues(CLIENT_ID)
			.withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(PublicClientApplication.class);
				assertThat(context.getBean(CustomizerConfiguration.class).calls).isEmpty();
				PublicClientApplication application = context.getBean(PublicClientApplication.class);
				assertThat(context.getBean(PublicClientApplication.class)).isSameAs(application);
				assertThat(context.getBean(CustomizerConfiguration.class).calls).containsExactly("first", "second");
			});
	}

	@Test
	void publicClientApplicationWhenAutoConfiguredThenEventListenerDetectionDoesNotWalkItsType() {
		this.contextRunner.withPropertyValues(CLIENT_ID).run((context) -> {
			assertThat(context.getBeanFactory()
				.getBeanDefinition("publicClientApplication")
				.getAttribute(AutoProxyUtils.ORIGINAL_TARGET_CLASS_ATTRIBUTE)).isEqualTo(Object.class);
			assertThat(context.getBeanFactory().containsSingleton("publicClientApplication")).isFalse();
			assertThat(context.getBean(PublicClientApplication.class).clientId())
				.isEqualTo("11111111-2222-3333-4444-555555555555");
		});
	}

	@Test
	void publicClientApplicationWhenUserDefinesOneThenItsDefinitionIsLeftAlone() {
		this.contextRunner.withPropertyValues(CLIENT_ID)
			.withUserConfiguration(UserApplicationConfiguration.class)
			.run((context) -> assertThat(context.getBeanFactory()
				.getBeanDefinition(context.getBeanNamesForType(PublicClientApplication.class)[0])
				.getAttribute(AutoProxyUtils.ORIGINAL_TARGET_CLASS_ATTRIBUTE)).isNull());
	}

	@Test
	void publicClientApplicationWhenUserDefinesOneThenBacksOff() {
		this.contextRunner.withPropertyValues(CLIENT_ID)
			.withUserConfiguration(UserApplicationConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(PublicClientApplication.class)
				.getBean(PublicClientApplication.class)
				.isSameAs(context.getBean(UserApplicationConfiguration.class).application));
	}

	@Test
	void publicClientApplicationWhenUserDefinesHttpClientThenUsesIt() {
		this.contextRunner.withPropertyValues(CLIENT_ID)
			.withUserConfiguration(UserHttpClientConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(IdentityProviderHttpClient.class);
				assertThat(context.getBean(PublicClientApplication.class).httpClient())
					.isSameAs(context.getBean(IHttpClient.class));
			});
	}

	@Test
	void customizersRunInOrderAfterProperties() {
		this.contextRunner.withPropertyValues(CLIENT_ID)
			.withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean(PublicClientApplication.class).applicationName()).isEqualTo("second");
				assertThat(context.getBean(CustomizerConfiguration.class).calls).containsExactly("first", "second");
			});
	}

	@Test
	void autoConfigurationWhenMsalMissingThenBacksOff() {
		this.contextRunner.withPropertyValues(CLIENT_ID)
			.withClassLoader(new FilteredClassLoader(PublicClientApplication.class))
			.run((context) -> assertThat(context).doesNotHaveBean(IdentityProviderHttpClient.class)
				.doesNotHaveBean("publicClientApplication"));
	}

	@Test
	void startupWhenClientIdMissingThenFailsNamingProperty() {
		this.contextRunner.run((context) -> assertInvalid(context, "identity.client-id", "Application (client) ID"));
	}

	@Test
	void startupWhenAuthorityMalformedThenFailsNamingProperty() {
		this.contextRunner.withPropertyValues(CLIENT_ID, "identity.authority=https://login microsoftonline.com/x")
			.run((context) -> assertInvalid(context, "identity.authority", "not a valid URL"));
	}

	@Test
	void startupWhenAuthorityIsHttpThenFailsAskingForHttps() {
		this.contextRunner.withPropertyValues(CLIENT_ID, "identity.authority=http://login.microsoftonline.com/common")
			.run((context) -> assertInvalid(context, "identity.authority", "Change the scheme"));
	}

	@Test
	void startupWhenAuthorityHasNoHostThenFails() {
		this.contextRunner.withPropertyValues(CLIENT_ID, "identity.authority=login.microsoftonline.com/common")
			.run((context) -> assertInvalid(context, "identity.authority", "absolute https URL"));
	}

	@Test
	void startupWhenEntraAuthorityIsIssuerThenFailsSuggestingTenantOnly() {
		this.contextRunner
			.withPropertyValues(CLIENT_ID, "identity.authority=https://login.microsoftonline.com/contoso/v2.0")
			.run((context) -> assertInvalid(context, "identity.authority",
					"https://login.microsoftonline.com/contoso"));
	}

	@Test
	void startupWhenB2cUrlWithEntraKindThenFailsSayingTheKindIsInferred() {
		this.contextRunner
			.withPropertyValues(CLIENT_ID, "identity.authority-kind=entra-id",
					"identity.authority=https://contoso.b2clogin.com/tfp/contoso.onmicrosoft.com/B2C_1_signin")
			.run((context) -> assertInvalid(context, "identity.authority-kind",
					"Remove identity.authority-kind: without it, the kind is inferred from identity.authority (here "
							+ "entra-b2c)"));
	}

	@Test
	void startupWhenB2cKindWithEntraUrlThenFailsNamingKind() {
		this.contextRunner
			.withPropertyValues(CLIENT_ID, "identity.authority-kind=entra-b2c",
					"identity.authority=https://login.microsoftonline.com/common")
			.run((context) -> assertInvalid(context, "identity.authority-kind", "(here entra-id)"));
	}

	@Test
	void startupWhenOidcKindWithEntraTenantUrlThenFailsNamingKind() {
		this.contextRunner
			.withPropertyValues(CLIENT_ID, "identity.authority-kind=oidc",
					"identity.authority=https://login.microsoftonline.com/contoso.onmicrosoft.com")
			.run((context) -> assertInvalid(context, "identity.authority-kind", "(here entra-id)"));
	}

	@Test
	void startupWhenEntraKindWithKeycloakIssuerThenAdviceFitsKeycloakAndKeepsTheUrlAsTyped() {
		this.contextRunner
			.withPropertyValues(CLIENT_ID, "identity.authority-kind=entra-id",
					"identity.authority=https://localhost:8443/realms/harness")
			.run((context) -> {
				assertInvalid(context, "identity.authority-kind", "(here oidc)");
				FailureAnalysis analysis = new InvalidIdentityPropertyFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription() + analysis.getAction())
					.contains("identity.authority https://localhost:8443/realms/harness does not fit")
					.doesNotContain("https://localhost:8443/realms/harness/")
					.doesNotContain("Set identity.authority to https://localhost:8443/realms");
			});
	}

	@Test
	void startupWhenOidcAuthorityIsKeycloakEndpointThenSuggestsTheIssuer() {
		this.contextRunner
			.withPropertyValues(CLIENT_ID,
					"identity.authority=https://sso.example.com/realms/x/protocol/openid-connect/token")
			.run((context) -> assertInvalid(context, "identity.authority", "probably https://sso.example.com/realms/x."));
	}

	@Test
	void startupWhenOidcAuthorityIsDiscoveryDocumentThenFails() {
		this.contextRunner
			.withPropertyValues(CLIENT_ID, "identity.authority-kind=oidc",
					"identity.authority=https://sso.example.com/realms/x/.well-known/openid-configuration")
			.run((context) -> assertInvalid(context, "identity.authority", "'issuer'"));
	}

	@Test
	void startupWhenTenantIdAndAuthorityBothSetThenFails() {
		this.contextRunner
			.withPropertyValues(CLIENT_ID, "identity.tenant-id=contoso.onmicrosoft.com",
					"identity.authority=https://login.microsoftonline.com/fabrikam.onmicrosoft.com")
			.run((context) -> assertInvalid(context, "identity.tenant-id", "Remove identity.tenant-id"));
	}

	@Test
	void startupWhenSslBundleUnknownThenFailsListingBundles() {
		this.contextRunner.withPropertyValues(CLIENT_ID, "identity.ssl-bundle=corporate")
			.run((context) -> assertInvalid(context, "identity.ssl-bundle", "spring.ssl.bundle.pem.corporate"));
	}

	@Test
	void startupWhenTimeoutIsZeroThenFails() {
		this.contextRunner.withPropertyValues(CLIENT_ID, "identity.read-timeout=0s")
			.run((context) -> assertInvalid(context, "identity.read-timeout", "positive duration"));
	}

	@Test
	void startupThenSignInBeansAreBuiltWhenASignInFirstNeedsThem() {
		this.contextRunner.withPropertyValues(CLIENT_ID).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(InteractiveSignIn.class);
			assertThat(context.getBeanFactory().containsSingleton("interactiveSignIn")).isFalse();
			assertThat(context.getBeanFactory().containsSingleton("browserLauncher")).isFalse();
			assertThat(context.getBeanFactory().containsSingleton("signInNotifier")).isFalse();
		});
	}

	@Test
	void startupWhenNoObservationRegistryThenTokenAcquisitionsNotObserved() {
		this.contextRunner.withPropertyValues(CLIENT_ID)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(InteractiveTokenProvider.class)
				.doesNotHaveBean(ObservedTokenAcquisitions.class));
	}

	@Test
	void startupWhenObservationRegistryThenTokenAcquisitionsObserved() {
		this.contextRunner.withPropertyValues(CLIENT_ID)
			.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ObservedTokenAcquisitions.class));
	}

	@Test
	void startupWhenRedirectUriNotLoopbackThenFailsAlthoughSignInIsBuiltLater() {
		this.contextRunner.withPropertyValues(CLIENT_ID, "identity.interactive.redirect-uri=https://app.example/cb")
			.run((context) -> assertInvalid(context, "identity.interactive.redirect-uri", "http://localhost"));
	}

	@Test
	void startupWhenRedirectUriNotLoopbackButDeviceCodeOnlyThenStarts() {
		this.contextRunner
			.withPropertyValues(CLIENT_ID, "identity.interactive.redirect-uri=https://app.example/cb",
					"identity.interactive.mode=device-code")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void startupWhenSuccessPageAndRedirectBothSetThenFails() {
		this.contextRunner
			.withPropertyValues(CLIENT_ID, "identity.interactive.success-html=<p>Done</p>",
					"identity.interactive.success-redirect=https://app.example/done")
			.run((context) -> assertInvalid(context, "identity.interactive.success-redirect",
					"Remove identity.interactive.success-html"));
	}

	@Test
	void startupWhenSignInTimeoutIsZeroThenFails() {
		this.contextRunner.withPropertyValues(CLIENT_ID, "identity.interactive.timeout=0s")
			.run((context) -> assertInvalid(context, "identity.interactive.timeout", "positive duration"));
	}

	@Test
	void startupWhenBrowserCommandHasNoProgramThenFailsAlthoughBrowserLauncherIsBuiltLater() {
		this.contextRunner.withPropertyValues(CLIENT_ID, "identity.interactive.browser-command={url}")
			.run((context) -> assertInvalid(context, "identity.interactive.browser-command",
					"identity.interactive.browser-command=firefox,--new-window,{url}"));
	}

	@Test
	void startupWhenProxyPortOutOfRangeThenFailsAlthoughHttpClientIsBuiltLater() {
		this.contextRunner
			.withPropertyValues(CLIENT_ID, "identity.proxy.host=proxy.example", "identity.proxy.port=70000")
			.run((context) -> assertInvalid(context, "identity.proxy.port", "the port of your HTTP proxy"));
	}

	@Test
	void startupWhenScopeHasSpaceThenFailsShowingListSyntax() {
		this.contextRunner.withPropertyValues(CLIENT_ID, "identity.scopes[0]=User.Read Mail.Read")
			.run((context) -> assertInvalid(context, "identity.scopes", "identity.scopes[0]=User.Read"));
	}

	private static void assertInvalid(AssertableApplicationContext context, String property, String hint) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		InvalidIdentityPropertyException cause = findCause(failure);
		assertThat(cause.getPropertyName()).isEqualTo(property);
		FailureAnalysis analysis = new InvalidIdentityPropertyFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("Property: " + property);
		assertThat(analysis.getDescription() + analysis.getAction()).contains(hint);
	}

	private static InvalidIdentityPropertyException findCause(Throwable failure) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof InvalidIdentityPropertyException invalid) {
				return invalid;
			}
		}
		throw new AssertionError("No InvalidIdentityPropertyException in " + failure, failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserApplicationConfiguration {

		final PublicClientApplication application = PublicClientApplication.builder("user-client").build();

		@Bean
		PublicClientApplication userPublicClientApplication() {
			return this.application;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHttpClientConfiguration {

		@Bean
		IHttpClient userHttpClient() {
			return new IHttpClient() {

				@Override
				public IHttpResponse send(HttpRequest request) {
					throw new UnsupportedOperationException();
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		final List<String> calls = new ArrayList<>();

		@Bean
		@Order(2)
		PublicClientApplicationBuilderCustomizer second() {
			return (builder) -> {
				this.calls.add("second");
				builder.applicationName("second");
			};
		}

		@Bean
		@Order(1)
		PublicClientApplicationBuilderCustomizer first() {
			return (builder) -> {
				this.calls.add("first");
				builder.applicationName("first");
			};
		}

	}

}
