package dev.desktopidentity.benchmarks.startup.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.signin.BrowserLauncher;
import dev.desktopidentity.signin.ConsoleSignInNotifier;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The local identity provider the timed apps are configured for, and the one sign-in
 * that warms their token cache. The provider keeps running (in the harness's JVM, never
 * in a timed one) so that any request a timed run makes would be seen and counted.
 */
final class BenchmarkProvider implements AutoCloseable {

	static final String USERNAME = "bench@desktop-identity.test";

	private static final String PASSWORD = "bench-password";

	private static final String CLIENT_ID = "desktop-identity-startup-benchmark";

	private static final String SCOPE = "api://desktop-identity-startup-benchmark/Items.Read";

	private final LocalIdentityProvider provider;

	private final Map<String, String> properties;

	private final Path cache;

	private final List<String> protections;

	private BenchmarkProvider(LocalIdentityProvider provider, Map<String, String> properties, Path cache,
			List<String> protections) {
		this.provider = provider;
		this.properties = properties;
		this.cache = cache;
		this.protections = protections;
	}

	/**
	 * Start the provider and write what the apps need to reach it into a directory.
	 * @param work the directory: the provider's certificate and the token cache go there
	 * @param protections the values of {@code identity.cache.protection} to warm a token
	 * cache for (the first is that of {@link #arguments()})
	 */
	static BenchmarkProvider start(Path work, List<String> protections) throws IOException {
		LocalIdentityProvider provider = LocalIdentityProvider.builder()
			.user(USERNAME, PASSWORD, "Startup Benchmark")
			.accessTokenLifetime(Duration.ofHours(12))
			.idTokenLifetime(Duration.ofHours(12))
			.start();
		Path certificate = work.resolve("identity-provider.pem");
		Files.writeString(certificate, provider.certificatePem());
		Path cache = work.resolve("token-cache");
		BenchmarkFiles.deleteRecursively(cache);
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("identity.client-id", CLIENT_ID);
		properties.put("identity.scopes", SCOPE);
		properties.put("identity.authority", provider.authority());
		// the provider behaves like the Microsoft identity platform, on a host that is not Microsoft's
		properties.put("identity.authority-kind", "entra-id");
		properties.put("identity.instance-discovery", "false");
		properties.put("identity.ssl-bundle", "local-identity-provider");
		properties.put("spring.ssl.bundle.pem.local-identity-provider.truststore.certificate",
				"file:" + certificate.toAbsolutePath());
		// a timed run that cannot answer from the cache fails instead of waiting for a browser
		properties.put("identity.interactive.mode", "none");
		return new BenchmarkProvider(provider, properties, cache, List.copyOf(protections));
	}

	/**
	 * Return the command-line arguments that point an app at the provider and the token
	 * cache of the first protection.
	 */
	List<String> arguments() {
		return arguments(this.protections.get(0));
	}

	/**
	 * Return the command-line arguments that point an app at the provider and the token
	 * cache of a protection: {@link #cache()} itself with one protection, a directory in
	 * it named after the protection with several.
	 */
	List<String> arguments(String protection) {
		List<String> arguments = new ArrayList<>();
		properties(protection).forEach((name, value) -> arguments.add("--" + name + "=" + value));
		return arguments;
	}

	private Map<String, String> properties(String protection) {
		Map<String, String> properties = new LinkedHashMap<>(this.properties);
		Path cache = (this.protections.size() > 1) ? this.cache.resolve(protection) : this.cache;
		properties.put("identity.cache.location", cache.toAbsolutePath().toString());
		properties.put("identity.cache.protection", protection);
		return properties;
	}

	/**
	 * Sign in once for each protection, with the starter and a scripted user as the
	 * browser, so that the timed apps find a valid access token in their cache.
	 */
	String signIn() {
		String username = "";
		for (String protection : this.protections) {
			username = signIn(protection);
		}
		return username;
	}

	private String signIn(String protection) {
		ScriptedUser user = ScriptedUser.of(this.provider, USERNAME, PASSWORD);
		Map<String, Object> properties = new LinkedHashMap<>(properties(protection));
		properties.put("identity.interactive.mode", "browser");
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "warn");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SignIn.class)
			.web(WebApplicationType.NONE)
			.properties(properties)
			.initializers((initializing) -> {
				initializing.getBeanFactory()
					.registerSingleton("scriptedBrowser", (BrowserLauncher) (url) -> CompletableFuture
						.runAsync(() -> user.signIn(url).deliver()));
				initializing.getBeanFactory()
					.registerSingleton("quietNotifier",
							new ConsoleSignInNotifier(new PrintStream(OutputStream.nullOutputStream()), false));
			})
			.run()) {
			return context.getBean(InteractiveTokenProvider.class).getToken().getAccount().username();
		}
	}

	/**
	 * Return the directory of the token caches.
	 */
	Path cache() {
		return this.cache;
	}

	/**
	 * Return how many requests the provider has answered.
	 */
	int requestCount() {
		return this.provider.requests().all().size();
	}

	@Override
	public void close() {
		this.provider.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class SignIn {

	}

}
