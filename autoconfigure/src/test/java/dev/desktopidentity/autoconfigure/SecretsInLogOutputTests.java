package dev.desktopidentity.autoconfigure;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No token, authorization code or PKCE verifier reaches the output of an application
 * that signs in and calls an API with {@code logging.level.root=TRACE}, whichever HTTP
 * client Spring Boot picks for {@code RestClient}: a second JVM
 * ({@link SignInAndCallApiApplication}) runs the whole flow against the local identity
 * provider and an API in this JVM, with only that client's jars added to its class path,
 * and every secret the provider issued or received is looked for in all it printed.
 */
class SecretsInLogOutputTests {

	private static final String SCOPE = "api://local-test/read";

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	private static LocalIdentityProvider provider;

	private static HttpServer api;

	private static final List<String> authorizations = new CopyOnWriteArrayList<>();

	private static final AtomicInteger rotations = new AtomicInteger();

	@TempDir
	Path cache;

	@BeforeAll
	static void start() throws IOException {
		provider = LocalIdentityProvider.builder().user("alice@contoso.test", "Passw0rd!", "Alice Example").start();
		api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		api.createContext("/", SecretsInLogOutputTests::answer);
		api.start();
	}

	@AfterAll
	static void stop() {
		provider.close();
		api.stop(0);
	}

	@BeforeEach
	void reset() {
		provider.requests().reset();
		authorizations.clear();
		rotations.set(0);
	}

	@Test
	void clientLibrariesAreOnlyOnTheChildClassPath() {
		for (String className : List.of("org.apache.hc.client5.http.impl.classic.HttpClients",
				"org.eclipse.jetty.client.HttpClient", "reactor.netty.http.client.HttpClient")) {
			assertThat(ClassUtils.isPresent(className, null)).as(className).isFalse();
		}
	}

	/**
	 * Each way an application's {@code RestClient} reaches the API: the JDK
	 * {@code HttpClient} (also with its own logging switched on by system property,
	 * which covers the starter's traffic to the identity provider too),
	 * {@code HttpURLConnection} ({@code simple}), and the libraries Spring Boot picks when
	 * they are on the class path.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "jdk", "jdk-logging-property", "simple", "http-components", "jetty", "reactor-netty" })
	void signInAndApiCallsWhenRootLevelIsTraceThenNoSecretInOutput(String client) throws Exception {
		String output = signInAndCallApi(client, "--logging.level.root=TRACE");
		assertThat(output).contains("CLIENT " + expectedFactoryBuilder(client));
		assertThat(output).as("the child logged at TRACE").contains(" TRACE ");
		assertThatFlowRanThroughTheApi();
		Set<String> secrets = provider.requests().secrets();
		assertThat(secrets).as("codes, verifiers and tokens issued").hasSizeGreaterThanOrEqualTo(8);
		for (String secret : secrets) {
			assertThat(output.contains(secret)).as("a secret of " + secret.length() + " characters in the output of "
					+ client + " at " + firstLineWith(output, secret)).isFalse();
		}
		assertThat(output.lines().filter((line) -> line.contains("stay quiet: set logging.level."))).hasSize(1);
	}

	/**
	 * What the test above would find without the starter's logging defaults: the same
	 * flow with the loggers turned back on as the start-up line says.
	 */
	@ParameterizedTest
	@CsvSource({ "http-components, org.apache.hc.client5.http.headers=DEBUG",
			"jetty, org.eclipse.jetty.http.HttpGenerator=DEBUG",
			"simple, sun.net.www.protocol.http.HttpURLConnection=DEBUG",
			"jdk-logging-property, jdk.httpclient.HttpClient=INFO" })
	void signInAndApiCallsWhenTokenLoggerEnabledExplicitlyThenItLogsSecrets(String client, String level)
			throws Exception {
		String output = signInAndCallApi(client, "--logging.level.root=TRACE", "--logging.level." + level);
		assertThat(provider.requests().secrets()).anyMatch(output::contains);
		assertThat(output).doesNotContain("stay quiet: set logging.level." + level);
	}

