package dev.desktopidentity.http;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.desktopidentity.autoconfigure.IdentityAutoConfiguration;
import dev.desktopidentity.autoconfigure.IdentityRestClientAutoConfiguration;
import dev.desktopidentity.autoconfigure.IdentityRestTemplateAutoConfiguration;
import dev.desktopidentity.http.LoopbackApi.Answer;
import dev.desktopidentity.http.LoopbackApi.Call;
import dev.desktopidentity.signin.BrowserLauncher;
import dev.desktopidentity.signin.ConsoleSignInNotifier;
import dev.desktopidentity.signin.SignInNotifier;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.RequestEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which requests carry the bearer token when their path tries to leave the resource's
 * base path, through the auto-configured {@link RestClient} and {@link RestTemplate}
 * (JDK {@code HttpClient}) to a real API on loopback that records the raw path of every
 * request and whether it had the header.
 */
class ProtectedResourcePathIntegrationTests {

	private static final String SCOPE = "api://local-test/read";

	/** Paths that some server decodes or normalizes to one outside {@code /api}. */
	private static final List<String> OUTSIDE = List.of("/api/%2e%2e/admin", "/api/%2E%2E/admin", "/api/.%2e/admin",
			"/api/..;/admin", "/api/%2e%2e;x/admin", "/api/..%3B/admin", "/api/..%2fadmin", "/api/..%5Cadmin",
			"/api/%252e%252e/admin", "/api/%c0%ae%c0%ae/admin", "/api/..%00/admin", "/api/..%20/admin",
			"/api/.../admin", "/api/%ef%bc%8e%ef%bc%8e/admin", "/api;x/admin", "/api%2f..%2fadmin", "/api/a%2Fb");

	/** Equivalent spellings of a path under {@code /api}. */
	private static final List<String> INSIDE = List.of("/api/me", "/api/.well-known/x", "/api/a..b", "/api/%41",
			"/api/items;v=2", "/api//me");

	private static LocalIdentityProvider provider;

	private static LoopbackApi api;

	private ApplicationContextRunner contextRunner;

	@BeforeAll
	static void start() {
		provider = LocalIdentityProvider.builder().user("alice@contoso.test", "Passw0rd!", "Alice Example").start();
		api = LoopbackApi.start();
	}

	@AfterAll
	static void stop() {
		provider.close();
		api.close();
	}

	@BeforeEach
	void prepare() {
		api.reset();
		ScriptedUser alice = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!");
		BrowserLauncher launcher = (url) -> CompletableFuture.runAsync(() -> alice.signIn(url).deliver());
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, SslAutoConfiguration.class,
					HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
					HttpMessageConvertersAutoConfiguration.class, RestClientAutoConfiguration.class,
					RestTemplateAutoConfiguration.class, IdentityRestTemplateAutoConfiguration.class,
					IdentityRestClientAutoConfiguration.class))
			.withBean(BrowserLauncher.class, () -> launcher)
			.withBean(SignInNotifier.class,
					() -> new ConsoleSignInNotifier(new PrintStream(OutputStream.nullOutputStream()), false))
			.withPropertyValues("identity.client-id=path-client", "identity.cache.enabled=false",
					"identity.interactive.mode=browser", "identity.scopes=" + SCOPE,
					"identity.resources.api.base-url=" + api.url("/api"), "identity.resources.api.scopes=" + SCOPE)
			.withPropertyValues(provider.springPropertyValues("idp"));
	}

	@Test
	void restClientWhenPathCouldLeaveBasePathThenNoTokenAndEquivalentSpellingsKeepIt() {
		this.contextRunner.run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			for (String path : concat(OUTSIDE, INSIDE)) {
				client.get().uri(api.url(path)).retrieve().toBodilessEntity();
			}
			client.get().uri(sameOriginSpelledDifferently("/api/me")).retrieve().toBodilessEntity();
			assertThatOnlyInsideCarriedToken();
		});
	}

	@Test
	void restTemplateWhenPathCouldLeaveBasePathThenNoToken() {
		this.contextRunner.run((context) -> {
			RestTemplate restTemplate = context.getBean(RestTemplateBuilder.class).build();
			for (String path : concat(OUTSIDE, INSIDE)) {
				restTemplate.exchange(RequestEntity.get(api.url(path)).build(), String.class);
			}
			restTemplate.exchange(RequestEntity.get(sameOriginSpelledDifferently("/api/me")).build(), String.class);
			assertThatOnlyInsideCarriedToken();
		});
	}

	@Test
	void restClientWhenRedirectedToEncodedDotSegmentThenTokenDropped() {
		api.answer((call) -> call.rawPath().equals("/api/moved") ? Answer.redirect(URI.create("/api/%2e%2e/admin"))
				: Answer.ok());
		this.contextRunner.run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			client.get().uri(api.url("/api/moved")).retrieve().toBodilessEntity();
			assertThat(api.calls()).extracting(Call::rawPath).containsExactly("/api/moved", "/api/%2e%2e/admin");
			assertThat(api.calls().get(0).authorization()).startsWith("Bearer ");
			assertThat(api.calls().get(1).authorization()).isNull();
		});
	}

	private void assertThatOnlyInsideCarriedToken() {
		Map<String, Boolean> carried = new LinkedHashMap<>();
		for (Call call : api.calls()) {
			carried.merge(call.rawPath(), call.authorization() != null, Boolean::logicalAnd);
		}
		assertThat(carried.keySet()).as("every request reached the API as written").containsAll(OUTSIDE);
		OUTSIDE.forEach((path) -> assertThat(carried.get(path)).as("token sent to " + path).isFalse());
		INSIDE.forEach((path) -> assertThat(carried.get(path)).as("token sent to " + path).isTrue());
		assertThat(api.calls()).last().satisfies((call) -> assertThat(call.authorization()).startsWith("Bearer "));
	}

	/**
	 * Return the API's URL for a path with the scheme in upper case.
	 */
	private static URI sameOriginSpelledDifferently(String path) {
		return URI.create(api.url(path).toString().replace("http://", "HTTP://"));
	}

	private static List<String> concat(List<String> first, List<String> second) {
		return Stream.concat(first.stream(), second.stream()).toList();
	}

}
