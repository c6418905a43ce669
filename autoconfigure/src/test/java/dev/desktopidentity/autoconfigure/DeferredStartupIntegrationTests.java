package dev.desktopidentity.autoconfigure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.TokenRequest;
import dev.desktopidentity.TokenSource;
import dev.desktopidentity.cache.SignedInAccounts;
import dev.desktopidentity.msal.IdentityClientExecutor;
import dev.desktopidentity.signin.BrowserLauncher;
import dev.desktopidentity.signin.ConsoleSignInNotifier;
import dev.desktopidentity.signin.SignInNotifier;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import io.micrometer.observation.ObservationRegistry;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a run builds, and when, against the local identity provider over HTTPS with a
 * persistent token cache: start-up builds neither the MSAL4J application, nor a TLS
 * context, nor a thread, nor touches the token cache, nor reaches the identity provider,
 * whatever the sign-in mode, the kind of authority, the protected APIs and their clients,
 * the observation registry and the cache protection (threads are compared with those the
 * same configuration starts without the starter); signing in builds each once; a run that
 * finds its token in the cache reads the cache file once and builds no TLS context.
 */
class DeferredStartupIntegrationTests {

	private static final String SCOPE = "api://deferred-startup/read";

	private static LocalIdentityProvider provider;

	/** An OpenID Connect provider that follows the standard strictly, discovered from its issuer. */
	private static LocalIdentityProvider oidcProvider;

	private final CountingSslBundle sslBundle = new CountingSslBundle(trusting(provider));

	private final AtomicInteger applicationsBuilt = new AtomicInteger();

	private final AtomicInteger browsersOpened = new AtomicInteger();

	@TempDir
	private Path directory;

	private ApplicationContextRunner contextRunner;

	/** The same application without customizer: the first token may come straight from the cache file. */
	private ApplicationContextRunner plainRunner;

	@BeforeAll
	static void startProvider() {
		provider = LocalIdentityProvider.builder().user("alice@contoso.test", "Passw0rd!", "Alice Example").start();
		oidcProvider = LocalIdentityProvider.builder().strictOidc(true).start();
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
		oidcProvider.close();
	}