	@Test
	void signInAgainWhenRefreshTokenRevokedAtDefaultLevelsThenNoMsalWarning() throws Exception {
		String output = signInTwice();
		assertThat(output).contains("SIGNED_IN_AGAIN");
		assertThat(output.lines().filter((line) -> line.startsWith("OPEN "))).hasSize(2);
		assertThat(output).doesNotContain("Correlation ID").doesNotContain(" WARN ").doesNotContain("msal4j");
	}

	@Test
	void signInAgainWhenMsalLoggerSetToWarnThenItWarnsOfTheExpectedOutcome() throws Exception {
		// what the test above would find without the starter's logging defaults
		String output = signInTwice("--logging.level.com.microsoft.aad.msal4j.PublicClientApplication=WARN");
		assertThat(output).contains("SIGNED_IN_AGAIN").contains("Correlation ID").contains(" WARN ");
	}

	@Test
	void tokenWhenNoSecretStoreAtDefaultLevelsThenFailureReportedOnce() throws Exception {
		String output = failWithoutSecretStore();
		assertThat(output).contains("Could not sign in: The token cache needs an operating-system secret store");
		assertThat(output.lines().filter((line) -> line.contains("needs an operating-system secret store"))).hasSize(1);
		assertThat(output).doesNotContain(" WARN ");
	}

	@Test
	void tokenWhenNoSecretStoreAndMsalLoggerSetToWarnThenFailureReportedTwice() throws Exception {
		// what the test above would find without the starter's logging defaults
		String output = failWithoutSecretStore("--logging.level.com.microsoft.aad.msal4j.PublicClientApplication=WARN");
		assertThat(output.lines().filter((line) -> line.contains("needs an operating-system secret store"))).hasSize(2);
	}

	private String failWithoutSecretStore(String... arguments) throws Exception {
		try (Child child = start("report-failure", "jdk", Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent"),
				with(arguments, "--identity.cache.protection=os"))) {
			return child.awaitExit();
		}
	}

	private String signInAndCallApi(String client, String... arguments) throws Exception {
		try (Child child = start("calls", client, Map.of(), with(arguments, "--identity.cache.protection=none"))) {
			child.signIn();
			return child.awaitExit();
		}
	}

	private String signInTwice(String... arguments) throws Exception {
		try (Child child = start("stale-refresh-token", "jdk", Map.of(),
				with(arguments, "--identity.cache.protection=none"))) {
			child.signIn();
			child.awaitLine("SIGNED_IN");
			provider.revokeRefreshTokens("alice@contoso.test");
			child.send("go");
			child.signIn();
			return child.awaitExit();
		}
	}

	private static String[] with(String[] arguments, String argument) {
		List<String> all = new ArrayList<>(List.of(arguments));
		all.add(argument);
		return all.toArray(String[]::new);
	}

	private Child start(String scenario, String client, Map<String, String> environment, String... arguments)
			throws IOException {
		String apiUrl = "http://127.0.0.1:" + api.getAddress().getPort() + "/api";
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-cp", classPath(client)));
		if (client.equals("jdk-logging-property")) {
			command.add("-Djdk.httpclient.HttpClient.log=all");
		}
		command.addAll(List.of(SignInAndCallApiApplication.class.getName(), scenario, apiUrl,
				"--logging.config=classpath:trace-logging/boot-default-logback.xml",
				"--identity.client-id=trace-logging-client", "--identity.interactive.mode=browser",
				"--identity.scopes=" + SCOPE, "--identity.cache.location=" + this.cache,
				"--identity.resources.api.base-url=" + apiUrl,
				"--identity.resources.api.scopes=" + SCOPE));
		for (Map.Entry<String, Object> property : provider.springProperties("idp").entrySet()) {
			command.add("--" + property.getKey() + "=" + property.getValue());
		}
		if (client.equals("simple")) {
			command.add("--spring.http.clients.imperative.factory=simple");
		}
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		return new Child(builder.start());
	}

