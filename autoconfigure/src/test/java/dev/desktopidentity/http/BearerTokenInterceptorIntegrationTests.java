package dev.desktopidentity.http;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.text.ParseException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jwt.SignedJWT;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.observation.ObservedTokenProvider;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import dev.desktopidentity.autoconfigure.IdentityAutoConfiguration;
import dev.desktopidentity.autoconfigure.IdentityRestClientAutoConfiguration;
import dev.desktopidentity.autoconfigure.IdentityRestTemplateAutoConfiguration;
import dev.desktopidentity.http.LoopbackApi.Answer;
import dev.desktopidentity.http.LoopbackApi.Call;
import dev.desktopidentity.signin.BrowserLauncher;
import dev.desktopidentity.signin.ConsoleSignInNotifier;
import dev.desktopidentity.signin.SignInNotifier;
import dev.desktopidentity.test.Endpoint;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.RecordedRequest;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bearer-token interceptor as the auto-configuration sets it up, against real APIs on
 * loopback (JDK {@code HttpServer}s, two origins) and the local identity provider over
 * HTTPS, which counts the token requests.
 */
class BearerTokenInterceptorIntegrationTests {

	private static final String SCOPE = "api://local-test/read";

	private static LocalIdentityProvider provider;

	private static LoopbackApi api;

	private static LoopbackApi otherOrigin;

	private final AtomicInteger browserOpened = new AtomicInteger();

	private ApplicationContextRunner contextRunner;

	@BeforeAll
	static void start() {
		provider = LocalIdentityProvider.builder().user("alice@contoso.test", "Passw0rd!", "Alice Example").start();
		api = LoopbackApi.start();
		otherOrigin = LoopbackApi.start();
	}

	@AfterAll
	static void stop() {
		provider.close();
		api.close();
		otherOrigin.close();
	}

