package dev.desktopidentity.signin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests for {@link LoopbackRedirectReceiver}.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoopbackRedirectReceiverTests {

	private static final String STATE = "expected-state-Zx8";

	private static final RedirectPages PAGES = RedirectPages.defaults("Contoso CLI");

	private final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private LoopbackRedirectReceiver receiver;

	@AfterEach
	void close() {
		if (this.receiver != null) {
			this.receiver.close();
		}
	}

	@Test
	void responseWhenQueryThenCompletesWithCodeAndShowsSuccessPage() throws Exception {
		start("http://127.0.0.1/callback");
		HttpResponse<String> page = get("/callback?code=the-code&state=" + STATE + "&session_state=s1");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Signed in", "Contoso CLI", "close this tab");
		AuthorizationResponse response = this.receiver.response().get(5, TimeUnit.SECONDS);
		assertThat(response.code()).isEqualTo("the-code");
		assertThat(response.state()).isEqualTo(STATE);
		assertThat(response.error()).isNull();
		assertThat(response.redirectUri()).isEqualTo(URI.create(
				this.receiver.redirectUri() + "?code=the-code&state=" + STATE + "&session_state=s1"));
		assertThat(response.toString()).doesNotContain("the-code", "callback");
	}

	@Test
	void responseHasNoStoreNoReferrerAndRestrictivePolicyHeaders() throws Exception {
		start("http://127.0.0.1/callback");
		HttpResponse<String> page = get("/callback?code=c&state=" + STATE);
		assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(policy) -> assertThat(policy).startsWith("default-src 'none'; style-src 'unsafe-inline'"));
	}

	@Test
	void responseWhenSecondRequestThenGoneAndFirstResponseKept() throws Exception {
		start("http://127.0.0.1/callback");
		get("/callback?code=first&state=" + STATE);
		HttpResponse<String> second = get("/callback?code=second&state=" + STATE);
		assertThat(second.statusCode()).isEqualTo(410);
		assertThat(second.body()).contains("This sign-in has already completed");
		assertThat(this.receiver.response().get(5, TimeUnit.SECONDS).code()).isEqualTo("first");
	}

	@Test
	void responseWhenFormPostThenCompletesWithFormParametersAsQuery() throws Exception {
		start("http://localhost/");
		HttpResponse<String> page = this.client.send(request("/")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("code=posted%2Bcode&state=" + STATE + "&session_state=a+b"))
			.build(), BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		AuthorizationResponse response = this.receiver.response().get(5, TimeUnit.SECONDS);
		assertThat(response.code()).isEqualTo("posted+code");
		assertThat(response.redirectUri()).isEqualTo(URI
			.create(this.receiver.redirectUri() + "?code=posted%2Bcode&state=" + STATE + "&session_state=a+b"));
	}

	@Test
	void responseWhenErrorThenCompletesNormallyAndShowsEscapedError() throws Exception {
		start("http://127.0.0.1");
		HttpResponse<String> page = get(
				"/?error=access_denied&error_description=The%20user%20declined%20%3Cscript%3Ealert(1)%3C%2Fscript%3E"
						+ "&state=" + STATE);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Sign-in failed", "access_denied",
				"The user declined &lt;script&gt;alert(1)&lt;/script&gt;", "Return to the application to try again");
		assertThat(page.body()).doesNotContain("<script");
		AuthorizationResponse response = this.receiver.response().get(5, TimeUnit.SECONDS);
		assertThat(response.error()).isEqualTo("access_denied");
		assertThat(response.errorDescription()).isEqualTo("The user declined <script>alert(1)</script>");
		assertThat(response.code()).isNull();
		assertThat(response.toString()).contains("access_denied");
	}

	@ParameterizedTest
	@ValueSource(strings = { "code=c&state=forged-state", "code=c", "error=access_denied&state=forged-state",
			"error=access_denied", "code=c&state=", "code=c&state=" + STATE + "x", "code=c&STATE=" + STATE })
	void responseWhenStateMissingOrDifferentThenIgnoredAndRightRedirectStillCompletes(String query)
			throws Exception {
		start("http://127.0.0.1/callback");
		HttpResponse<String> page = get("/callback?" + query);
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("does not belong to the sign-in the application is waiting for",
				"it was ignored");
		assertThat(page.body()).doesNotContain("forged-state", STATE);
		assertThat(this.receiver.response()).isNotDone();
		assertThatRightRedirectCompletes();
	}

	@ParameterizedTest
	@ValueSource(strings = { "code=a&code=b&state=" + STATE, "code=a&state=" + STATE + "&state=" + STATE,
			"code=a&state=" + STATE + "&state=other", "state=" + STATE, "state=" + STATE + "&code=",
			"code=%ZZ&state=" + STATE, "code=a&state=" + STATE + "&error_description=%E0%A4%A" })
	void responseWhenRepeatedOrBadlyEncodedOrNeitherCodeNorErrorThenIgnoredAndRightRedirectStillCompletes(
			String query) throws Exception {
		start("http://127.0.0.1/callback");
		int port = this.receiver.redirectUri().getPort();
		String page = rawRequest(port,
				"GET /callback?" + query + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n");
		assertThat(page).startsWith("HTTP/1.1 400")
			.contains("not a sign-in response that the application can understand");
		assertThat(this.receiver.response()).isNotDone();
		assertThatRightRedirectCompletes();
	}

	@Test
	void responseWhenFormPostForgedThenIgnoredAndRightRedirectStillCompletes() throws Exception {
		start("http://localhost/");
		HttpResponse<String> forged = post("/", "application/x-www-form-urlencoded", "code=injected&state=guess");
		assertThat(forged.statusCode()).isEqualTo(400);
		HttpResponse<String> notForm = post("/", "text/plain", "code=injected&state=" + STATE);
		assertThat(notForm.statusCode()).isEqualTo(415);
		HttpResponse<String> noState = post("/", "application/x-www-form-urlencoded", "error=access_denied");
		assertThat(noState.statusCode()).isEqualTo(400);
		HttpResponse<String> empty = post("/", "application/x-www-form-urlencoded", "");
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(this.receiver.response()).isNotDone();
		assertThatRightRedirectCompletes();
	}

	@Test
	void responseWhenErrorWithRightStateAfterIgnoredRequestsThenEndsTheWait() throws Exception {
		start("http://127.0.0.1/callback");
		get("/callback?error=access_denied&state=forged-state");
		assertThat(this.receiver.response()).isNotDone();
		assertThat(get("/callback?error=access_denied&state=" + STATE).statusCode()).isEqualTo(200);
		assertThat(this.receiver.response().get(30, TimeUnit.SECONDS).error()).isEqualTo("access_denied");
	}

	@Test
	void responseWhenNoParametersThenBadRequestAndNotCompleted() throws Exception {
		start("http://127.0.0.1/callback");
		assertThat(get("/callback").statusCode()).isEqualTo(400);
		assertThat(this.receiver.response()).isNotDone();
	}

	@Test
	void responseWhenOtherPathThenNotFoundAndNotCompleted() throws Exception {
		start("http://127.0.0.1/callback");
		assertThat(get("/favicon.ico").statusCode()).isEqualTo(404);
		assertThat(get("/callback/other?code=c&state=" + STATE).statusCode()).isEqualTo(404);
		assertThat(this.receiver.response()).isNotDone();
		assertThat(get("/callback?code=c&state=" + STATE).statusCode()).isEqualTo(200);
		assertThat(this.receiver.response().get(5, TimeUnit.SECONDS).code()).isEqualTo("c");
	}

	@ParameterizedTest
	@ValueSource(strings = { "attacker.example", "attacker.example:%d", "localhost:1", "127.0.0.2:%d" })
	void responseWhenHostHeaderNotLoopbackThenRejectedAndNotCompleted(String host) throws Exception {
		start("http://127.0.0.1/callback");
		int port = this.receiver.redirectUri().getPort();
		String response = rawRequest(port, "GET /callback?code=c&state=" + STATE + " HTTP/1.1\r\nHost: "
				+ String.format(host, port) + "\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 421");
		assertThat(this.receiver.response()).isNotDone();
		assertThatRightRedirectCompletes();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Host: 127.0.0.1:%1$d\r\nHost: 127.0.0.1:%1$d\r\n" })
	void responseWhenHostHeaderMissingOrRepeatedThenRejectedAndNotCompleted(String hostHeaders) throws Exception {
		start("http://127.0.0.1/callback");
		int port = this.receiver.redirectUri().getPort();
		String response = rawRequest(port, "GET /callback?code=c&state=" + STATE + " HTTP/1.1\r\n"
				+ String.format(hostHeaders, port) + "Connection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 421");
		assertThat(this.receiver.response()).isNotDone();
	}

	@Test
	void responseWhenAbsoluteFormTargetNamesAnotherHostThenRejected() throws Exception {
		start("http://127.0.0.1/callback");
		int port = this.receiver.redirectUri().getPort();
		String response = rawRequest(port, "GET http://attacker.example/callback?code=c&state=" + STATE
				+ " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 421");
		assertThat(rawRequest(port, "GET http://127.0.0.1:" + port + "/callback?code=c&state=" + STATE
				+ " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")).startsWith("HTTP/1.1 200");
		assertThat(this.receiver.response().get(30, TimeUnit.SECONDS).code()).isEqualTo("c");
	}

	@Test
	void responseWhenHostHeaderIsOtherLoopbackNameThenAccepted() throws Exception {
		start("http://127.0.0.1/callback");
		int port = this.receiver.redirectUri().getPort();
		String response = rawRequest(port, "GET /callback?code=c&state=" + STATE + " HTTP/1.1\r\nHost: LocalHost:"
				+ port + "\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 200");
		assertThat(this.receiver.response().get(5, TimeUnit.SECONDS).code()).isEqualTo("c");
	}

	@Test
	void responseWhenPutThenMethodNotAllowed() throws Exception {
		start("http://127.0.0.1/callback");
		HttpResponse<String> page = this.client.send(
				request("/callback?code=c&state=" + STATE).PUT(BodyPublishers.ofString("x")).build(),
				BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(405);
		assertThat(page.headers().firstValue("Allow")).hasValue("GET, POST");
		assertThat(this.receiver.response()).isNotDone();
	}

	@Test
	void responseWhenFormPostBodyTooLargeThenPayloadTooLargeAndNotCompleted() throws Exception {
		start("http://127.0.0.1/callback");
		String body = "code=c&state=" + STATE + "&padding=" + "x".repeat(RedirectRequestReader.MAX_BODY_SIZE);
		HttpResponse<String> page = this.client.send(request("/callback")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(body))
			.build(), BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(413);
		assertThat(this.receiver.response()).isNotDone();
	}

	@Test
	void responseWhenChunkedFormPostThenCompletesWithDecodedBody() throws Exception {
		start("http://127.0.0.1/callback");
		byte[] body = ("code=chunked-code&state=" + STATE).getBytes(StandardCharsets.US_ASCII);
		HttpResponse<String> page = this.client.send(request("/callback")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build(), BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(this.receiver.response().get(30, TimeUnit.SECONDS).code()).isEqualTo("chunked-code");
	}

	@Test
	void responseWhenFormPostExpectsContinueThenCompletes() throws Exception {
		start("http://127.0.0.1/callback");
		HttpResponse<String> page = this.client.send(request("/callback").expectContinue(true)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("code=c&state=" + STATE))
			.build(), BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(this.receiver.response().get(30, TimeUnit.SECONDS).code()).isEqualTo("c");
	}

	@Test
	void responseWhenChunkedFormPostBodyTooLargeThenPayloadTooLarge() throws Exception {
		start("http://127.0.0.1/callback");
		byte[] body = ("code=c&state=" + STATE + "&padding=" + "x".repeat(RedirectRequestReader.MAX_BODY_SIZE))
			.getBytes(StandardCharsets.US_ASCII);
		HttpResponse<String> page = this.client.send(request("/callback")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build(), BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(413);
		assertThat(this.receiver.response()).isNotDone();
	}

	@Test
	void responseIsSentBeforeFutureCompletes() throws Exception {
		start("http://127.0.0.1/callback");
		CountDownLatch pageReceived = new CountDownLatch(1);
		this.receiver.response().whenComplete((response, ex) -> {
			try {
				pageReceived.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		});
		try {
			HttpResponse<String> page = this.client.send(
					request("/callback?code=c&state=" + STATE).timeout(Duration.ofSeconds(5)).build(),
					BodyHandlers.ofString());
			assertThat(page.body()).contains("close this tab");
		}
		finally {
			pageReceived.countDown();
		}
		assertThat(this.receiver.response().get(5, TimeUnit.SECONDS).code()).isEqualTo("c");
	}

	@Test
	void redirectUriWhenNoPortThenEphemeralPortAndRootPath() throws Exception {
		start("http://localhost");
		URI redirectUri = this.receiver.redirectUri();
		assertThat(redirectUri.getHost()).isEqualTo("localhost");
		assertThat(redirectUri.getPort()).isPositive();
		assertThat(redirectUri.getPath()).isEqualTo("/");
		try (LoopbackRedirectReceiver other = LoopbackRedirectReceiver.start(URI.create("http://127.0.0.1:0/cb"), STATE,
				PAGES)) {
			assertThat(other.redirectUri().getPort()).isPositive().isNotEqualTo(redirectUri.getPort());
			assertThat(other.redirectUri().getPath()).isEqualTo("/cb");
		}
	}

	@Test
	void redirectUriWhenFixedPortThenListensOnThatPort() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			port = socket.getLocalPort();
		}
		start("http://127.0.0.1:" + port + "/callback");
		assertThat(this.receiver.redirectUri()).isEqualTo(URI.create("http://127.0.0.1:" + port + "/callback"));
		assertThat(get("/callback?code=c&state=" + STATE).statusCode()).isEqualTo(200);
	}

	@Test
	void startWhenPortInUseThenIOException() throws Exception {
		try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> start("http://localhost:" + busy.getLocalPort() + "/callback"))
				.withMessageContaining("127.0.0.1:" + busy.getLocalPort())
				.withMessageContaining("the port is in use");
		}
	}

	@Test
	void startWhenPortInUseOnIpv6LoopbackOnlyThenIOException() throws Exception {
		assumeThat(ipv6LoopbackAvailable()).as("IPv6 loopback available").isTrue();
		try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> start("http://localhost:" + busy.getLocalPort() + "/callback"))
				.withMessageContaining("[::1]:" + busy.getLocalPort())
				.withMessageContaining("the port is in use");
			try (ServerSocket freed = new ServerSocket()) {
				freed.bind(new InetSocketAddress("127.0.0.1", busy.getLocalPort()));
			}
		}
	}

	@Test
	void startWhenLocalhostThenListensOnIpv6LoopbackOnSamePort() throws Exception {
		assumeThat(ipv6LoopbackAvailable()).as("IPv6 loopback available").isTrue();
		start("http://localhost/callback");
		int port = this.receiver.redirectUri().getPort();
		HttpResponse<String> page = this.client.send(
				HttpRequest.newBuilder(URI.create("http://[::1]:" + port + "/callback?code=c6&state=" + STATE)).build(),
				BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(this.receiver.response().get(5, TimeUnit.SECONDS).code()).isEqualTo("c6");
	}

	@Test
	void startWhenIpv4LiteralThenDoesNotListenOnIpv6Loopback() throws Exception {
		assumeThat(ipv6LoopbackAvailable()).as("IPv6 loopback available").isTrue();
		start("http://127.0.0.1/callback");
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("::1", this.receiver.redirectUri().getPort()));
		}
	}

	@Test
	void closeFreesPortAndCancelsResponse() throws Exception {
		start("http://localhost/callback");
		int port = this.receiver.redirectUri().getPort();
		this.receiver.close();
		this.receiver.close();
		assertThat(this.receiver.response()).isCancelled();
		assertThatExceptionOfType(CancellationException.class).isThrownBy(() -> this.receiver.response().join());
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", port));
		}
		if (ipv6LoopbackAvailable()) {
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress("::1", port));
			}
		}
	}

	@Test
	void closeAfterResponseKeepsResponseAndFreesPort() throws Exception {
		start("http://localhost/callback");
		int port = this.receiver.redirectUri().getPort();
		get("/callback?code=c&state=" + STATE);
		this.receiver.close();
		assertThat(this.receiver.response().get(5, TimeUnit.SECONDS).code()).isEqualTo("c");
		assertThatPortIsFree(port);
	}

	@Test
	void closeStopsReceiverThread() throws Exception {
		start("http://127.0.0.1/callback");
		get("/callback?code=c&state=" + STATE);
		String name = "loopback-redirect-" + this.receiver.redirectUri().getPort();
		assertThat(Thread.getAllStackTraces().keySet()).anySatisfy((thread) -> {
			assertThat(thread.getName()).isEqualTo(name);
			assertThat(thread.isDaemon()).isTrue();
		});
		this.receiver.close();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (System.nanoTime() < deadline
				&& Thread.getAllStackTraces().keySet().stream().anyMatch((thread) -> thread.getName().equals(name))) {
			Thread.sleep(10);
		}
		assertThat(Thread.getAllStackTraces().keySet()).noneMatch((thread) -> thread.getName().equals(name));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://localhost/callback", "http://example.com/callback",
			"http://localhost.example.com/", "http://127.0.0.2/", "http://0.0.0.0/", "http://[::2]/",
			"http://localhost/callback?x=1", "http://localhost/callback#f", "http://user@localhost/",
			"http://localhost:70000/", "urn:localhost", "/callback" })
	void startWhenNotLoopbackRedirectUriThenIllegalArgumentException(String uri) {
		assertThatIllegalArgumentException().isThrownBy(() -> start(uri))
			.withMessageContaining("A loopback redirect URI is http://localhost, http://127.0.0.1 or http://[::1]");
	}

	@Test
	void responseWhenSuccessRedirectThenFoundWithLocation() throws Exception {
		this.receiver = LoopbackRedirectReceiver.start(URI.create("http://127.0.0.1/callback"), STATE,
				PAGES.withSuccessRedirect(URI.create("https://contoso.example/signed-in")));
		HttpResponse<String> page = get("/callback?code=c&state=" + STATE);
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValue("https://contoso.example/signed-in");
		assertThat(this.receiver.response().get(5, TimeUnit.SECONDS).code()).isEqualTo("c");
	}

	@Test
	void responseWhenErrorRedirectThenFoundWithErrorInLocation() throws Exception {
		this.receiver = LoopbackRedirectReceiver.start(URI.create("http://127.0.0.1/callback"), STATE,
				PAGES.withErrorRedirect(URI.create("https://contoso.example/help?topic=sign-in")));
		HttpResponse<String> page = get("/callback?error=access_denied&error_description=User%20said%20%22no%22%26left"
				+ "&state=" + STATE);
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValue("https://contoso.example/help?topic=sign-in"
				+ "&error=access_denied&error_description=User+said+%22no%22%26left");
		assertThat(this.receiver.response().get(5, TimeUnit.SECONDS).error()).isEqualTo("access_denied");
	}

	@Test
	void responseWhenCustomErrorHtmlThenPlaceholdersFilledEscaped() throws Exception {
		this.receiver = LoopbackRedirectReceiver.start(URI.create("http://127.0.0.1/callback"), STATE,
				PAGES.withErrorHtml("<p>{error}: {error_description}</p>"));
		HttpResponse<String> page = get("/callback?error=a%26b&error_description=%3Cb%3E&state=" + STATE);
		assertThat(page.body()).isEqualTo("<p>a&amp;b: &lt;b&gt;</p>");
	}

	@Test
	void requestWhenDebugLoggingThenLogsMethodPathAndStatusButNoQuery(CapturedOutput output) throws Exception {
		Logger logger = (Logger) LoggerFactory.getLogger(LoopbackRedirectReceiver.class);
		Level level = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		try {
			start("http://127.0.0.1/callback");
			get("/callback?code=secret-code-value&state=" + STATE);
			this.receiver.response().get(5, TimeUnit.SECONDS);
			this.receiver.close();
		}
		finally {
			logger.setLevel(level);
		}
		assertThat(output).contains("Listening for the sign-in redirect on", "GET /callback -> 200")
			.doesNotContain("secret-code-value", STATE);
	}

	@Test
	void responseWhenIdleAndSlowConnectionsAreOpenThenRightRedirectIsAnsweredAtOnce() throws Exception {
		start("http://localhost/callback");
		int port = this.receiver.redirectUri().getPort();
		List<Socket> hostile = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				hostile.add(connect(port));
			}
			for (int i = 0; i < 20; i++) {
				Socket slow = connect(port);
				send(slow, "GET /callback?code=slow&sta");
				hostile.add(slow);
			}
			for (int i = 0; i < 10; i++) {
				Socket slow = connect(port);
				send(slow, "POST /callback HTTP/1.1\r\nHost: localhost:" + port
						+ "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ncode=");
				hostile.add(slow);
			}
			for (Socket slow : hostile.subList(20, 50)) {
				send(slow, "x");
			}
			assertThatRightRedirectCompletes();
		}
		finally {
			closeAll(hostile);
		}
	}

	@Test
	void connectionWhenIdleOrSlowBeyondRequestTimeoutThenClosed() throws Exception {
		this.receiver = LoopbackRedirectReceiver.start(URI.create("http://127.0.0.1/callback"), STATE, PAGES,
				new LoopbackRedirectServer.Limits(Duration.ofMillis(500), 64));
		int port = this.receiver.redirectUri().getPort();
		try (Socket idle = connect(port); Socket slow = connect(port)) {
			send(slow, "GET /callback?code=c&state=" + STATE);
			CompletableFuture<Integer> slowRead = CompletableFuture.supplyAsync(() -> readQuietly(slow));
			// keeps sending, a byte at a time, within every read timeout but never finishing
			for (int i = 0; i < 30 && !slowRead.isDone(); i++) {
				Thread.sleep(100);
				sendQuietly(slow, "x");
			}
			assertThat(slowRead.get(30, TimeUnit.SECONDS)).isEqualTo(-1);
			assertThat(readQuietly(idle)).isEqualTo(-1);
		}
		assertThat(this.receiver.response()).isNotDone();
		assertThatRightRedirectCompletes();
	}

	@Test
	void connectionsWhenFloodedThenOneThreadServesThemAndRightRedirectStillCompletes() throws Exception {
		start("http://127.0.0.1/callback");
		int port = this.receiver.redirectUri().getPort();
		String prefix = "loopback-redirect-" + port;
		List<Socket> flood = new ArrayList<>();
		try {
			for (int i = 0; i < 400; i++) {
				Socket socket = connect(port);
				send(socket, "GET /callback?code=flood" + i);
				flood.add(socket);
			}
			assertThat(receiverThreads(prefix)).isEqualTo(1);
			assertThatRightRedirectCompletes();
			assertThat(receiverThreads(prefix)).isEqualTo(1);
			// the oldest connections were closed to keep at most 64 open
			assertThat(readQuietly(flood.get(0))).isEqualTo(-1);
		}
		finally {
			closeAll(flood);
		}
	}

	@Test
	void responseWhenRequestArrivesAByteAtATimeThenCompletes() throws Exception {
		start("http://127.0.0.1/callback");
		int port = this.receiver.redirectUri().getPort();
		String request = "GET /callback?code=trickled&state=" + STATE + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nUser-Agent: test\r\n\r\n";
		try (Socket socket = connect(port)) {
			socket.setTcpNoDelay(true);
			for (char c : request.toCharArray()) {
				send(socket, String.valueOf(c));
			}
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
			assertThat(response).startsWith("HTTP/1.1 200").contains("Connection: close");
		}
		assertThat(this.receiver.response().get(30, TimeUnit.SECONDS).code()).isEqualTo("trickled");
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET /callback HTTP/1.1 extra\r\n", "GET  /callback HTTP/1.1\r\n",
			"GET callback HTTP/1.1\r\n", "G\u00c9T /callback HTTP/1.1\r\n", "GET /callback HTTP/2.0\r\n",
			"GET /callback HTTP/1.1\r\nHost: 127.0.0.1:%1$d\r\n folded: value\r\n",
			"GET /callback HTTP/1.1\r\nHost : 127.0.0.1:%1$d\r\n",
			"POST /callback HTTP/1.1\r\nHost: 127.0.0.1:%1$d\r\nContent-Length: 5\r\nContent-Length: 6\r\n",
			"POST /callback HTTP/1.1\r\nHost: 127.0.0.1:%1$d\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n",
			"POST /callback HTTP/1.1\r\nHost: 127.0.0.1:%1$d\r\nTransfer-Encoding: gzip, chunked\r\n",
			"POST /callback HTTP/1.1\r\nHost: 127.0.0.1:%1$d\r\nContent-Length: -1\r\n" })
	void responseWhenRequestMalformedThenErrorStatusAndRightRedirectStillCompletes(String head) throws Exception {
		start("http://127.0.0.1/callback");
		int port = this.receiver.redirectUri().getPort();
		String response = rawRequest(port, String.format(head, port) + "\r\n");
		assertThat(response).matches("(?s)HTTP/1.1 (400|501|505) .*").contains("Cache-Control: no-store");
		assertThat(this.receiver.response()).isNotDone();
		assertThatRightRedirectCompletes();
	}

	@Test
	void responseWhenHeadersTooLargeThenRejected() throws Exception {
		start("http://127.0.0.1/callback");
		int port = this.receiver.redirectUri().getPort();
		String response = rawRequest(port, "GET /callback?code=c&state=" + STATE + " HTTP/1.1\r\nHost: 127.0.0.1:"
				+ port + "\r\nCookie: " + "x".repeat(RedirectRequestReader.MAX_HEAD_SIZE) + "\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 431");
		assertThat(this.receiver.response()).isNotDone();
	}

	@Test
	void closeWhenCallerInterruptedAndConnectionsOpenThenFreesPortAndKeepsInterrupt() throws Exception {
		start("http://localhost/callback");
		int port = this.receiver.redirectUri().getPort();
		List<Socket> open = new ArrayList<>();
		try {
			open.add(connect(port));
			Socket slow = connect(port);
			send(slow, "GET /callback?code=c");
			open.add(slow);
			Thread.currentThread().interrupt();
			this.receiver.close();
			assertThat(Thread.interrupted()).isTrue();
			assertThat(this.receiver.response()).isCancelled();
			assertThatPortIsFree(port);
			assertThat(readQuietly(slow)).isEqualTo(-1);
		}
		finally {
			closeAll(open);
		}
	}

	@Test
	void closeWhenStageOnResponseBlocksReceiverThreadThenStillFreesPort() throws Exception {
		start("http://127.0.0.1/callback");
		int port = this.receiver.redirectUri().getPort();
		CountDownLatch release = new CountDownLatch(1);
		this.receiver.response().whenComplete((response, ex) -> {
			try {
				release.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		});
		try {
			assertThat(get("/callback?code=c&state=" + STATE).statusCode()).isEqualTo(200);
			this.receiver.close();
			assertThatPortIsFree(port);
			assertThat(this.receiver.response().get(5, TimeUnit.SECONDS).code()).isEqualTo("c");
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void closeWhenErrorResponseThenFreesPort() throws Exception {
		start("http://localhost/callback");
		int port = this.receiver.redirectUri().getPort();
		get("/callback?error=access_denied&state=" + STATE);
		this.receiver.response().get(30, TimeUnit.SECONDS);
		this.receiver.close();
		assertThatPortIsFree(port);
	}

	private void assertThatRightRedirectCompletes() throws Exception {
		HttpResponse<String> page = get(this.receiver.redirectUri().getRawPath() + "?code=right-code&state=" + STATE);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Signed in");
		assertThat(this.receiver.response().get(30, TimeUnit.SECONDS).code()).isEqualTo("right-code");
	}

	private HttpResponse<String> post(String path, String contentType, String body)
			throws IOException, InterruptedException {
		return this.client.send(request(path).header("Content-Type", contentType)
			.POST(BodyPublishers.ofString(body))
			.build(), BodyHandlers.ofString());
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port);
		socket.setSoTimeout(30_000);
		return socket;
	}

	private static void send(Socket socket, String text) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	private static void sendQuietly(Socket socket, String text) {
		try {
			send(socket, text);
		}
		catch (IOException ex) {
			// closed by the receiver
		}
	}

	/**
	 * Read until the receiver closes the connection.
	 * @return -1 once it has, after reading whatever it sent first
	 */
	private static int readQuietly(Socket socket) {
		try {
			InputStream in = socket.getInputStream();
			while (in.read() != -1) {
				// what the receiver answered, if anything
			}
			return -1;
		}
		catch (java.net.SocketTimeoutException ex) {
			return 0;
		}
		catch (IOException ex) {
			// reset by the receiver: closed as well
			return -1;
		}
	}

	private static void closeAll(List<Socket> sockets) throws IOException {
		for (Socket socket : sockets) {
			socket.close();
		}
	}

	private static long receiverThreads(String prefix) {
		return Thread.getAllStackTraces().keySet().stream().filter((thread) -> thread.getName().startsWith(prefix))
			.count();
	}

	private static void assertThatPortIsFree(int port) throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", port));
		}
		if (ipv6LoopbackAvailable()) {
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress("::1", port));
			}
		}
	}

	private void start(String redirectUri) throws IOException {
		this.receiver = LoopbackRedirectReceiver.start(URI.create(redirectUri), STATE, PAGES);
	}

	private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
		return this.client.send(request(pathAndQuery).build(), BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String pathAndQuery) {
		URI redirectUri = this.receiver.redirectUri();
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + redirectUri.getPort() + pathAndQuery))
			.timeout(Duration.ofSeconds(10));
	}

	private static String rawRequest(int port, String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
	}

	private static boolean ipv6LoopbackAvailable() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
