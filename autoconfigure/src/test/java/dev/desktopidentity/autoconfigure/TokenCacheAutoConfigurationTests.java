package dev.desktopidentity.autoconfigure;

import java.lang.reflect.Proxy;
import java.nio.file.Path;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import dev.desktopidentity.cache.FileRememberedAccount;
import dev.desktopidentity.cache.PersistentTokenCache;
import dev.desktopidentity.cache.RememberedAccount;
import dev.desktopidentity.cache.SignedInAccounts;
import dev.desktopidentity.cache.TokenCacheProtection;
import dev.desktopidentity.msal.MsalSignedInAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the token cache beans of {@link IdentityAutoConfiguration}.
 */
class TokenCacheAutoConfigurationTests {

	private static final String CLIENT_ID = "identity.client-id=11111111-2222-3333-4444-555555555555";

	@TempDir
	Path temp;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, SslAutoConfiguration.class));

	@Test
	void tokenCacheWhenDefaultThenPersistentCacheRememberedAccountAndAccounts() {
		this.contextRunner.withPropertyValues(CLIENT_ID).run((context) -> {
			assertThat(context).hasSingleBean(PersistentTokenCache.class)
				.hasSingleBean(FileRememberedAccount.class)
				.hasSingleBean(MsalSignedInAccounts.class);
			assertThat(context.getBean(PersistentTokenCache.class).directory().toString())
				.endsWith(Path.of("desktop-identity", "11111111-2222-3333-4444-555555555555").toString());
		});
	}

	@Test
	void tokenCacheWhenStartedThenTouchesNoFile() {
		Path location = this.temp.resolve("cache");
		this.contextRunner.withPropertyValues(CLIENT_ID, "identity.cache.location=" + location).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(PersistentTokenCache.class).directory()).isEqualTo(location);
			assertThat(location).doesNotExist();
		});
	}

	@Test
	void tokenCacheWhenDisabledThenNoPersistentCacheAndRememberedAccountInMemory() {
		this.contextRunner.withPropertyValues(CLIENT_ID, "identity.cache.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ITokenCacheAccessAspect.class)
				.doesNotHaveBean(FileRememberedAccount.class)
				.hasSingleBean(RememberedAccount.class)
				.hasSingleBean(SignedInAccounts.class);
			assertThat(context.getBean(SignedInAccounts.class).cacheStatus().protection())
				.isEqualTo(TokenCacheProtection.MEMORY);
		});
	}

	@Test
	void tokenCacheWhenProtectionNoneThenStatusSaysUnprotectedFile() {
		Path location = this.temp.resolve("cache");
		this.contextRunner
			.withPropertyValues(CLIENT_ID, "identity.cache.location=" + location, "identity.cache.protection=none")
			.run((context) -> {
				SignedInAccounts accounts = context.getBean(SignedInAccounts.class);
				assertThat(accounts.cacheStatus().protection()).isEqualTo(TokenCacheProtection.UNPROTECTED_FILE);
				assertThat(accounts.cacheStatus().location()).isEqualTo(location);
			});
	}

	@Test
	void tokenCacheWhenUserDefinesAspectThenBacksOff() {
		this.contextRunner.withPropertyValues(CLIENT_ID)
			.withUserConfiguration(UserTokenCacheConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PersistentTokenCache.class)
					.hasSingleBean(ITokenCacheAccessAspect.class);
				assertThat(context.getBean(SignedInAccounts.class).cacheStatus().protection())
					.isEqualTo(TokenCacheProtection.APPLICATION_DEFINED);
			});
	}

	@Test
	void rememberedAccountWhenUserDefinesOneThenBacksOff() {
		this.contextRunner.withPropertyValues(CLIENT_ID)
			.withUserConfiguration(UserRememberedAccountConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(FileRememberedAccount.class)
				.hasSingleBean(RememberedAccount.class));
	}

	@Test
	void signedInAccountsWhenUserDefinesOneThenBacksOff() {
		this.contextRunner.withPropertyValues(CLIENT_ID)
			.withUserConfiguration(UserSignedInAccountsConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(MsalSignedInAccounts.class)
				.hasSingleBean(SignedInAccounts.class));
	}

	@Test
	void startupWhenLocationRelativeThenFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues(CLIENT_ID, "identity.cache.location=tokens")
			.run((context) -> assertInvalid(context, "identity.cache.location", "absolute"));
	}

	@Test
	void startupWhenOsProtectionAllowsUnprotectedThenFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues(CLIENT_ID, "identity.cache.protection=os", "identity.cache.allow-unprotected=true")
			.run((context) -> assertInvalid(context, "identity.cache.allow-unprotected",
					"identity.cache.protection=auto"));
	}

	@Test
	void startupWhenProtectionUnknownThenFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues(CLIENT_ID, "identity.cache.protection=keychain")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'identity.cache.protection'")
				.rootCause()
				.hasMessageContaining("keychain"));
	}

	private static void assertInvalid(AssertableApplicationContext context, String property, String hint) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		FailureAnalysis analysis = new InvalidIdentityPropertyFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("Property: " + property);
		assertThat(analysis.getDescription() + analysis.getAction()).contains(hint);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserTokenCacheConfiguration {

		@Bean
		ITokenCacheAccessAspect userTokenCache() {
			return new ITokenCacheAccessAspect() {

				@Override
				public void beforeCacheAccess(ITokenCacheAccessContext context) {
				}

				@Override
				public void afterCacheAccess(ITokenCacheAccessContext context) {
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRememberedAccountConfiguration {

		@Bean
		RememberedAccount userRememberedAccount() {
			return RememberedAccount.inMemory();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSignedInAccountsConfiguration {

		@Bean
		SignedInAccounts userSignedInAccounts() {
			return (SignedInAccounts) Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { SignedInAccounts.class }, (proxy, method, arguments) -> {
						throw new UnsupportedOperationException();
					});
		}

	}

}
