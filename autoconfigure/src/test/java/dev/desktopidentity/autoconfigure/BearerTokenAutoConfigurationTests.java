package dev.desktopidentity.autoconfigure;

import java.net.URI;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.SignedInAccount;
import dev.desktopidentity.http.BearerTokenInterceptor;
import dev.desktopidentity.observation.DefaultTokenAcquisitionObservationConvention;
import dev.desktopidentity.observation.ObservedTokenProvider;
import dev.desktopidentity.observation.TokenAcquisitionObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdentityRestTemplateAutoConfiguration} and
 * {@link IdentityRestClientAutoConfiguration}.
 */
class BearerTokenAutoConfigurationTests {

	private static final String[] RESOURCE = { "identity.resources.api.base-url=https://api.contoso.test/v1",
			"identity.resources.api.scopes=api://contoso/read" };

	private final AtomicInteger tokenRequests = new AtomicInteger();

	/** Whether the last token was asked for through the observation of token acquisitions. */
	private final AtomicReference<Boolean> calledThroughObservation = new AtomicReference<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
				ImperativeHttpClientAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
				RestClientAutoConfiguration.class, RestTemplateAutoConfiguration.class,
				IdentityRestTemplateAutoConfiguration.class, IdentityRestClientAutoConfiguration.class))
		.withBean(InteractiveTokenProvider.class, () -> (request) -> {
			this.calledThroughObservation.set(StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
				.walk((frames) -> frames.anyMatch((frame) -> frame.getDeclaringClass() == ObservedTokenProvider.class)));
			this.tokenRequests.incrementAndGet();
			return new AccessToken("token-" + this.tokenRequests.get(), Instant.now().plusSeconds(3600),
					request.getScopes(), new SignedInAccount("alice@contoso.test", "alice.home", "login.test"));
		});

	@Test
	void autoConfigurationWhenTokenProviderPresentThenAddsInterceptorToBothBuilders() {
		this.contextRunner.withPropertyValues(RESOURCE).run((context) -> {
			assertThat(context).hasSingleBean(BearerTokenInterceptor.class)
				.hasBean("bearerTokenRestTemplateCustomizer")
				.hasBean("bearerTokenRestClientCustomizer");
			BearerTokenInterceptor interceptor = context.getBean(BearerTokenInterceptor.class);
			assertThat(interceptor.getResources()).singleElement().satisfies((resource) -> {
				assertThat(resource.getName()).isEqualTo("api");
				assertThat(resource.getScopes()).containsExactly("api://contoso/read");
			});
			assertThat(context.getBean(RestTemplateBuilder.class).build().getInterceptors()).contains(interceptor);
			RestClient.Builder builder = context.getBean(RestClient.Builder.class);
			builder.requestInterceptors((interceptors) -> assertThat(interceptors).containsOnlyOnce(interceptor));
		});
	}

	@Test
	void autoConfigurationWhenNoResourcesThenBuildersGetNoInterceptor() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(BearerTokenInterceptor.class);
			assertThat(context.getBean(RestTemplateBuilder.class).build().getInterceptors()).isEmpty();
			context.getBean(RestClient.Builder.class)
				.requestInterceptors((interceptors) -> assertThat(interceptors).isEmpty());
		});
	}

	@Test
	void autoConfigurationWhenNoTokenProviderThenBacksOff() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class,
					RestTemplateAutoConfiguration.class, IdentityRestTemplateAutoConfiguration.class,
					IdentityRestClientAutoConfiguration.class))
			.withPropertyValues(RESOURCE)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(BearerTokenInterceptor.class)
				.doesNotHaveBean("bearerTokenRestTemplateCustomizer")
				.doesNotHaveBean("bearerTokenRestClientCustomizer"));
	}

	@Test
	void autoConfigurationWhenSpringWebMissingThenBacksOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.web"))
			.withPropertyValues(RESOURCE)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(BearerTokenInterceptor.class)
				.doesNotHaveBean(RestTemplateCustomizer.class)
				.doesNotHaveBean(RestClientCustomizer.class));
	}

	@Test
	void autoConfigurationWhenRestTemplateSupportMissingThenOnlyRestClientIsCustomized() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestTemplateCustomizer.class))
			.withPropertyValues(RESOURCE)
			.run((context) -> assertThat(context).hasSingleBean(BearerTokenInterceptor.class)
				.doesNotHaveBean("bearerTokenRestTemplateCustomizer")
				.hasBean("bearerTokenRestClientCustomizer"));
	}

	@Test
	void autoConfigurationWhenUserDefinesInterceptorThenUsesIt() {
		BearerTokenInterceptor own = new BearerTokenInterceptor((request) -> {
			throw new IllegalStateException("not called");
		}, java.util.List.of());
		this.contextRunner.withBean(BearerTokenInterceptor.class, () -> own)
			.run((context) -> assertThat(context).getBean(BearerTokenInterceptor.class).isSameAs(own));
	}

	@Test
	void buildersWhenResourcesConfiguredThenBuildNoMoreHttpClientsThanWithout() {
		assertThat(httpClientsBuiltByBuilders(RESOURCE)).isEqualTo(httpClientsBuiltByBuilders());
	}

	private int httpClientsBuiltByBuilders(String... properties) {
		AtomicInteger built = new AtomicInteger();
		ClientHttpRequestFactoryBuilder<SimpleClientHttpRequestFactory> counting = (settings) -> {
			built.incrementAndGet();
			return new SimpleClientHttpRequestFactory();
		};
		this.contextRunner.withPropertyValues(properties)
			.withBean(ClientHttpRequestFactoryBuilder.class, () -> counting)
			.run((context) -> {
				context.getBean(RestClient.Builder.class).build();
				context.getBean(RestTemplateBuilder.class).build();
			});
		return built.get();
	}

	@Test
	void autoConfigurationWhenBaseUrlIsPlainHttpToAnotherHostThenFailsNamingTheProperty() {
		assertFailure("identity.resources.api.base-url", "must use https",
				"identity.resources.api.base-url=http://api.contoso.test", "identity.resources.api.scopes=api://contoso/read");
	}

	@Test
	void autoConfigurationWhenBaseUrlMissingThenFailsNamingTheProperty() {
		assertFailure("identity.resources.api.base-url", "Set identity.resources.api.base-url",
				"identity.resources.api.scopes=api://contoso/read");
	}

	@Test
	void autoConfigurationWhenScopesMissingThenFailsNamingTheProperty() {
		assertFailure("identity.resources.api.scopes", "at least one scope",
				"identity.resources.api.base-url=https://api.contoso.test");
	}

	@Test
	void autoConfigurationWhenBaseUrlIsHttpToLoopbackThenAccepted() {
		this.contextRunner
			.withPropertyValues("identity.resources.local.base-url=http://127.0.0.1:8080/api",
					"identity.resources.local.scopes=api://local/read")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(BearerTokenInterceptor.class));
	}

	@Test
	void tokenAcquisitionWhenObservationRegistryPresentThenObserved() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withPropertyValues(RESOURCE)
			.withBean(ObservationRegistry.class, () -> registry)
			.run((context) -> {
				BearerTokenInterceptor interceptor = context.getBean(BearerTokenInterceptor.class);
				MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET,
						URI.create("https://api.contoso.test/v1/me"));
				interceptor.intercept(request, new byte[0],
						(sent, body) -> new MockClientHttpResponse(new byte[0], HttpStatus.OK));
				assertThat(request.getHeaders().getFirst("Authorization")).isEqualTo("Bearer token-1");
				assertThat(this.calledThroughObservation).hasValue(true);
				TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo(ObservedTokenProvider.NAME)
					.that()
					.hasLowCardinalityKeyValue("identity.force-refresh", "false")
					.hasLowCardinalityKeyValue("identity.claims-challenge", "false")
					.hasLowCardinalityKeyValue("identity.token.source", "other")
					.hasLowCardinalityKeyValue("identity.outcome", "success")
					.hasBeenStopped();
			});
	}

	@Test
	void tokenAcquisitionWhenNoObservationRegistryThenApplicationProviderIsCalledDirectly() {
		this.contextRunner.withPropertyValues(RESOURCE).run((context) -> {
			MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET,
					URI.create("https://api.contoso.test/v1/me"));
			context.getBean(BearerTokenInterceptor.class)
				.intercept(request, new byte[0], (sent, body) -> new MockClientHttpResponse(new byte[0], HttpStatus.OK));
			assertThat(request.getHeaders().getFirst("Authorization")).isEqualTo("Bearer token-1");
			assertThat(this.calledThroughObservation).hasValue(false);
		});
	}

	@Test
	void tokenAcquisitionWhenConventionBeanDefinedThenItReplacesTheDefault() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withPropertyValues(RESOURCE)
			.withBean(ObservationRegistry.class, () -> registry)
			.withBean(TokenAcquisitionObservationConvention.class,
					() -> new DefaultTokenAcquisitionObservationConvention("app.token"))
			.run((context) -> {
				MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET,
						URI.create("https://api.contoso.test/v1/me"));
				context.getBean(BearerTokenInterceptor.class)
					.intercept(request, new byte[0],
							(sent, body) -> new MockClientHttpResponse(new byte[0], HttpStatus.OK));
				TestObservationRegistryAssert.assertThat(registry)
					.hasNumberOfObservationsWithNameEqualTo(ObservedTokenProvider.NAME, 0)
					.hasObservationWithNameEqualTo("app.token")
					.that()
					.hasLowCardinalityKeyValue("identity.outcome", "success");
			});
	}

	@Test
	void autoConfigurationWhenMicrometerMissingThenInterceptorStillWorks() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.observation"))
			.withPropertyValues(RESOURCE)
			.run((context) -> {
				assertThat(context).hasSingleBean(BearerTokenInterceptor.class);
				MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET,
						URI.create("https://api.contoso.test/v1/me"));
				context.getBean(BearerTokenInterceptor.class)
					.intercept(request, new byte[0],
							(sent, body) -> new MockClientHttpResponse(new byte[0], HttpStatus.OK));
				assertThat(request.getHeaders().getFirst("Authorization")).isEqualTo("Bearer token-1");
			});
	}

	private void assertFailure(String property, String hint, String... properties) {
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			InvalidIdentityPropertyException cause = findCause(context.getStartupFailure());
			assertThat(cause).isNotNull();
			assertThat(cause.getPropertyName()).isEqualTo(property);
			FailureAnalysis analysis = new InvalidIdentityPropertyFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("Property: " + property);
			assertThat(analysis.getDescription() + analysis.getAction()).contains(hint);
		});
	}

	private static InvalidIdentityPropertyException findCause(Throwable failure) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof InvalidIdentityPropertyException invalid) {
				return invalid;
			}
		}
		return null;
	}

}
