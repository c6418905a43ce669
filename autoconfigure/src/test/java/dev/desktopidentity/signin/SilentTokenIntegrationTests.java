package dev.desktopidentity.signin;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.Prompt;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.TokenRequest;
import dev.desktopidentity.TokenSource;
import dev.desktopidentity.autoconfigure.IdentityAutoConfiguration;
import dev.desktopidentity.cache.CacheProtection;
import dev.desktopidentity.cache.PersistentTokenCache;
import dev.desktopidentity.cache.SignedInAccounts;
import dev.desktopidentity.test.Endpoint;
import dev.desktopidentity.test.Fault;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configured {@link MsalInteractiveTokenProvider} with a persistent token cache
 * against the local identity provider: what it hands out from memory, what it reads, and
 * what it does when the identity provider fails while the cached token is still valid.
 */
class SilentTokenIntegrationTests {

	private static final String SCOPE = "api://local-test/read";

	private static LocalIdentityProvider provider;

	@TempDir
	Path directory;

	private final AtomicInteger cacheAccesses = new AtomicInteger();

	private final AtomicReference<Consumer<URI>> browser = new AtomicReference<>();

	private final AtomicInteger browserOpened = new AtomicInteger();

	private ApplicationContextRunner contextRunner;

	@BeforeAll
	static void startProvider() {
		provider = LocalIdentityProvider.builder()
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.user("bob@contoso.test", "Passw0rd!", "Bob Example")
			.start();
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
	}

	@BeforeEach
	void prepare() {
		provider.requests().reset();
		this.browser.set(signsInAs(ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!")));
		BrowserLauncher launcher = (url) -> {
			this.browserOpened.incrementAndGet();
			CompletableFuture.runAsync(() -> this.browser.get().accept(url));
		};
		// MSAL4J throttles a request after a 5xx answer JVM-wide: a client of its own for each test
		String clientId = "silent-client-" + UUID.randomUUID();
		PersistentTokenCache cache = new PersistentTokenCache(this.directory, clientId, CacheProtection.NONE, false);
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, SslAutoConfiguration.class))
			.withBean(BrowserLauncher.class, () -> launcher)
			.withBean(ITokenCacheAccessAspect.class, () -> new Counting(cache, this.cacheAccesses))
			.withBean(SignInNotifier.class,
					() -> new ConsoleSignInNotifier(new PrintStream(OutputStream.nullOutputStream()), false))
			.withPropertyValues("identity.client-id=" + clientId, "identity.interactive.mode=browser",
					"identity.cache.location=" + this.directory, "identity.read-timeout=1s",
					"identity.scopes=" + SCOPE)
			.withPropertyValues(provider.springPropertyValues("idp"));
	}

	@AfterEach
	void restore() {
		provider.clearFaults();
		provider.accessTokenLifetime(Duration.ofHours(1));
	}

	@Test
	void getTokenWhenTokenValidThenHandedOutFromMemoryWithoutCacheOrFileAccess() {
		run((context, tokens) -> {
			AccessToken signedIn = tokens.getToken();
			AccessToken fromCache = tokens.getToken();
			assertThat(fromCache.getSource()).isEqualTo(TokenSource.CACHE);
			Path account = this.directory.resolve("account.properties");
			Object written = Files.readAttributes(account, BasicFileAttributes.class).fileKey();
			long modified = Files.getLastModifiedTime(account).toMillis();
			int accesses = this.cacheAccesses.get();
			for (int i = 0; i < 1000; i++) {
				AccessToken token = tokens.getToken();
				assertThat(token.getTokenValue()).isEqualTo(signedIn.getTokenValue());
				assertThat(token.getSource()).isEqualTo(TokenSource.CACHE);
				assertThat(token.getScopes()).containsExactly(SCOPE);
				assertThat(token.getExpiresAt()).isEqualTo(signedIn.getExpiresAt());
				assertThat(token.getAccount()).isEqualTo(signedIn.getAccount());
			}
			assertThat(tokens.getToken(TokenRequest.forScopes(SCOPE)).getTokenValue())
				.isEqualTo(signedIn.getTokenValue());
			assertThat(this.cacheAccesses).hasValue(accesses);
			assertThat(Files.readAttributes(account, BasicFileAttributes.class).fileKey()).isEqualTo(written);
			assertThat(Files.getLastModifiedTime(account).toMillis()).isEqualTo(modified);
			assertThat(provider.requests().count(Endpoint.TOKEN)).isEqualTo(1);
		});
	}

	@Test
	void getTokenWhenForcedRefreshOrOtherScopesThenAsksMsal() {
		run((context, tokens) -> {
			AccessToken first = tokens.getToken();
			tokens.getToken();
			int accesses = this.cacheAccesses.get();
			AccessToken refreshed = tokens.getToken(TokenRequest.builder().forceRefresh(true).build());
			assertThat(refreshed.getTokenValue()).isNotEqualTo(first.getTokenValue());
			assertThat(refreshed.getSource()).isEqualTo(TokenSource.REFRESH_TOKEN);
			assertThat(this.cacheAccesses.get()).isGreaterThan(accesses);
			// the refreshed token, from now on
			assertThat(tokens.getToken().getTokenValue()).isEqualTo(refreshed.getTokenValue());
			AccessToken write = tokens.getToken(TokenRequest.forScopes("api://local-test/write"));
			assertThat(write.getScopes()).contains("api://local-test/write").doesNotContain(SCOPE);
			assertThat(tokens.getToken().getTokenValue()).isEqualTo(refreshed.getTokenValue());
			assertThat(provider.requests().count(Endpoint.TOKEN)).isEqualTo(3);
		});
	}

