package dev.desktopidentity.signin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractionRequiredException;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.Prompt;
import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.SignInTimeoutException;
import dev.desktopidentity.SignInFailedException;
import dev.desktopidentity.TokenRequest;
import dev.desktopidentity.TokenSource;
import dev.desktopidentity.autoconfigure.IdentityAutoConfiguration;
import dev.desktopidentity.test.AuthorizationOutcome;
import dev.desktopidentity.test.Endpoint;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.LoopbackPorts;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configured {@link InteractiveTokenProvider} against the local identity
 * provider over HTTPS, with the real loopback receiver and a scripted user as the browser:
 * the {@link BrowserLauncher} hands the authorization URL to the scripted user, who signs
 * in and delivers the redirect to the receiver.
 */
class InteractiveTokenProviderIntegrationTests {

	private static final String SCOPE = "api://local-test/read";

	private static LocalIdentityProvider provider;

	private final AtomicReference<Consumer<URI>> browser = new AtomicReference<>();

	private final AtomicInteger browserOpened = new AtomicInteger();

	private ScriptedUser alice;

	private ApplicationContextRunner contextRunner;

	@BeforeAll
	static void startProvider() {
		provider = LocalIdentityProvider.builder()
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.user("dora@contoso.test", "Passw0rd!", "Dora Declines")
			.start();
		provider.denyConsent("dora@contoso.test");
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
	}

