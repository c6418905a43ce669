package dev.desktopidentity.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link IdentityLoggingEnvironmentPostProcessor}.
 */
class IdentityLoggingEnvironmentPostProcessorTests {

	private final List<String> infos = new ArrayList<>();

	private final IdentityLoggingEnvironmentPostProcessor postProcessor = new IdentityLoggingEnvironmentPostProcessor(
			logFactory());

	@Test
	void postProcessWhenNothingSetThenTokenLoggersQuietAndMsalOnlyWarnsSilently() {
		StandardEnvironment environment = process();
		assertThat(environment.getProperty("logging.level.org.apache.hc.client5.http.headers")).isEqualTo("INFO");
		assertThat(environment.getProperty("logging.level.org.eclipse.jetty.http.HttpGenerator")).isEqualTo("INFO");
		assertThat(environment.getProperty("logging.level.jdk.httpclient.HttpClient")).isEqualTo("WARN");
		assertThat(environment.getProperty("logging.level.com.microsoft.aad.msal4j.PublicClientApplication"))
			.isEqualTo("ERROR");
		assertThat(environment.getProperty("logging.level.com.microsoft.aad.msal4j")).isEqualTo("WARN");
		assertThat(this.infos).isEmpty();
	}

	@Test
	void postProcessWhenRootIsTraceThenTokenLoggersStayQuietAndOneLineSaysHowToEnableThem() {
		StandardEnvironment environment = process("logging.level.root=trace");
		assertThat(environment.getProperty("logging.level.org.apache.hc.client5.http.wire")).isEqualTo("INFO");
		assertThat(environment.getProperty("logging.level.com.microsoft.aad.msal4j.PublicClientApplication")).isNull();
		assertThat(this.infos).singleElement()
			.asString()
			.contains("logging.level.sun.net.www.protocol.http.HttpURLConnection=DEBUG")
			.doesNotContain("org.apache.hc")
			.doesNotContain("jdk.httpclient");
	}

	@Test
	void postProcessWhenParentOfTokenLoggerIsDebugThenStillQuietAndSaysSo() {
		StandardEnvironment environment = process("logging.level.sun.net=DEBUG");
		assertThat(environment.getProperty("logging.level.sun.net.www.protocol.http.HttpURLConnection")).isEqualTo("INFO");
		assertThat(this.infos).singleElement().asString().contains("HttpURLConnection=DEBUG");
	}

	@Test
	void postProcessWhenApplicationSetsTokenLoggerThenItsLevelWins() {
		StandardEnvironment environment = process("logging.level.org.apache.hc.client5.http.headers=debug",
				"logging.level.root=debug");
		assertThat(environment.getProperty("logging.level.org.apache.hc.client5.http.headers")).isEqualTo("debug");
		assertThat(this.infos).singleElement().asString().doesNotContain("org.apache.hc.client5.http.headers");
	}

	@Test
	void postProcessWhenApplicationSetsLevelOfGroupWithTokenLoggerThenNoDefaultForIt() {
		StandardEnvironment environment = process("logging.group.http=org.eclipse.jetty.http.HttpGenerator, x.y",
				"logging.level.http=DEBUG");
		assertThat(environment.getPropertySources().get(IdentityLoggingEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)
			.containsProperty("logging.level.org.eclipse.jetty.http.HttpGenerator")).isFalse();
	}

	@Test
	void postProcessWhenApplicationSetsAnyMsalLevelThenMsalKeepsItsOwnLevels() {
		StandardEnvironment environment = process("logging.level.com.microsoft.aad.msal4j=INFO");
		assertThat(environment.getProperty("logging.level.com.microsoft.aad.msal4j.PublicClientApplication")).isNull();
		assertThat(environment.getProperty("logging.level.com.microsoft.aad.msal4j")).isEqualTo("INFO");
	}

	@Test
	void postProcessWhenJdkHttpClientLoggingSwitchedOnBySystemPropertyThenSaysHowToSeeIt() {
		String previous = System.setProperty("jdk.httpclient.HttpClient.log", "headers");
		try {
			process();
			assertThat(this.infos).singleElement().asString().contains("logging.level.jdk.httpclient.HttpClient=INFO");
		}
		finally {
			if (previous == null) {
				System.clearProperty("jdk.httpclient.HttpClient.log");
			}
			else {
				System.setProperty("jdk.httpclient.HttpClient.log", previous);
			}
		}
	}

	@Test
	void postProcessWhenEnvironmentVariableSetsTokenLoggerThenItsLevelWins() {
		MockEnvironment environment = new MockEnvironment();
		TestPropertyValues.of("LOGGING_LEVEL_ORG_ECLIPSE_JETTY_HTTP_HTTPGENERATOR=DEBUG")
			.applyTo(environment, TestPropertyValues.Type.SYSTEM_ENVIRONMENT);
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.level.org.eclipse.jetty.http.HttpGenerator")).isEqualTo("DEBUG");
	}

	private StandardEnvironment process(String... properties) {
		StandardEnvironment environment = new StandardEnvironment();
		TestPropertyValues.of(properties).applyTo(environment);
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	private DeferredLogFactory logFactory() {
		Log log = mock(Log.class);
		willAnswer((invocation) -> this.infos.add(invocation.getArgument(0))).given(log).info(any());
		return (destination) -> log;
	}

}