	@Test
	void getTokenWhenSignedOutInThisProcessThenSignsInAgain() {
		run((context, tokens) -> {
			tokens.getToken();
			tokens.getToken();
			context.getBean(SignedInAccounts.class).signOutAll();
			AccessToken again = tokens.getToken();
			assertThat(again.getSource()).isEqualTo(TokenSource.BROWSER);
			assertThat(this.browserOpened).hasValue(2);
		});
	}

	@Test
	void getTokenWhenOtherAccountRememberedThenTokenOfThatAccount() {
		run((context, tokens) -> {
			AccessToken alice = tokens.getToken();
			tokens.getToken();
			this.browser.set(signsInAs(ScriptedUser.of(provider, "bob@contoso.test", "Passw0rd!")));
			AccessToken bob = tokens.getToken(TokenRequest.builder().prompt(Prompt.LOGIN).build());
			assertThat(bob.getAccount().username()).isEqualTo("bob@contoso.test");
			assertThat(tokens.getToken().getAccount().username()).isEqualTo("bob@contoso.test");
			SignedInAccounts accounts = context.getBean(SignedInAccounts.class);
			accounts.remember(accounts.list().get(0));
			AccessToken back = tokens.getToken();
			assertThat(back.getAccount().username()).isEqualTo("alice@contoso.test");
			assertThat(back.getTokenValue()).isEqualTo(alice.getTokenValue());
			assertThat(tokens.getToken().getAccount().username()).isEqualTo("alice@contoso.test");
			assertThat(this.browserOpened).hasValue(2);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "server-error", "timeout", "connection-closed" })
	void getTokenWhenEarlyRefreshFailsThenServesStillValidTokenAndWarnsOnce(String failure) {
		provider.accessTokenLifetime(Duration.ofMinutes(4));
		run((context, tokens) -> {
			AccessToken signedIn = tokens.getToken();
			provider.requests().reset();
			provider.injectFault(Endpoint.TOKEN, fault(failure), 20);
			List<ILoggingEvent> warnings = warnings(() -> {
				for (int i = 0; i < 2; i++) {
					AccessToken token = tokens.getToken();
					assertThat(token.getTokenValue()).isEqualTo(signedIn.getTokenValue());
					assertThat(token.getExpiresAt()).isEqualTo(signedIn.getExpiresAt());
					assertThat(token.getAccount()).isEqualTo(signedIn.getAccount());
				}
			});
			if (failure.equals("server-error")) {
				// MSAL4J tried to renew it each time (the provider logs a request once it has answered)
				assertThat(provider.requests().to(Endpoint.TOKEN)).hasSizeGreaterThanOrEqualTo(2)
					.allSatisfy((request) -> assertThat(request.grantType()).isEqualTo("refresh_token"));
			}
			assertThat(warnings).singleElement()
				.satisfies((warning) -> assertThat(warning.getFormattedMessage()).contains("using the cached one")
					.contains(SCOPE)
					.doesNotContain(signedIn.getTokenValue()));
			assertThat(this.browserOpened).hasValue(1);
		});
	}

	@Test
	void getTokenWhenRefreshFailsAndTokenExpiredThenThrows() {
		provider.accessTokenLifetime(Duration.ZERO);
		run((context, tokens) -> {
			tokens.getToken();
			provider.injectFault(Endpoint.TOKEN, Fault.serverError(), 20);
			assertThatExceptionOfType(TokenAcquisitionException.class).isThrownBy(tokens::getToken);
			assertThat(this.browserOpened).hasValue(1);
		});
	}

	private static Fault fault(String failure) {
		return switch (failure) {
			case "server-error" -> Fault.serverError();
			case "timeout" -> Fault.delay(Duration.ofSeconds(3));
			default -> Fault.truncatedBody();
		};
	}

	private static List<ILoggingEvent> warnings(Runnable action) {
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		logs.start();
		Logger logger = (Logger) LoggerFactory.getLogger(MsalInteractiveTokenProvider.class);
		logger.addAppender(logs);
		try {
			action.run();
		}
		finally {
			logger.detachAppender(logs);
		}
		return logs.list.stream().filter((event) -> event.getLevel() == Level.WARN).toList();
	}

	private void run(ContextTest test) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			test.run(context, context.getBean(InteractiveTokenProvider.class));
		});
	}

	private static Consumer<URI> signsInAs(ScriptedUser user) {
		return (url) -> user.signIn(url).deliver();
	}

	@FunctionalInterface
	interface ContextTest {

		void run(AssertableApplicationContext context, InteractiveTokenProvider tokens) throws Exception;

	}

	/**
	 * The persistent cache, counting its accesses.
	 */
	private record Counting(PersistentTokenCache cache, AtomicInteger accesses) implements ITokenCacheAccessAspect {

		@Override
		public void beforeCacheAccess(ITokenCacheAccessContext context) {
			this.accesses.incrementAndGet();
			this.cache.beforeCacheAccess(context);
		}

		@Override
		public void afterCacheAccess(ITokenCacheAccessContext context) {
			this.cache.afterCacheAccess(context);
		}

	}

}
