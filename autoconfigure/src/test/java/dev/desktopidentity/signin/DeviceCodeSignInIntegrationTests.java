package dev.desktopidentity.signin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractionRequiredException;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.SignInFailedException;
import dev.desktopidentity.SignInTimeoutException;
import dev.desktopidentity.TokenRequest;
import dev.desktopidentity.TokenSource;
import dev.desktopidentity.autoconfigure.IdentityAutoConfiguration;
import dev.desktopidentity.cache.RememberedAccount;
import dev.desktopidentity.test.Endpoint;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.LoopbackPorts;
import dev.desktopidentity.test.RecordedRequest;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Device code sign-in, the {@code auto} and {@code none} modes, against the local
 * identity provider over HTTPS, with a scripted user completing the verification page on
 * "another device" while the application polls.
 */
class DeviceCodeSignInIntegrationTests {

	private static final String SCOPE = "api://local-test/read";

	private static LocalIdentityProvider provider;

	private final ByteArrayOutputStream console = new ByteArrayOutputStream();

	private final AtomicReference<Consumer<DeviceCodeChallenge>> otherDevice = new AtomicReference<>();

	private ScriptedUser alice;

	private ApplicationContextRunner contextRunner;

	@BeforeAll
	static void startProvider() {
		provider = LocalIdentityProvider.builder()
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.deviceCodePollingInterval(Duration.ofSeconds(1))
			.start();
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
	}