	@BeforeEach
	void prepare() {
		provider.requests().reset();
		api.reset();
		otherOrigin.reset();
		ScriptedUser alice = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!");
		BrowserLauncher launcher = (url) -> {
			this.browserOpened.incrementAndGet();
			CompletableFuture.runAsync(() -> alice.signIn(url).deliver());
		};
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, SslAutoConfiguration.class,
					HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
					HttpMessageConvertersAutoConfiguration.class, RestClientAutoConfiguration.class,
					RestTemplateAutoConfiguration.class, HttpServiceClientPropertiesAutoConfiguration.class,
					HttpServiceClientAutoConfiguration.class, IdentityRestTemplateAutoConfiguration.class,
					IdentityRestClientAutoConfiguration.class))
			.withBean(BrowserLauncher.class, () -> launcher)
			.withBean(SignInNotifier.class,
					() -> new ConsoleSignInNotifier(new PrintStream(OutputStream.nullOutputStream()), false))
			.withPropertyValues("identity.client-id=api-client", "identity.cache.enabled=false",
					"identity.interactive.mode=browser", "identity.scopes=" + SCOPE,
					"identity.resources.api.base-url=" + api.url("/api"), "identity.resources.api.scopes=" + SCOPE)
			.withPropertyValues(provider.springPropertyValues("idp"));
	}

	@AfterEach
	void restoreLifetime() {
		provider.accessTokenLifetime(Duration.ofHours(1));
	}

	@Test
	void restClientWhenUrlUnderResourceThenSendsBearerTokenAndReusesIt() {
		run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			assertThat(get(client, api.url("/api/me"))).isEqualTo(200);
			assertThat(get(client, api.url("/api"))).isEqualTo(200);
			List<Call> calls = api.calls();
			assertThat(calls).hasSize(2);
			assertThat(calls.get(0).authorization()).startsWith("Bearer ey");
			assertThat(calls.get(1).authorization()).isEqualTo(calls.get(0).authorization());
			assertThat(provider.requests().count(Endpoint.TOKEN)).isEqualTo(1);
			assertThat(this.browserOpened).hasValue(1);
		});
	}

	@Test
	void restTemplateWhenUrlUnderResourceThenSendsBearerToken() {
		run((context) -> {
			var restTemplate = context.getBean(RestTemplateBuilder.class).build();
			assertThat(restTemplate.getForObject(api.url("/api/me"), String.class)).isEqualTo("ok");
			assertThat(api.calls()).singleElement()
				.satisfies((call) -> assertThat(call.authorization()).startsWith("Bearer ey"));
		});
	}

	@Test
	void httpServiceClientWhenBaseUrlUnderResourceThenSendsBearerToken() {
		this.contextRunner.withUserConfiguration(ApiServices.class)
			.withPropertyValues("spring.http.serviceclient.api.base-url=" + api.url("/api"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Greetings.class).hello()).isEqualTo("ok");
				assertThat(api.calls()).singleElement().satisfies((call) -> {
					assertThat(call.path()).isEqualTo("/api/hello");
					assertThat(call.authorization()).startsWith("Bearer ey");
				});
			});
	}

	@Test
	void requestWhenOtherOriginOrOutsideBasePathThenNoToken() {
		run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			get(client, otherOrigin.url("/api/me"));
			get(client, api.url("/apis/me"));
			get(client, api.url("/other"));
			get(client, api.url("/api/../other"));
			assertThat(otherOrigin.calls()).singleElement()
				.satisfies((call) -> assertThat(call.authorization()).isNull());
			assertThat(api.calls()).hasSize(3).allSatisfy((call) -> assertThat(call.authorization()).isNull());
			assertThat(provider.requests().count(Endpoint.TOKEN)).isZero();
			assertThat(this.browserOpened).hasValue(0);
		});
	}

	@Test
	void restClientWhenRedirectedToOtherOriginThenTokenNotForwarded() {
		redirectToOtherOrigin();
		run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			assertThat(get(client, api.url("/api/moved"))).isEqualTo(200);
			assertThatRedirectKeptTokenAtHome();
		});
	}

	@Test
	void restTemplateWhenRedirectedToOtherOriginThenTokenNotForwarded() {
		redirectToOtherOrigin();
		run((context) -> {
			var restTemplate = context.getBean(RestTemplateBuilder.class).build();
			assertThat(restTemplate.getForObject(api.url("/api/moved"), String.class)).isEqualTo("ok");
			assertThatRedirectKeptTokenAtHome();
		});
	}

	@Test
	void requestWhenMicrometerPresentThenEachAcquisitionObservedOnceAndDirectCallersToo() {
		List<String> sources = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				if (ObservedTokenProvider.NAME.equals(context.getName())) {
					sources.add(context.getLowCardinalityKeyValue("identity.token.source").getValue());
				}
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		this.contextRunner.withBean(ObservationRegistry.class, () -> registry).run((context) -> {
			assertThat(context).hasNotFailed();
			RestClient client = context.getBean(RestClient.Builder.class).build();
			assertThat(get(client, api.url("/api/me"))).isEqualTo(200);
			assertThat(get(client, api.url("/api/me"))).isEqualTo(200);
			assertThat(sources).containsExactly("browser");
			// a direct caller: MSAL4J's cache answers (observed), then memory (not an acquisition)
			InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
			tokens.getToken();
			tokens.getToken();
			assertThat(sources).containsExactly("browser", "cache");
		});
	}

	@Test
	void requestWhenRedirectedWithinResourceThenFollowedWithToken() {
		api.answer((call) -> call.path().equals("/api/old") ? Answer.redirect(api.url("/api/new")) : Answer.ok());
		run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			assertThat(get(client, api.url("/api/old"))).isEqualTo(200);
			assertThat(api.calls()).extracting(Call::path).containsExactly("/api/old", "/api/new");
			assertThat(api.calls().get(1).authorization()).startsWith("Bearer ")
				.isEqualTo(api.calls().get(0).authorization());
		});
	}

	private static void redirectToOtherOrigin() {
		api.answer((call) -> call.path().equals("/api/moved") ? Answer.redirect(otherOrigin.url("/landing"))
				: Answer.ok());
	}

	private static void assertThatRedirectKeptTokenAtHome() {
		assertThat(api.calls()).singleElement()
			.satisfies((call) -> assertThat(call.authorization()).startsWith("Bearer "));
		assertThat(otherOrigin.calls()).singleElement().satisfies((call) -> {
			assertThat(call.path()).isEqualTo("/landing");
			assertThat(call.authorization() == null).as("Authorization header sent to the other origin").isTrue();
		});
	}

	@Test
	void requestWhenAuthorizationAlreadySetOrOptedOutThenLeftAlone() {
		run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			// before any token is in memory, and once one is
			for (int i = 0; i < 2; i++) {
				client.get()
					.uri(api.url("/api/me"))
					.header("Authorization", "Bearer callers-own")
					.retrieve()
					.toBodilessEntity();
				client.get()
					.uri(api.url("/api/me"))
					.attributes(BearerTokenInterceptor.withoutToken())
					.retrieve()
					.toBodilessEntity();
				assertThat(provider.requests().count(Endpoint.TOKEN)).isEqualTo(i);
				get(client, api.url("/api/me"));
			}
			assertThat(api.calls()).extracting(Call::authorization)
				.satisfiesExactly((own) -> assertThat(own).isEqualTo("Bearer callers-own"),
						(none) -> assertThat(none == null).isTrue(),
						(token) -> assertThat(token).startsWith("Bearer ey"),
						(own) -> assertThat(own).isEqualTo("Bearer callers-own"),
						(none) -> assertThat(none == null).isTrue(),
						(token) -> assertThat(token).startsWith("Bearer ey"));
		});
	}

	@Test
	void requestWhenClaimsChallengeThenRetriesOnceWithTokenForTheClaims() {
		String claims = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1700000000\"}}}";
		String encoded = Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8));
		api.answer((call) -> (call.number() == 2)
				? Answer.unauthorized("Bearer realm=\"\", error=\"insufficient_claims\", claims=\"" + encoded + "\"")
				: Answer.ok());
		this.contextRunner.withPropertyValues("identity.client-capabilities=cp1").run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			assertThat(get(client, api.url("/api/first"))).isEqualTo(200);
			assertThat(get(client, api.url("/api/challenged"))).isEqualTo(200);
			List<Call> calls = api.calls();
			assertThat(calls).hasSize(3);
			assertThat(calls.get(1).authorization()).isEqualTo(calls.get(0).authorization());
			assertThat(calls.get(2).authorization()).isNotEqualTo(calls.get(1).authorization());
			// MSAL4J 1.26's silent refresh would send the client capabilities only: the claims need a sign-in
			List<RecordedRequest> authorizations = provider.requests().to(Endpoint.AUTHORIZE);
			assertThat(authorizations).hasSize(2);
			assertThat(authorizations.get(1).parameter("claims")).contains("nbf").contains("1700000000");
			assertThat(this.browserOpened).hasValue(2);
		});
	}

	@Test
	void requestWhenClaimsChallengeForAuthenticationContextThenSignsInOnceWithClaimsAndRetrySucceeds() {
		String claims = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";
		String challenge = "Bearer realm=\"\", error=\"insufficient_claims\", claims=\""
				+ Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "\"";
		// the API requires the authentication context c1 on /api/admin, as conditional access would
		api.answer((call) -> (!call.path().startsWith("/api/admin") || authenticationContexts(call).contains("c1"))
				? Answer.ok() : Answer.unauthorized(challenge));
		run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			assertThat(get(client, api.url("/api/me"))).isEqualTo(200);
			assertThat(get(client, api.url("/api/admin"))).isEqualTo(200);
			List<Call> calls = api.calls();
			assertThat(calls).extracting(Call::path).containsExactly("/api/me", "/api/admin", "/api/admin");
			assertThat(authenticationContexts(calls.get(1))).isEmpty();
			assertThat(authenticationContexts(calls.get(2))).containsExactly("c1");
			List<RecordedRequest> authorizations = provider.requests().to(Endpoint.AUTHORIZE);
			assertThat(authorizations).hasSize(2);
			assertThat(authorizations.get(1).parameter("claims")).contains("acrs").contains("c1");
			assertThat(this.browserOpened).hasValue(2);
			// the stepped-up token is kept: no further sign-in
			assertThat(get(client, api.url("/api/admin/again"))).isEqualTo(200);
			assertThat(get(client, api.url("/api/me"))).isEqualTo(200);
			assertThat(this.browserOpened).hasValue(2);
			assertThat(provider.requests().count(Endpoint.AUTHORIZE)).isEqualTo(2);
		});
	}

	@Test
	void renewalAheadOfExpiryWhenRefreshTokenRevokedThenNoSignInUntilExpiryThenForegroundRequestSignsIn() {
		provider.accessTokenLifetime(Duration.ofMinutes(4));
		run((context) -> {
			MutableClock clock = new MutableClock();
			ExecutorService background = Executors.newSingleThreadExecutor();
			try {
				RestClient client = clientWithClock(context, clock, background);
				get(client, api.url("/api/sign-in"));
				String first = api.calls().get(0).authorization();
				provider.revokeRefreshTokens("alice@contoso.test");
				provider.requests().reset();
				// past half of the 4-minute lifetime: renewal in the background is due
				clock.advance(Duration.ofMinutes(2));
				assertThat(get(client, api.url("/api/me"))).isEqualTo(200);
				// the renewal has run once the single background thread runs a later task
				background.submit(() -> {
				}).get(60, TimeUnit.SECONDS);
				assertThat(get(client, api.url("/api/me"))).isEqualTo(200);
				assertThat(provider.requests().to(Endpoint.TOKEN)).singleElement()
					.satisfies((request) -> assertThat(request.grantType()).isEqualTo("refresh_token"));
				assertThat(provider.requests().count(Endpoint.AUTHORIZE)).isZero();
				assertThat(this.browserOpened).hasValue(1);
				assertThat(api.calls()).extracting(Call::authorization).containsOnly(first);
				// expired: the next request, in the foreground, signs in
				clock.advance(Duration.ofMinutes(2));
				assertThat(get(client, api.url("/api/after-expiry"))).isEqualTo(200);
				assertThat(this.browserOpened).hasValue(2);
				assertThat(provider.requests().count(Endpoint.AUTHORIZE)).isEqualTo(1);
				List<Call> calls = api.calls();
				assertThat(calls.get(calls.size() - 1).authorization()).startsWith("Bearer ").isNotEqualTo(first);
			}
			finally {
				background.shutdownNow();
			}
		});
	}

	private static List<String> authenticationContexts(Call call) {
		String authorization = call.authorization();
		if (authorization == null) {
			return List.of();
		}
		try {
			List<String> contexts = SignedJWT.parse(authorization.substring("Bearer ".length()))
				.getJWTClaimsSet()
				.getStringListClaim("acrs");
			return (contexts != null) ? contexts : List.of();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void requestWhenClaimsChallengeRepeatsThenStopsAfterOneRetry() {
		String encoded = Base64.getEncoder()
			.encodeToString("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}".getBytes());
		api.answer((call) -> Answer.unauthorized("Bearer error=\"insufficient_claims\", claims=\"" + encoded + "\""));
		run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			assertThat(get(client, api.url("/api/always-challenged"))).isEqualTo(401);
			assertThat(api.calls()).hasSize(2);
		});
	}

	@Test
	void requestWhenInvalidTokenThenRetriesOnceWithTokenFromIdentityProviderAndStops() {
		api.answer((call) -> Answer.unauthorized("Bearer error=\"invalid_token\", error_description=\"revoked\""));
		run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			assertThat(get(client, api.url("/api/me"))).isEqualTo(401);
			List<Call> calls = api.calls();
			assertThat(calls).hasSize(2);
			assertThat(calls.get(1).authorization()).startsWith("Bearer ")
				.isNotEqualTo(calls.get(0).authorization());
			// sign-in, then one refresh past the cached (still valid) access token
			assertThat(provider.requests().count(Endpoint.TOKEN)).isEqualTo(2);
		});
	}

	@Test
	void requestWhenUnauthorizedWithoutBearerErrorThenReturnedAsIs() {
		api.answer((call) -> Answer.unauthorized("Bearer realm=\"api\""));
		run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			assertThat(get(client, api.url("/api/me"))).isEqualTo(401);
			assertThat(api.calls()).hasSize(1);
			assertThat(provider.requests().count(Endpoint.TOKEN)).isEqualTo(1);
		});
	}

	@Test
	void requestWhen64ThreadsFindTokenExpiredThenOneTokenRequest() {
		provider.accessTokenLifetime(Duration.ofMinutes(4));
		run((context) -> {
			MutableClock clock = new MutableClock();
			RestClient client = clientWithClock(context, clock, Executors.newCachedThreadPool());
			get(client, api.url("/api/sign-in"));
			String first = api.calls().get(0).authorization();
			// MSAL4J refreshes the 4-minute token when asked; the new one lives an hour
			provider.accessTokenLifetime(Duration.ofHours(1));
			clock.advance(Duration.ofMinutes(5));
			provider.requests().reset();
			api.reset();
			int threads = 64;
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Integer>> results = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					results.add(executor.submit(() -> {
						start.await();
						return get(client, api.url("/api/me"));
					}));
				}
				start.countDown();
				for (Future<Integer> result : results) {
					assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(200);
				}
			}
			finally {
				executor.shutdownNow();
			}
			assertThat(provider.requests().count(Endpoint.TOKEN)).isEqualTo(1);
			assertThat(api.calls()).hasSize(threads).extracting(Call::authorization).doesNotContain(first).containsOnly(
					api.calls().get(0).authorization());
		});
	}

	@Test
	void requestWhenTokenDueForRenewalThenOldTokenServedWhileRenewalRuns() {
		provider.accessTokenLifetime(Duration.ofMinutes(4));
		run((context) -> {
			MutableClock clock = new MutableClock();
			CountDownLatch release = new CountDownLatch(1);
			AtomicInteger renewals = new AtomicInteger();
			InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
			InteractiveTokenProvider gated = (request) -> {
				if (renewals.incrementAndGet() > 1) {
					await(release);
				}
				return tokens.getToken(request);
			};
			BearerTokenInterceptor interceptor = new BearerTokenInterceptor(gated, resources(context),
					Executors.newCachedThreadPool(), clock);
			RestClient client = RestClient.builder().requestInterceptor(interceptor).build();
			get(client, api.url("/api/sign-in"));
			String first = api.calls().get(0).authorization();
			// past half of the 4-minute lifetime, before expiry
			clock.advance(Duration.ofMinutes(3));
			for (int i = 0; i < 5; i++) {
				assertThat(get(client, api.url("/api/me"))).isEqualTo(200);
			}
			assertThat(api.calls()).extracting(Call::authorization).containsOnly(first);
			assertThat(renewals).hasValue(2);
			release.countDown();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			String latest = first;
			while (latest.equals(first) && System.nanoTime() < deadline) {
				get(client, api.url("/api/me"));
				List<Call> calls = api.calls();
				latest = calls.get(calls.size() - 1).authorization();
			}
			assertThat(latest).startsWith("Bearer ").isNotEqualTo(first);
			assertThat(renewals).hasValue(2);
			assertThat(provider.requests().count(Endpoint.TOKEN)).isEqualTo(2);
		});
	}

	private RestClient clientWithClock(AssertableApplicationContext context, Clock clock, ExecutorService executor) {
		BearerTokenInterceptor interceptor = new BearerTokenInterceptor(context.getBean(InteractiveTokenProvider.class),
				resources(context), executor, clock);
		return RestClient.builder().requestInterceptor(interceptor).build();
	}

	private static List<ProtectedResource> resources(AssertableApplicationContext context) {
		return context.getBean(BearerTokenInterceptor.class).getResources();
	}

	private void run(ContextConsumer<AssertableApplicationContext> test) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			test.accept(context);
		});
	}

	private static int get(RestClient client, URI url) {
		return client.get()
			.uri(url)
			.exchange((request, response) -> {
				response.getBody().readAllBytes();
				return response.getStatusCode();
			}, true)
			.value();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	interface Greetings {

		@GetExchange("/hello")
		String hello();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "api", types = Greetings.class)
	static class ApiServices {

	}

	/**
	 * A clock that tests move forward.
	 */
	static final class MutableClock extends Clock {

		private final AtomicLong offset = new AtomicLong();

		void advance(Duration duration) {
			this.offset.addAndGet(duration.toMillis());
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public long millis() {
			return System.currentTimeMillis() + this.offset.get();
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(millis());
		}

	}

}
