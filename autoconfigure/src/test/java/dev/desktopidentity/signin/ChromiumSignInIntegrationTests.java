package dev.desktopidentity.signin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.SignInFailedException;
import dev.desktopidentity.TokenRequest;
import dev.desktopidentity.autoconfigure.IdentityAutoConfiguration;
import dev.desktopidentity.test.Endpoint;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.LoopbackPorts;
import dev.desktopidentity.test.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Interactive sign-in end to end with a real headless Chromium: the auto-configured
 * {@link InteractiveTokenProvider} and {@link AuthorizationCodeFlow}, the local identity
 * provider over HTTPS, and the starter's real loopback redirect receiver.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Drives Debian's /usr/bin/chromium and /usr/bin/chromedriver (see .ci/run)")
class ChromiumSignInIntegrationTests {

	private static final String USERNAME = "alice@contoso.test";

	private static final String PASSWORD = "Passw0rd!";

	private static final String SCOPE = "api://desktop-test/read";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, SslAutoConfiguration.class))
		.withPropertyValues("identity.client-id=chromium-test-client", "identity.cache.enabled=false",
				"identity.interactive.mode=browser",
				"identity.scopes=" + SCOPE, "spring.application.name=Chromium Test", "identity.interactive.timeout=20s");

	private final ExecutorService user = Executors.newSingleThreadExecutor();

	@TempDir
	private Path profile;

	private LocalIdentityProvider provider;

	private HeadlessChromium chromium;

	@AfterEach
	void stop() {
		this.user.shutdownNow();
		if (this.chromium != null) {
			this.chromium.close();
		}
		if (this.provider != null) {
			this.provider.close();
		}
	}

	@Test
	void getTokenWhenUserSignsInWithChromiumThenSecondCallIsSilent() {
		start(true);
		ChromiumLauncher launcher = new ChromiumLauncher();
		this.contextRunner.withInitializer(this::pointAtProvider)
			.withBean(BrowserLauncher.class, () -> launcher)
			.run((context) -> {
				InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
				AccessToken token = launcher.getToken(tokens);
				assertThat(launcher.signIns).hasSize(1);
				assertThat(launcher.signIns.get(0)).succeedsWithin(Duration.ofSeconds(10));
				assertSignedInAsAlice(token);
				assertThat(this.chromium.title()).isEqualTo("Signed in");
				assertThat(this.chromium.text()).contains("You can close this tab");
				assertRequests(1, 1);
				AccessToken second = tokens.getToken();
				assertThat(second.getTokenValue()).isEqualTo(token.getTokenValue());
				assertThat(launcher.signIns).hasSize(1);
				assertRequests(1, 1);
			});
	}

	@Test
	void getTokenWhenStrictOpenIdConnectIssuerThenChromiumSignsInAndSecondCallIsSilent() {
		this.provider = LocalIdentityProvider.builder()
			.strictOidc(true)
			.user(USERNAME, PASSWORD, "Alice Example")
			.start();
		this.chromium = HeadlessChromium.start(this.provider.certificate(), this.profile);
		ChromiumLauncher launcher = new ChromiumLauncher();
		this.contextRunner.withInitializer(this::pointAtProvider)
			.withPropertyValues("identity.authority-kind=oidc")
			.withBean(BrowserLauncher.class, () -> launcher)
			.run((context) -> {
				InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
				AccessToken token = launcher.getToken(tokens);
				assertThat(token.getAccount().username()).isEqualTo(USERNAME);
				assertThat(this.chromium.text()).contains("You can close this tab");
				assertThat(tokens.getToken().getTokenValue()).isEqualTo(token.getTokenValue());
				assertThat(launcher.signIns).hasSize(1);
				assertRequests(1, 1);
				// none to the Microsoft paths, which a standards-following issuer does not have
				assertThat(this.provider.requests().to(Endpoint.OTHER)).extracting(RecordedRequest::path)
					.noneMatch((path) -> path.contains("/oauth2/"));
			});
	}

	@Test
	void getTokenWhenCustomWebUiSignsInWithChromiumThenSecondCallIsSilent() {
		start(true);
		List<CompletableFuture<URI>> shown = new CopyOnWriteArrayList<>();
		CustomWebUi webUi = (authorizationUri, redirectUri) -> {
			CompletableFuture<URI> redirectedTo = CompletableFuture.supplyAsync(() -> {
				this.chromium.open(authorizationUri);
				this.chromium.signIn(USERNAME, PASSWORD, true);
				return this.chromium.await((url) -> isAddressedTo(url, redirectUri));
			}, this.user);
			shown.add(redirectedTo);
			return redirectedTo;
		};
		RecordingLauncher systemBrowser = new RecordingLauncher();
		this.contextRunner.withInitializer(this::pointAtProvider)
			.withBean(CustomWebUi.class, () -> webUi)
			.withBean(BrowserLauncher.class, () -> systemBrowser)
			.run((context) -> {
				InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
				AccessToken token = tokens.getToken();
				assertThat(shown).hasSize(1);
				assertThat(shown.get(0)).succeedsWithin(Duration.ofSeconds(10))
					.satisfies((url) -> assertThat(url.getRawQuery()).contains("code="));
				assertSignedInAsAlice(token);
				assertThat(this.chromium.title()).isEqualTo("Signed in");
				assertThat(this.chromium.text()).contains("You can close this tab");
				assertRequests(1, 1);
				AccessToken second = tokens.getToken();
				assertThat(second.getTokenValue()).isEqualTo(token.getTokenValue());
				assertThat(shown).hasSize(1);
				assertThat(systemBrowser.opened).isEmpty();
				assertRequests(1, 1);
			});
	}

	@Test
	void completeWhenChromiumFollowsRedirectOfAuthorizationCodeFlowThenReturnsTokenForLaterSilentCalls()
			throws IOException {
		start(true);
		RecordingLauncher systemBrowser = new RecordingLauncher();
		URI redirectUri = URI.create("http://127.0.0.1:" + LoopbackPorts.freePort() + "/callback");
		this.contextRunner.withInitializer(this::pointAtProvider)
			.withBean(BrowserLauncher.class, () -> systemBrowser)
			.run((context) -> {
				AuthorizationCodeFlow flow = context.getBean(AuthorizationCodeFlow.class);
				PendingAuthorization pending = flow.begin(TokenRequest.builder().build(), redirectUri);
				this.chromium.open(pending.getAuthorizationUri());
				this.chromium.signIn(USERNAME, PASSWORD, true);
				URI redirectedTo = this.chromium.await((url) -> isAddressedTo(url, redirectUri));
				assertThat(redirectedTo.getRawQuery()).contains("code=").contains("state=" + pending.getState());
				AccessToken token = flow.complete(pending, redirectedTo);
				assertSignedInAsAlice(token);
				assertRequests(1, 1);
				AccessToken silent = context.getBean(InteractiveTokenProvider.class).getToken();
				assertThat(silent.getTokenValue()).isEqualTo(token.getTokenValue());
				assertThat(systemBrowser.opened).isEmpty();
				assertRequests(1, 1);
			});
	}

	@Test
	void getTokenWhenUserDeclinesConsentInChromiumThenFailsWithAccessDeniedAndReleasesPort() throws IOException {
		start(false);
		int port = LoopbackPorts.freePort();
		ChromiumLauncher launcher = new ChromiumLauncher(false);
		this.contextRunner.withInitializer(this::pointAtProvider)
			.withPropertyValues("identity.interactive.redirect-uri=http://127.0.0.1:" + port)
			.withBean(BrowserLauncher.class, () -> launcher)
			.run((context) -> {
				InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
				assertThatExceptionOfType(SignInFailedException.class).isThrownBy(() -> launcher.getToken(tokens))
					.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("access_denied"));
				assertThat(launcher.signIns).hasSize(1);
				assertThat(launcher.signIns.get(0)).succeedsWithin(Duration.ofSeconds(10));
				assertThat(this.chromium.currentUrl().getPort()).isEqualTo(port);
				assertThat(this.chromium.title()).isEqualTo("Sign-in failed");
				assertThat(this.chromium.text()).contains("access_denied");
				assertRequests(1, 0);
				try (ServerSocket socket = new ServerSocket()) {
					socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
					assertThat(socket.getLocalPort()).isEqualTo(port);
				}
			});
	}

	@Test
	void getTokenWhenLocalProcessHoldsAndForgesConnectionsToReceiverThenChromiumSignInStillCompletes()
			throws Exception {
		start(true);
		int port = LoopbackPorts.freePort();
		ChromiumLauncher chromiumLauncher = new ChromiumLauncher();
		List<Socket> hostile = new CopyOnWriteArrayList<>();
		List<Integer> forgedAnswers = new CopyOnWriteArrayList<>();
		BrowserLauncher attackedLauncher = (url) -> {
			// what another local process can do once the port is listening, before the browser gets there
			for (int i = 0; i < 30; i++) {
				hostile.add(connect(port, ""));
				hostile.add(connect(port, "GET /?code=stalling&state=unknown HTT"));
			}
			forgedAnswers.add(status(port, "GET /?error=access_denied&state=forged HTTP/1.1\r\nHost: localhost:"
					+ port + "\r\n\r\n"));
			forgedAnswers.add(status(port, "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port
					+ "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 14\r\n\r\n"
					+ "error=whatever"));
			chromiumLauncher.open(url);
		};
		try {
			this.contextRunner.withInitializer(this::pointAtProvider)
				.withPropertyValues("identity.interactive.redirect-uri=http://localhost:" + port)
				.withBean(BrowserLauncher.class, () -> attackedLauncher)
				.run((context) -> {
					AccessToken token = chromiumLauncher.getToken(context.getBean(InteractiveTokenProvider.class));
					assertSignedInAsAlice(token);
					assertThat(forgedAnswers).containsExactly(400, 400);
					assertThat(this.chromium.title()).isEqualTo("Signed in");
					assertRequests(1, 1);
				});
		}
		finally {
			for (Socket socket : hostile) {
				socket.close();
			}
		}
	}

	private static Socket connect(int port, String partialRequest) {
		try {
			Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port);
			socket.getOutputStream().write(partialRequest.getBytes(StandardCharsets.US_ASCII));
			return socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int status(int port, String request) {
		try (Socket socket = connect(port, request)) {
			socket.setSoTimeout(30_000);
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
			return Integer.parseInt(response.substring(9, 12));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void start(boolean consentPreGranted) {
		this.provider = LocalIdentityProvider.builder()
			.user(USERNAME, PASSWORD, "Alice Example")
			.consentPreGranted(consentPreGranted)
			.start();
		this.chromium = HeadlessChromium.start(this.provider.certificate(), this.profile);
	}

	private void pointAtProvider(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("localIdentityProvider", this.provider.springProperties("local-idp")));
	}

	private void assertSignedInAsAlice(AccessToken token) {
		assertThat(token.getTokenValue()).isNotBlank();
		assertThat(token.getScopes()).contains(SCOPE);
		assertThat(token.getAccount().username()).isEqualTo(USERNAME);
		assertThat(token.getAccount().homeAccountId())
			.isEqualTo(this.provider.user(USERNAME).objectId() + "." + this.provider.tenantId());
	}

	private void assertRequests(int authorize, int token) {
		assertThat(this.provider.requests().count(Endpoint.AUTHORIZE)).as("authorize requests").isEqualTo(authorize);
		assertThat(this.provider.requests().count(Endpoint.TOKEN)).as("token requests").isEqualTo(token);
	}

	private static boolean isAddressedTo(URI url, URI redirectUri) {
		return "http".equals(url.getScheme()) && redirectUri.getPort() == url.getPort()
				&& redirectUri.getHost().equals(url.getHost()) && redirectUri.getPath().equals(url.getPath());
	}

	/**
	 * Opens the authorization URL in Chromium, where the user signs in, and returns at
	 * once, as a launcher that starts a browser process does. Hands nothing back to the
	 * starter: the redirect reaches it only through Chromium.
	 */
	private final class ChromiumLauncher implements BrowserLauncher {

		private final boolean consent;

		private final List<CompletableFuture<Void>> signIns = new CopyOnWriteArrayList<>();

		ChromiumLauncher() {
			this(true);
		}

		ChromiumLauncher(boolean consent) {
			this.consent = consent;
		}

		/**
		 * Get a token, and when that fails, tell why the sign-in in Chromium failed, if
		 * it did.
		 */
		AccessToken getToken(InteractiveTokenProvider tokens) {
			try {
				return tokens.getToken();
			}
			catch (RuntimeException ex) {
				this.signIns.stream()
					.filter(CompletableFuture::isCompletedExceptionally)
					.forEach((signIn) -> signIn.exceptionally((failure) -> {
						ex.addSuppressed(failure);
						return null;
					}));
				throw ex;
			}
		}

		@Override
		public void open(URI url) {
			HeadlessChromium chromium = ChromiumSignInIntegrationTests.this.chromium;
			this.signIns.add(CompletableFuture.runAsync(() -> {
				chromium.open(url);
				chromium.signIn(USERNAME, PASSWORD, this.consent);
			}, ChromiumSignInIntegrationTests.this.user));
		}

	}

	/**
	 * Records the URLs the starter asks the system browser to open, and opens none.
	 */
	private static final class RecordingLauncher implements BrowserLauncher {

		private final List<URI> opened = new CopyOnWriteArrayList<>();

		@Override
		public void open(URI url) {
			this.opened.add(url);
		}

	}

}