	@BeforeEach
	void prepare() {
		provider.requests().reset();
		this.alice = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!");
		this.otherDevice.set((challenge) -> this.alice.completeDeviceCode(challenge.userCode()));
		PrintStream out = new PrintStream(this.console, true, StandardCharsets.UTF_8);
		SignInNotifier notifier = new ConsoleSignInNotifier(out, false) {

			@Override
			public void deviceCode(DeviceCodeChallenge challenge) {
				super.deviceCode(challenge);
				CompletableFuture.runAsync(() -> DeviceCodeSignInIntegrationTests.this.otherDevice.get().accept(challenge));
			}

		};
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, SslAutoConfiguration.class))
			.withBean(SignInNotifier.class, () -> notifier)
			.withPropertyValues("identity.client-id=device-client", "identity.cache.enabled=false",
					"identity.scopes=" + SCOPE,
					"identity.interactive.mode=device-code")
			.withPropertyValues(provider.springPropertyValues("idp"));
	}

	@Test
	void getTokenWhenUserCompletesCodeOnOtherDeviceThenSignedInAndNextCallSilent() {
		this.contextRunner.run((context) -> {
			InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
			AccessToken token = tokens.getToken();
			assertThat(token.getAccount().username()).isEqualTo("alice@contoso.test");
			assertThat(token.getSource()).isEqualTo(TokenSource.DEVICE_CODE);
			assertThat(tokens.getToken().getTokenValue()).isEqualTo(token.getTokenValue());
			assertThat(provider.requests().count(Endpoint.DEVICE_CODE)).isEqualTo(1);
			assertThat(provider.requests().count(Endpoint.AUTHORIZE)).isZero();
			assertThat(this.console.toString(StandardCharsets.UTF_8))
				.contains("open " + provider.deviceVerificationUri() + " and enter the code ")
				.contains("Signed in as alice@contoso.test.");
		});
	}

	@Test
	void getTokenWhenUserDeclinesCodeThenFailsSayingDeclined() {
		this.otherDevice.set((challenge) -> this.alice.declineDeviceCode(challenge.userCode()));
		this.contextRunner.run((context) -> {
			InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
			assertThatExceptionOfType(SignInFailedException.class).isThrownBy(tokens::getToken)
				.withMessageContaining("declined");
			// the exception says it, once, where the application reports it
			assertThat(this.console.toString(StandardCharsets.UTF_8)).doesNotContain("declined");
		});
	}

	@Test
	void getTokenWhenCodeExpiresThenFailsSayingExpired() {
		this.otherDevice.set((challenge) -> {
		});
		try (LocalIdentityProvider shortLived = LocalIdentityProvider.builder()
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.deviceCodePollingInterval(Duration.ofSeconds(1))
			.deviceCodeLifetime(Duration.ofSeconds(2))
			.start()) {
			this.contextRunner.withPropertyValues(shortLived.springPropertyValues("idp")).run((context) -> {
				InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
				assertThatExceptionOfType(SignInFailedException.class).isThrownBy(tokens::getToken)
					.withMessageContaining("expired");
			});
		}
	}

	@Test
	void getTokenWhenWaitingThreadInterruptedThenCancelledAndPollingStops() {
		CountDownLatch shown = new CountDownLatch(1);
		this.otherDevice.set((challenge) -> shown.countDown());
		this.contextRunner.run((context) -> {
			InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
			AtomicReference<Throwable> failure = new AtomicReference<>();
			Thread caller = new Thread(() -> {
				try {
					tokens.getToken();
				}
				catch (RuntimeException ex) {
					failure.set(ex);
				}
			});
			caller.start();
			assertThat(shown.await(30, TimeUnit.SECONDS)).isTrue();
			caller.interrupt();
			caller.join(TimeUnit.SECONDS.toMillis(30));
			assertThat(failure.get()).isInstanceOf(SignInCancelledException.class);
			Thread.sleep(2500);
			int polls = tokenPolls();
			Thread.sleep(2500);
			assertThat(tokenPolls()).isEqualTo(polls);
		});
	}

	@Test
	void getTokenWhenUserNeverEntersCodeThenTimesOutAtInteractiveTimeoutAndPollingStops() {
		this.otherDevice.set((challenge) -> {
		});
		this.contextRunner.withPropertyValues("identity.interactive.timeout=3s").run((context) -> {
			InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
			assertThatExceptionOfType(SignInTimeoutException.class).isThrownBy(tokens::getToken)
				.withMessage("Sign-in with a device code timed out: it was not completed within 3s. Run it again when "
						+ "you are ready, or wait longer with identity.interactive.timeout (for example "
						+ "identity.interactive.timeout=6s).")
				.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofSeconds(3)));
			Thread.sleep(2500);
			int polls = tokenPolls();
			Thread.sleep(2500);
			assertThat(tokenPolls()).isEqualTo(polls);
		});
	}

	@Test
	void getTokenWhenModeNoneThenFailsSayingHowToSignIn() {
		this.contextRunner.withPropertyValues("identity.interactive.mode=none").run((context) -> {
			InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
			assertThatExceptionOfType(InteractionRequiredException.class).isThrownBy(tokens::getToken)
				.withMessageContaining("identity.interactive.mode=device-code");
			assertThat(provider.requests().all()).isEmpty();
		});
	}

	@Test
	void autoWhenNoBrowserCanOpenThenDeviceCodeSayingWhy() {
		BrowserLauncher systemBrowser = new BrowserLauncher() {

			@Override
			public void open(URI url) {
				throw new IllegalStateException("must not be called");
			}

			@Override
			public boolean opensSystemBrowser() {
				return true;
			}

		};
		this.contextRunner.run((context) -> {
			AutoSignIn signIn = new AutoSignIn(browser(context, systemBrowser), deviceCode(context),
					BrowserEnvironment.of("Linux", Map.of("SSH_TTY", "/dev/pts/0")),
					context.getBean(SignInNotifier.class));
			AccessToken token = signIn.signIn(TokenRequest.forScopes(SCOPE));
			assertThat(token.getAccount().username()).isEqualTo("alice@contoso.test");
			assertThat(this.console.toString(StandardCharsets.UTF_8))
				.contains("No browser can be opened here (SSH session without a forwarded display)");
		});
	}

	@Test
	void autoWhenNoDesktopButApplicationHasItsOwnLauncherThenBrowserSignInWithoutDeviceCode() {
		AtomicReference<URI> opened = new AtomicReference<>();
		this.contextRunner.run((context) -> {
			AutoSignIn signIn = new AutoSignIn(browser(context, (url) -> {
				opened.set(url);
				CompletableFuture.runAsync(() -> this.alice.signIn(url).deliver());
			}), deviceCode(context), BrowserEnvironment.of("Linux", Map.of("SSH_TTY", "/dev/pts/0")),
					context.getBean(SignInNotifier.class));
			AccessToken token = signIn.signIn(TokenRequest.forScopes(SCOPE));
			assertThat(token.getSource()).isEqualTo(TokenSource.BROWSER);
			assertThat(opened.get()).isNotNull();
			assertThat(provider.requests().count(Endpoint.DEVICE_CODE)).isZero();
			assertThat(this.console.toString(StandardCharsets.UTF_8)).doesNotContain("No browser can be opened");
		});
	}

	@Test
	void autoWhenNoDesktopButBrowserCommandConfiguredThenCommandOpensTheSignInPage(@TempDir Path directory)
			throws Exception {
		Path opened = directory.resolve("opened-url");
		BrowserLauncher command = BrowserLauncher
			.command(List.of("/bin/sh", "-c", "printf '%s' \"$1\" > " + opened, "browser", "{url}"));
		this.contextRunner.run((context) -> {
			CompletableFuture<AccessToken> token = CompletableFuture.supplyAsync(() -> new AutoSignIn(
					browser(context, command), deviceCode(context),
					BrowserEnvironment.of("Linux", Map.of("SSH_TTY", "/dev/pts/0")), context.getBean(SignInNotifier.class))
				.signIn(TokenRequest.forScopes(SCOPE)));
			URI url = awaitFile(opened);
			this.alice.signIn(url).deliver();
			assertThat(token.get(30, TimeUnit.SECONDS).getSource()).isEqualTo(TokenSource.BROWSER);
			assertThat(provider.requests().count(Endpoint.DEVICE_CODE)).isZero();
		});
	}

	private static URI awaitFile(Path file) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			if (Files.exists(file) && Files.size(file) > 0) {
				return URI.create(Files.readString(file).strip());
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The browser command did not run within 30 s");
	}

	@Test
	void autoWhenBrowserFailsToLaunchThenShowsUrlAndDeviceCodeAndReleasesPort() throws Exception {
		int port = LoopbackPorts.freePort();
		this.contextRunner.withPropertyValues("identity.interactive.redirect-uri=http://127.0.0.1:" + port)
			.run((context) -> {
				AutoSignIn signIn = new AutoSignIn(browser(context, (url) -> {
					throw new IOException("xdg-open not found");
				}), deviceCode(context), BrowserEnvironment.of("Linux", Map.of("DISPLAY", ":0")),
						context.getBean(SignInNotifier.class));
				AccessToken token = signIn.signIn(TokenRequest.forScopes(SCOPE));
				assertThat(token.getAccount().username()).isEqualTo("alice@contoso.test");
				assertThat(this.console.toString(StandardCharsets.UTF_8))
					.contains("Could not open a browser (xdg-open not found)")
					.contains("open this URL in a browser on this computer: https://")
					.contains("and enter the code ");
				try (ServerSocket socket = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
					assertThat(socket.getLocalPort()).isEqualTo(port);
				}
			});
	}

	@Test
	void autoWhenBrowserFailsAndUserOpensUrlThenLoopbackWinsAndDeviceCodeStops() {
		this.otherDevice.set((challenge) -> {
		});
		AtomicReference<URI> shownUrl = new AtomicReference<>();
		this.contextRunner.run((context) -> {
			SignInNotifier notifier = new ConsoleSignInNotifier(new PrintStream(this.console), false) {

				@Override
				public void openBrowserManually(URI authorizationUri, String reason) {
					shownUrl.set(authorizationUri);
					CompletableFuture.runAsync(() -> DeviceCodeSignInIntegrationTests.this.alice.signIn(authorizationUri)
						.deliver());
				}

			};
			AutoSignIn signIn = new AutoSignIn(browser(context, notifier, (url) -> {
				throw new IOException("no opener");
			}), deviceCode(context), BrowserEnvironment.of("Linux", Map.of("DISPLAY", ":0")), notifier);
			AccessToken token = signIn.signIn(TokenRequest.forScopes(SCOPE));
			assertThat(token.getAccount().username()).isEqualTo("alice@contoso.test");
			assertThat(shownUrl.get()).isNotNull();
			assertThat(provider.requests().to(Endpoint.TOKEN)).extracting(RecordedRequest::grantType)
				.contains("authorization_code");
			Thread.sleep(2500);
			int polls = tokenPolls();
			Thread.sleep(2500);
			assertThat(tokenPolls()).isEqualTo(polls);
		});
	}

	private LoopbackSignIn browser(AssertableApplicationContext context, BrowserLauncher launcher) {
		return browser(context, context.getBean(SignInNotifier.class), launcher);
	}

	private LoopbackSignIn browser(AssertableApplicationContext context, SignInNotifier notifier,
			BrowserLauncher launcher) {
		URI redirect = URI.create(context.getEnvironment().getProperty("identity.interactive.redirect-uri",
				"http://localhost"));
		return new LoopbackSignIn(context.getBean(AuthorizationCodeFlow.class), redirect, RedirectPages.defaults("test"),
				launcher, null, notifier, Duration.ofSeconds(30));
	}

	private DeviceCodeSignIn deviceCode(AssertableApplicationContext context) {
		return new DeviceCodeSignIn(context.getBean(PublicClientApplication.class),
				context.getBean(AuthorizationCodeFlow.class), context.getBean(RememberedAccount.class),
				context.getBean(SignInNotifier.class), Clock.systemUTC(), Duration.ofSeconds(30));
	}

	private static int tokenPolls() {
		return (int) provider.requests()
			.to(Endpoint.TOKEN)
			.stream()
			.filter((request) -> String.valueOf(request.grantType()).contains("device_code"))
			.count();
	}

}