	@BeforeEach
	void prepare() {
		provider.requests().reset();
		this.alice = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!");
		this.browser.set(signsInAs(this.alice));
		BrowserLauncher launcher = (url) -> {
			this.browserOpened.incrementAndGet();
			CompletableFuture.runAsync(() -> this.browser.get().accept(url));
		};
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, SslAutoConfiguration.class))
			.withBean(BrowserLauncher.class, () -> launcher)
			.withBean(SignInNotifier.class,
					() -> new ConsoleSignInNotifier(new PrintStream(OutputStream.nullOutputStream()), false))
			.withPropertyValues("identity.client-id=interactive-client", "identity.cache.enabled=false",
					"identity.interactive.mode=browser",
					"identity.scopes=" + SCOPE)
			.withPropertyValues(provider.springPropertyValues("idp"));
	}

	@Test
	void getTokenWhenNoAccountThenSignsInOnceAndSecondCallIsSilent() {
		run((tokens) -> {
			AccessToken first = tokens.getToken();
			AccessToken second = tokens.getToken();
			assertThat(first.getAccount().username()).isEqualTo("alice@contoso.test");
			assertThat(first.getScopes()).contains(SCOPE);
			assertThat(second.getTokenValue()).isEqualTo(first.getTokenValue());
			assertThat(first.getSource()).isEqualTo(TokenSource.BROWSER);
			assertThat(second.getSource()).isEqualTo(TokenSource.CACHE);
			assertThat(this.browserOpened).hasValue(1);
			assertThat(provider.requests().count(Endpoint.AUTHORIZE)).isEqualTo(1);
			assertThat(provider.requests().count(Endpoint.TOKEN)).isEqualTo(1);
			assertThat(provider.requests().lastAuthorizeParameters()).containsEntry("prompt", "select_account")
				.containsEntry("response_mode", "query")
				.containsEntry("code_challenge_method", "S256")
				.containsKeys("state", "nonce", "code_challenge");
		});
	}

	@Test
	void getTokenWhenAccessTokenExpiredThenRefreshesWithoutBrowser() {
		run((tokens) -> {
			provider.accessTokenLifetime(java.time.Duration.ofMinutes(4));
			try {
				AccessToken first = tokens.getToken();
				AccessToken second = tokens.getToken();
				assertThat(second.getTokenValue()).isNotEqualTo(first.getTokenValue());
				assertThat(second.getSource()).isEqualTo(TokenSource.REFRESH_TOKEN);
			}
			finally {
				provider.accessTokenLifetime(java.time.Duration.ofHours(1));
			}
			assertThat(this.browserOpened).hasValue(1);
			assertThat(provider.requests().count(Endpoint.TOKEN)).isEqualTo(2);
		});
	}

	@Test
	void getTokenWhenRefreshTokenRevokedThenSignsInAgain() {
		run((tokens) -> {
			tokens.getToken();
			provider.revokeRefreshTokens("alice@contoso.test");
			provider.accessTokenLifetime(java.time.Duration.ofMinutes(4));
			try {
				tokens.getToken(TokenRequest.forScopes("api://local-test/write"));
			}
			finally {
				provider.accessTokenLifetime(java.time.Duration.ofHours(1));
			}
			assertThat(this.browserOpened).hasValue(2);
		});
	}

	@ParameterizedTest
	@EnumSource(value = Prompt.class, names = { "SELECT_ACCOUNT", "LOGIN", "CONSENT" })
	void getTokenWhenPromptGivenThenIdentityProviderReceivesIt(Prompt prompt) {
		run((tokens) -> {
			AccessToken token = tokens.getToken(TokenRequest.builder().prompt(prompt).build());
			assertThat(token.getAccount().username()).isEqualTo("alice@contoso.test");
			assertThat(provider.requests().lastAuthorizeParameters()).containsEntry("prompt", prompt.parameterValue());
		});
	}

	@Test
	void getTokenWhenPromptCreateThenIdentityProviderReceivesItAndUserSignsUp() {
		String username = "new-" + System.nanoTime() + "@contoso.test";
		this.browser.set(signsInAs(this.alice.as(username, "N3w-Passw0rd!").signUp("New User")));
		run((tokens) -> {
			AccessToken token = tokens.getToken(TokenRequest.builder().prompt(Prompt.CREATE).build());
			assertThat(token.getAccount().username()).isEqualTo(username);
			assertThat(provider.requests().lastAuthorizeParameters()).containsEntry("prompt", "create");
		});
	}

	@Test
	void getTokenWhenPromptNoneAndNoSessionThenInteractionRequired() {
		run((tokens) -> {
			assertThatExceptionOfType(InteractionRequiredException.class)
				.isThrownBy(() -> tokens.getToken(TokenRequest.builder().prompt(Prompt.NONE).build()))
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("login_required"));
			assertThat(provider.requests().lastAuthorizeParameters()).containsEntry("prompt", "none");
		});
	}

	@Test
	void getTokenWhenHintsClaimsAndExtraScopesThenIdentityProviderReceivesThem() {
		String claims = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";
		TokenRequest request = TokenRequest.builder()
			.loginHint("alice@contoso.test")
			.domainHint("contoso.test")
			.claims(claims)
			.extraScopesToConsent("api://local-test/write")
			.extraQueryParameter("slice", "testslice")
			.build();
		run((tokens) -> {
			AccessToken token = tokens.getToken(request);
			assertThat(provider.requests().lastAuthorizeParameters()).containsEntry("login_hint", "alice@contoso.test")
				.containsEntry("domain_hint", "contoso.test")
				.containsEntry("claims", claims)
				.containsEntry("slice", "testslice");
			assertThat(provider.requests().lastAuthorizeParameters().get("scope").split(" "))
				.contains(SCOPE, "api://local-test/write");
			assertThat(token.getScopes()).contains(SCOPE).doesNotContain("api://local-test/write");
			// consented up front: the extra scope's token comes without the browser
			tokens.getToken(TokenRequest.forScopes("api://local-test/write"));
			assertThat(this.browserOpened).hasValue(1);
		});
	}

	@Test
	void getTokenWhenUserDeclinesConsentThenFailsAtOnceAndReleasesPort() throws Exception {
		int port = LoopbackPorts.freePort();
		this.browser.set(signsInAs(ScriptedUser.of(provider, "dora@contoso.test", "Passw0rd!")));
		this.contextRunner.withPropertyValues("identity.interactive.redirect-uri=http://127.0.0.1:" + port)
			.run(withTokens((tokens) -> {
				long started = System.nanoTime();
				assertThatExceptionOfType(SignInFailedException.class).isThrownBy(tokens::getToken)
					.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("access_denied"));
				assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
				assertThatPortIsFree(port);
			}));
	}

	@Test
	void getTokenWhenForgedRedirectsArriveFirstThenIgnoresThemSignsInAndReleasesPort() throws Exception {
		int port = LoopbackPorts.freePort();
		this.browser.set((url) -> {
			AuthorizationOutcome outcome = this.alice.signIn(url);
			String real = outcome.redirectUri().toString();
			// another local process or web page that guessed the port, without the state
			get(URI.create(real.replace("state=" + outcome.state(), "state=forged-by-another-page")));
			get(URI.create(real.replace("state=" + outcome.state(), "")));
			get(URI.create("http://127.0.0.1:" + port + "/?error=access_denied"));
			get(URI.create(real + "&code=injected"));
			outcome.deliver();
		});
		this.contextRunner.withPropertyValues("identity.interactive.redirect-uri=http://127.0.0.1:" + port)
			.run(withTokens((tokens) -> {
				assertThat(tokens.getToken().getAccount().username()).isEqualTo("alice@contoso.test");
				assertThat(provider.requests().count(Endpoint.TOKEN)).isEqualTo(1);
				assertThatPortIsFree(port);
			}));
	}

	@Test
	void getTokenWhenRedirectReplayedThenSecondDeliveryFindsNoListenerAndCodeIsRedeemedOnce() {
		AtomicReference<AuthorizationOutcome> delivered = new AtomicReference<>();
		this.browser.set((url) -> {
			AuthorizationOutcome outcome = this.alice.signIn(url);
			delivered.set(outcome);
			outcome.deliver();
		});
		run((tokens) -> {
			tokens.getToken();
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> delivered.get().deliver());
			assertThat(provider.requests().count(Endpoint.TOKEN)).isEqualTo(1);
		});
	}

	@Test
	void getTokenWhenUserNeverSignsInThenTimesOutAndReleasesPort() throws Exception {
		int port = LoopbackPorts.freePort();
		this.browser.set((url) -> {
		});
		this.contextRunner
			.withPropertyValues("identity.interactive.redirect-uri=http://127.0.0.1:" + port,
					"identity.interactive.timeout=1s")
			.run(withTokens((tokens) -> {
				assertThatExceptionOfType(SignInTimeoutException.class).isThrownBy(tokens::getToken)
					.withMessageStartingWith("Sign-in in the browser timed out: it was not completed within 1s.")
					.withMessageContaining("identity.interactive.timeout");
				assertThatPortIsFree(port);
			}));
	}

	@Test
	void getTokenWhenThreadInterruptedWhileWaitingThenCancelledAndReleasesPort() throws Exception {
		int port = LoopbackPorts.freePort();
		CountDownLatch opened = new CountDownLatch(1);
		this.browser.set((url) -> opened.countDown());
		this.contextRunner.withPropertyValues("identity.interactive.redirect-uri=http://127.0.0.1:" + port)
			.run(withTokens((tokens) -> {
				AtomicReference<Throwable> failure = new AtomicReference<>();
				AtomicReference<Boolean> interruptFlag = new AtomicReference<>();
				Thread caller = new Thread(() -> {
					try {
						tokens.getToken();
					}
					catch (RuntimeException ex) {
						failure.set(ex);
						interruptFlag.set(Thread.currentThread().isInterrupted());
					}
				});
				caller.start();
				assertThat(opened.await(30, TimeUnit.SECONDS)).isTrue();
				caller.interrupt();
				caller.join(TimeUnit.SECONDS.toMillis(30));
				assertThat(caller.isAlive()).isFalse();
				assertThat(failure.get()).isInstanceOf(SignInCancelledException.class);
				assertThat(interruptFlag.get()).isTrue();
				assertThatPortIsFree(port);
			}));
	}

	@Test
	void getTokenWhen32ThreadsAskAtOnceThenOneSignIn() {
		run((tokens) -> {
			int threads = 32;
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<AccessToken>> results = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					results.add(executor.submit(() -> {
						start.await();
						return tokens.getToken();
					}));
				}
				start.countDown();
				List<String> values = new ArrayList<>();
				for (Future<AccessToken> result : results) {
					values.add(result.get(60, TimeUnit.SECONDS).getTokenValue());
				}
				assertThat(values).hasSize(threads).containsOnly(values.get(0));
			}
			finally {
				executor.shutdownNow();
			}
			assertThat(this.browserOpened).hasValue(1);
			assertThat(provider.requests().count(Endpoint.AUTHORIZE)).isEqualTo(1);
			assertThat(provider.requests().count(Endpoint.TOKEN)).isEqualTo(1);
		});
	}

	private void run(ThrowingConsumer<InteractiveTokenProvider> test) {
		this.contextRunner.run(withTokens(test));
	}

	private static ContextConsumer<AssertableApplicationContext> withTokens(ThrowingConsumer<InteractiveTokenProvider> test) {
		return (context) -> {
			assertThat(context).hasNotFailed();
			test.accept(context.getBean(InteractiveTokenProvider.class));
		};
	}

	private static Consumer<URI> signsInAs(ScriptedUser user) {
		return (url) -> user.signIn(url).deliver();
	}

	private static void get(URI uri) {
		try {
			HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.build()
				.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void assertThatPortIsFree(int port) throws IOException {
		try (ServerSocket socket = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
			assertThat(socket.getLocalPort()).isEqualTo(port);
		}
	}

	@FunctionalInterface
	interface ThrowingConsumer<T> {

		void accept(T value) throws Exception;

	}

}