	private void assertThatFlowRanThroughTheApi() {
		assertThat(authorizations).hasSizeGreaterThanOrEqualTo(5).allMatch((value) -> value.startsWith("Bearer ey"));
		assertThat(authorizations.stream().distinct().count()).as("a refreshed token reached the API").isGreaterThan(1);
	}

	/**
	 * Return the class path of a child: this JVM's, the JUL bridge that
	 * spring-boot-starter-logging brings, and the client library's jars.
	 */
	private static String classPath(String client) throws IOException {
		StringBuilder classPath = new StringBuilder(System.getProperty("java.class.path"));
		List<String> extra = new ArrayList<>(List.of("jul-bridge"));
		if (Set.of("http-components", "jetty", "reactor-netty").contains(client)) {
			extra.add(client);
		}
		for (String name : extra) {
			Path file = Path.of("target", "http-clients", name + ".classpath");
			classPath.append(File.pathSeparator).append(Files.readString(file).strip());
		}
		return classPath.toString();
	}

	private static String expectedFactoryBuilder(String client) {
		return switch (client) {
			case "jdk", "jdk-logging-property" -> "JdkClientHttpRequestFactoryBuilder";
			case "simple" -> "SimpleClientHttpRequestFactoryBuilder";
			case "http-components" -> "HttpComponentsClientHttpRequestFactoryBuilder";
			case "jetty" -> "JettyClientHttpRequestFactoryBuilder";
			default -> "ReactorClientHttpRequestFactoryBuilder";
		};
	}

	private static String firstLineWith(String output, String secret) {
		return output.lines().filter((line) -> line.contains(secret)).findFirst()
			.map((line) -> line.replace(secret, "<secret>"))
			.map((line) -> line.substring(0, Math.min(300, line.length())))
			.orElse("nowhere");
	}

	private static void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (authorization != null) {
				authorizations.add(authorization);
			}
			if (exchange.getRequestURI().getPath().endsWith("/rotate") && rotations.getAndIncrement() == 0) {
				exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
				exchange.sendResponseHeaders(401, -1);
				return;
			}
			byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/plain");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	/**
	 * A child JVM whose output lines are collected and can be waited for.
	 */
	private static final class Child implements AutoCloseable {

		private final Process process;

		private final List<String> lines = new CopyOnWriteArrayList<>();

		private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();

		private final Thread reader;

		Child(Process process) {
			this.process = process;
			this.reader = new Thread(this::read, "child-output-" + process.pid());
			this.reader.setDaemon(true);
			this.reader.start();
		}

		private void read() {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					this.lines.add(line);
					this.unread.add(line);
				}
			}
			catch (IOException ex) {
				// the child has gone
			}
		}

		String awaitLine(String prefix) throws InterruptedException {
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (System.nanoTime() < deadline) {
				String line = this.unread.poll(100, TimeUnit.MILLISECONDS);
				if (line != null && line.startsWith(prefix)) {
					return line;
				}
				if (line == null && !this.process.isAlive() && this.unread.isEmpty()) {
					break;
				}
			}
			throw new AssertionError("No line starting with '" + prefix + "' from the child; it printed:\n" + tail());
		}

		/**
		 * Play the browser: sign in at the URL the child opens and deliver the redirect.
		 */
		void signIn() throws InterruptedException {
			String url = awaitLine("OPEN ").substring("OPEN ".length());
			ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!").signIn(URI.create(url)).deliver();
		}

		void send(String line) throws IOException {
			OutputStream in = this.process.getOutputStream();
			in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
			in.flush();
		}

		String awaitExit() throws InterruptedException {
			assertThat(this.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("child exited; " + tail())
				.isTrue();
			this.reader.join(TimeUnit.SECONDS.toMillis(30));
			assertThat(this.process.exitValue()).as(tail()).isZero();
			assertThat(this.lines).as(tail()).contains("DONE");
			return String.join("\n", this.lines);
		}

		private String tail() {
			return String.join("\n", this.lines.subList(Math.max(0, this.lines.size() - 60), this.lines.size()));
		}

		@Override
		public void close() {
			this.process.destroyForcibly();
		}

	}

}