	@BeforeEach
	void prepare() {
		provider.requests().reset();
		ScriptedUser alice = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!");
		BrowserLauncher browser = (url) -> {
			this.browsersOpened.incrementAndGet();
			CompletableFuture.runAsync(() -> alice.signIn(url).deliver());
		};
		this.plainRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, SslAutoConfiguration.class))
			.withBean(SslBundleRegistrar.class, () -> (registry) -> registry.registerBundle("counted", this.sslBundle))
			.withBean(BrowserLauncher.class, () -> browser)
			.withBean(SignInNotifier.class,
					() -> new ConsoleSignInNotifier(new PrintStream(OutputStream.nullOutputStream()), false))
			.withPropertyValues("identity.client-id=deferred-startup", "identity.scopes=" + SCOPE,
					"identity.authority=" + provider.authority(), "identity.authority-kind=entra-id",
					"identity.instance-discovery=false",
					"identity.ssl-bundle=counted", "identity.interactive.mode=browser",
					"identity.cache.protection=auto", "identity.cache.allow-unprotected=true",
					"identity.cache.location=" + this.directory.resolve("cache"));
		this.contextRunner = this.plainRunner.withBean(PublicClientApplicationBuilderCustomizer.class,
				() -> (builder) -> this.applicationsBuilt.incrementAndGet());
	}

	@Test
	void startupThenBuildsNoApplicationTlsContextOrThreadAndLeavesCacheUntouched() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(PublicClientApplication.class);
			assertThat(context.getBeanFactory().containsSingleton("publicClientApplication")).isFalse();
			// the rehearsal exists only in a run that prepares later runs
			assertThat(context).doesNotHaveBean(TrainingRunRehearsal.class);
			assertThat(this.applicationsBuilt).hasValue(0);
			assertThat(this.sslBundle.contexts).hasValue(0);
			assertThat(executor(context).getLargestPoolSize()).isZero();
			// the directory is created by the first cache access, which also looks for the secret store
			assertThat(this.directory.resolve("cache")).doesNotExist();
			assertThat(provider.requests().all()).isEmpty();
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("startupVariants")
	void startupWhenConfiguredOtherwiseThenStillBuildsNoApplicationTlsContextOrThread(String variant,
			UnaryOperator<ApplicationContextRunner> configuration) throws Exception {
		// what Spring Boot itself starts for the same configuration (an HTTP client that
		// RestClient.Builder and RestTemplateBuilder build at once, say) is not the starter's
		List<String> withoutStarter = threadsStartedBy(configuration.apply(new ApplicationContextRunner()),
				(context) -> {
				});
		oidcProvider.requests().reset();
		List<String> withStarter = threadsStartedBy(configuration.apply(this.contextRunner), (context) -> {
			assertThat(this.applicationsBuilt).hasValue(0);
			assertThat(this.sslBundle.contexts).hasValue(0);
			assertThat(executor(context).getLargestPoolSize()).isZero();
			assertThat(this.directory.resolve("cache")).doesNotExist();
			// no OpenID Connect or instance discovery, no token request
			assertThat(provider.requests().all()).isEmpty();
			assertThat(oidcProvider.requests().all()).isEmpty();
		});
		assertThat(withStarter).as("threads started at start-up").isEqualTo(withoutStarter);
	}

	/**
	 * Start a context and return the names of the threads that its start-up started,
	 * numbers left out.
	 */
	private List<String> threadsStartedBy(ApplicationContextRunner runner,
			ContextConsumer<AssertableApplicationContext> assertions) throws IOException {
		Thread starter = Thread.currentThread();
		try (Recording recording = new Recording()) {
			recording.enable("jdk.ThreadStart");
			recording.start();
			runner.run((context) -> {
				recording.stop();
				assertThat(context).hasNotFailed();
				assertions.accept(context);
			});
			Path events = Files.createTempFile(this.directory, "thread-starts", ".jfr");
			recording.dump(events);
			return RecordingFile.readAllEvents(events)
				.stream()
				.filter((event) -> event.getThread("parentThread") != null
						&& event.getThread("parentThread").getJavaThreadId() == starter.getId())
				.map((event) -> event.getThread("thread").getJavaName().replaceAll("\\d+", "#"))
				.sorted()
				.toList();
		}
	}

	static Stream<Arguments> startupVariants() {
		return Stream.of(variant("interactive mode auto", "identity.interactive.mode=auto"),
				variant("device code", "identity.interactive.mode=device-code"),
				variant("OpenID Connect authority", "identity.authority=" + oidcProvider.authority(),
						"identity.authority-kind=oidc"),
				Arguments.of("protected resources with a RestClient and a RestTemplate built at start-up",
						(UnaryOperator<ApplicationContextRunner>) (runner) -> runner
							.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
									ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
									RestTemplateAutoConfiguration.class, IdentityRestClientAutoConfiguration.class,
									IdentityRestTemplateAutoConfiguration.class))
							.withUserConfiguration(OrdersClients.class)
							.withPropertyValues("identity.resources.orders.base-url=https://127.0.0.1:9/api",
									"identity.resources.orders.scopes=" + SCOPE)),
				Arguments.of("observation registry", (UnaryOperator<ApplicationContextRunner>) (runner) -> runner
					.withBean(ObservationRegistry.class, ObservationRegistry::create)),
				variant("key in the secret store only", "identity.cache.protection=os",
						"identity.cache.allow-unprotected=false"),
				variant("no persistent cache", "identity.cache.enabled=false"));
	}

	private static Arguments variant(String name, String... properties) {
		return Arguments.of(name,
				(UnaryOperator<ApplicationContextRunner>) (runner) -> runner.withPropertyValues(properties));
	}

	@Test
	void startupWhenSpringAotProcessesApplicationThenKeepsRehearsalForTrainingRunsAndRehearsesNothing() {
		this.contextRunner.withSystemProperties(AbstractAotProcessor.AOT_PROCESSING + "=true").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(TrainingRunRehearsal.class);
			assertThat(this.applicationsBuilt).hasValue(0);
			assertThat(this.directory.resolve("cache")).doesNotExist();
			assertThat(provider.requests().all()).isEmpty();
		});
	}

	@Test
	void getTokenWhenSigningInThenBuildsApplicationAndTlsContextOnce() {
		this.contextRunner.run((context) -> {
			InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
			assertThat(tokens.getToken().getSource()).isEqualTo(TokenSource.BROWSER);
			assertThat(tokens.getToken(dev.desktopidentity.TokenRequest.builder().forceRefresh(true).build())
				.getSource()).isEqualTo(TokenSource.REFRESH_TOKEN);
			assertThat(context.getBean(SignedInAccounts.class).list()).hasSize(1);
			assertThat(context.getBean(PublicClientApplication.class).getAccounts().get()).hasSize(1);
			assertThat(this.browsersOpened).hasValue(1);
			assertThat(this.applicationsBuilt).hasValue(1);
			assertThat(this.sslBundle.contexts).hasValue(1);
		});
	}

	@Test
	void getTokenWhenCacheWarmThenReadsCacheFileOnceAndBuildsNoTlsContext() throws Exception {
		this.contextRunner.run((context) -> context.getBean(InteractiveTokenProvider.class).getToken());
		// encrypted where a secret store works, else the plain file that allow-unprotected permits
		Path cacheFile = this.directory.resolve("cache").resolve("msal-cache.bin");
		if (!Files.exists(cacheFile)) {
			cacheFile = this.directory.resolve("cache").resolve("msal-cache.json");
		}
		assertThat(cacheFile).exists();
		provider.requests().reset();
		this.sslBundle.contexts.set(0);
		this.applicationsBuilt.set(0);
		try (Recording recording = new Recording()) {
			recording.enable("jdk.FileRead").withThreshold(Duration.ZERO);
			recording.start();
			this.contextRunner.run((context) -> {
				AccessToken token = context.getBean(InteractiveTokenProvider.class).getToken();
				assertThat(token.getSource()).isEqualTo(TokenSource.CACHE);
			});
			recording.stop();
			Path events = this.directory.resolve("file-reads.jfr");
			Path file = cacheFile;
			recording.dump(events);
			long bytesRead = RecordingFile.readAllEvents(events)
				.stream()
				.filter((event) -> file.toString().equals(event.getString("path")))
				.mapToLong((RecordedEvent event) -> Math.max(0, event.getLong("bytesRead")))
				.sum();
			assertThat(bytesRead).isPositive().isLessThanOrEqualTo(Files.size(cacheFile));
		}
		assertThat(provider.requests().all()).isEmpty();
		assertThat(this.sslBundle.contexts).hasValue(0);
		assertThat(this.applicationsBuilt).hasValue(1);
		assertThat(this.browsersOpened).hasValue(1);
	}

	@Test
	void getTokenWhenCacheWarmThenServesTheTokenMsalWouldFromTheCacheFileWithoutBuildingTheApplication()
			throws Exception {
		this.contextRunner.run((context) -> context.getBean(InteractiveTokenProvider.class).getToken());
		Path cacheFile = cacheFile();
		provider.requests().reset();
		this.sslBundle.contexts.set(0);
		AtomicReference<AccessToken> fromFile = new AtomicReference<>();
		long bytesRead = bytesRead(cacheFile, () -> this.plainRunner.run((context) -> {
			fromFile.set(context.getBean(InteractiveTokenProvider.class).getToken());
			assertThat(context.getBeanFactory().containsSingleton("publicClientApplication")).isFalse();
			assertThat(context.getBeanFactory().containsSingleton("identityClientExecutor")).isFalse();
			assertThat(context.getBeanFactory().containsSingleton("identityProviderHttpClient")).isFalse();
		}));
		assertThat(bytesRead).isPositive().isLessThanOrEqualTo(Files.size(cacheFile));
		assertThat(provider.requests().all()).isEmpty();
		assertThat(this.sslBundle.contexts).hasValue(0);
		this.applicationsBuilt.set(0);
		this.contextRunner.run((context) -> {
			AccessToken fromMsal = context.getBean(InteractiveTokenProvider.class).getToken();
			assertThat(this.applicationsBuilt).hasValue(1);
			assertThat(fromFile.get()).usingRecursiveComparison().isEqualTo(fromMsal);
			assertThat(fromMsal.getSource()).isEqualTo(TokenSource.CACHE);
		});
		assertThat(provider.requests().all()).isEmpty();
		assertThat(this.browsersOpened).hasValue(1);
	}

	@Test
	void getTokenWhenCachedTokenExpiresWithinFiveMinutesThenMsalRenewsIt() {
		provider.accessTokenLifetime(Duration.ofMinutes(4));
		try {
			this.plainRunner.run((context) -> context.getBean(InteractiveTokenProvider.class).getToken());
			provider.requests().reset();
			this.plainRunner.run((context) -> {
				AccessToken token = context.getBean(InteractiveTokenProvider.class).getToken();
				assertThat(token.getSource()).isEqualTo(TokenSource.REFRESH_TOKEN);
				assertThat(context.getBeanFactory().containsSingleton("publicClientApplication")).isTrue();
			});
			assertThat(provider.requests().all()).isNotEmpty();
			assertThat(this.browsersOpened).hasValue(1);
		}
		finally {
			provider.accessTokenLifetime(Duration.ofHours(1));
		}
	}

	@Test
	void getTokenWhenForcedRefreshOrOtherScopeThenAsksMsal() {
		this.plainRunner.run((context) -> context.getBean(InteractiveTokenProvider.class).getToken());
		provider.requests().reset();
		this.plainRunner.run((context) -> {
			InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
			assertThat(tokens.getToken(TokenRequest.builder().forceRefresh(true).build()).getSource())
				.isEqualTo(TokenSource.REFRESH_TOKEN);
			assertThat(context.getBeanFactory().containsSingleton("publicClientApplication")).isTrue();
			// once MSAL4J's application is built, it answers every request
			assertThat(tokens.getToken(TokenRequest.builder().scopes(SCOPE).build()).getSource())
				.isEqualTo(TokenSource.CACHE);
		});
		this.plainRunner.run((context) -> assertThat(context.getBean(InteractiveTokenProvider.class)
			.getToken(TokenRequest.builder().scopes("api://deferred-startup/write").build())
			.getSource()).isEqualTo(TokenSource.REFRESH_TOKEN));
		assertThat(this.browsersOpened).hasValue(1);
	}

	private Path cacheFile() {
		// encrypted where a secret store works, else the plain file that allow-unprotected permits
		Path cacheFile = this.directory.resolve("cache").resolve("msal-cache.bin");
		if (!Files.exists(cacheFile)) {
			cacheFile = this.directory.resolve("cache").resolve("msal-cache.json");
		}
		assertThat(cacheFile).exists();
		return cacheFile;
	}

	private long bytesRead(Path file, Runnable run) throws Exception {
		try (Recording recording = new Recording()) {
			recording.enable("jdk.FileRead").withThreshold(Duration.ZERO);
			recording.start();
			run.run();
			recording.stop();
			Path events = this.directory.resolve("file-reads-" + System.nanoTime() + ".jfr");
			recording.dump(events);
			return RecordingFile.readAllEvents(events)
				.stream()
				.filter((event) -> file.toString().equals(event.getString("path")))
				.mapToLong((RecordedEvent event) -> Math.max(0, event.getLong("bytesRead")))
				.sum();
		}
	}

	private static ThreadPoolExecutor executor(AssertableApplicationContext context) {
		return (ThreadPoolExecutor) context.getBean(IdentityClientExecutor.class).executorService();
	}

	private static SslBundle trusting(LocalIdentityProvider provider) {
		try {
			KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
			trustStore.load(null, null);
			trustStore.setCertificateEntry("local-identity-provider",
					CertificateFactory.getInstance("X.509")
						.generateCertificate(new ByteArrayInputStream(
								provider.certificatePem().getBytes(StandardCharsets.US_ASCII))));
			return SslBundle.of(SslStoreBundle.of(null, null, trustStore));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An application's clients of a protected API, built at start-up as applications
	 * usually build them.
	 */
	@Configuration(proxyBeanMethods = false)
	static class OrdersClients {

		@Bean
		RestClient ordersRestClient(RestClient.Builder builder) {
			return builder.baseUrl("https://127.0.0.1:9/api").build();
		}

		@Bean
		RestTemplate ordersRestTemplate(RestTemplateBuilder builder) {
			return builder.build();
		}

	}

	/**
	 * An SSL bundle that counts the TLS contexts made from it.
	 */
	private static final class CountingSslBundle implements SslBundle {

		private final SslBundle bundle;

		private final AtomicInteger contexts = new AtomicInteger();

		CountingSslBundle(SslBundle bundle) {
			this.bundle = bundle;
		}

		@Override
		public SslStoreBundle getStores() {
			return this.bundle.getStores();
		}

		@Override
		public SslBundleKey getKey() {
			return this.bundle.getKey();
		}

		@Override
		public SslOptions getOptions() {
			return this.bundle.getOptions();
		}

		@Override
		public String getProtocol() {
			return this.bundle.getProtocol();
		}

		@Override
		public SslManagerBundle getManagers() {
			return this.bundle.getManagers();
		}

		@Override
		public SSLContext createSslContext() {
			this.contexts.incrementAndGet();
			return this.bundle.createSslContext();
		}

	}

}
