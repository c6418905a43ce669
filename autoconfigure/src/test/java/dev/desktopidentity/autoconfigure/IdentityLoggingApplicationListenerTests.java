package dev.desktopidentity.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdentityLoggingApplicationListener}, with Spring Boot's logging system
 * (Logback) as an application configures it, from {@code META-INF/spring.factories}.
 */
@ExtendWith(OutputCaptureExtension.class)
class IdentityLoggingApplicationListenerTests {

	private static final String QUIET_LINE = "stay quiet: set logging.level.";

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void closeAndResetLogging() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		// the next application configures Logback afresh, without the levels set here
		loggingSystem().cleanUp();
	}

	@Test
	void startWhenNothingSetThenTokenLoggersQuietAndMsalOnlyWarns(CapturedOutput output) {
		run();
		assertThat(level("org.apache.hc.client5.http.headers")).isEqualTo(LogLevel.INFO);
		assertThat(level("org.eclipse.jetty.http.HttpGenerator")).isEqualTo(LogLevel.INFO);
		assertThat(level("sun.net.www.protocol.http.HttpURLConnection")).isEqualTo(LogLevel.INFO);
		assertThat(level("jdk.httpclient.HttpClient")).isEqualTo(LogLevel.WARN);
		assertThat(level("com.microsoft.aad.msal4j.PublicClientApplication")).isEqualTo(LogLevel.ERROR);
		assertThat(level("com.microsoft.aad.msal4j")).isEqualTo(LogLevel.WARN);
		assertThat(output).doesNotContain(QUIET_LINE);
	}

	@Test
	void startWhenRootIsTraceThenTokenLoggersStayQuietAndOneLineSaysHowToEnableThem(CapturedOutput output) {
		run("--logging.level.root=trace");
		assertThat(level("org.apache.hc.client5.http.wire")).isEqualTo(LogLevel.INFO);
		assertThat(level("com.microsoft.aad.msal4j.PublicClientApplication")).isNull();
		assertThat(level("com.microsoft.aad.msal4j")).isNull();
		// Apache HttpClient is not on this classpath, and the JDK client logs only by system property
		assertThat(output.getOut().lines().filter((line) -> line.contains(QUIET_LINE))).singleElement()
			.asString()
			.contains("logging.level.sun.net.www.protocol.http.HttpURLConnection=DEBUG")
			.doesNotContain("org.apache.hc")
			.doesNotContain("jdk.httpclient");
	}

	@Test
	void startWhenParentOfTokenLoggerIsDebugThenStillQuietAndSaysSo(CapturedOutput output) {
		run("--logging.level.sun.net=DEBUG");
		assertThat(level("sun.net.www.protocol.http.HttpURLConnection")).isEqualTo(LogLevel.INFO);
		assertThat(output).contains(QUIET_LINE).contains("HttpURLConnection=DEBUG");
	}

	@Test
	void startWhenApplicationSetsTokenLoggerThenItsLevelWins(CapturedOutput output) {
		run("--logging.level.sun.net.www.protocol.http.HttpURLConnection=debug", "--logging.level.root=debug");
		assertThat(level("sun.net.www.protocol.http.HttpURLConnection")).isEqualTo(LogLevel.DEBUG);
		assertThat(output).doesNotContain("HttpURLConnection=DEBUG");
	}

	@Test
	void startWhenApplicationSetsLevelOfGroupWithTokenLoggerThenItsLevelWins() {
		run("--logging.group.http=org.eclipse.jetty.http.HttpGenerator, x.y", "--logging.level.http=DEBUG");
		assertThat(level("org.eclipse.jetty.http.HttpGenerator")).isEqualTo(LogLevel.DEBUG);
		assertThat(level("org.eclipse.jetty.http2.hpack")).isEqualTo(LogLevel.INFO);
	}

	@Test
	void startWhenApplicationSetsAnyMsalLevelThenMsalKeepsItsOwnLevels() {
		run("--logging.level.com.microsoft.aad.msal4j=INFO");
		assertThat(level("com.microsoft.aad.msal4j.PublicClientApplication")).isNull();
		assertThat(level("com.microsoft.aad.msal4j")).isEqualTo(LogLevel.INFO);
	}

	@Test
	void startWhenMsalChildLoggerSetThenMsalKeepsItsOwnLevels() {
		run("--logging.level.com.microsoft.aad.msal4j.PublicClientApplication=WARN");
		assertThat(level("com.microsoft.aad.msal4j.PublicClientApplication")).isEqualTo(LogLevel.WARN);
		assertThat(level("com.microsoft.aad.msal4j")).isNull();
	}

	@Test
	void startWhenJdkHttpClientLoggingSwitchedOnBySystemPropertyThenSaysHowToSeeIt(CapturedOutput output) {
		withSystemProperty("jdk.httpclient.HttpClient.log", "headers", () -> run());
		assertThat(level("jdk.httpclient.HttpClient")).isEqualTo(LogLevel.WARN);
		assertThat(output).contains(QUIET_LINE).contains("logging.level.jdk.httpclient.HttpClient=INFO");
	}

	@Test
	void startWhenLoggingConfigurationFileSetsTokenLoggerThenItsLevelWins() {
		run("--logging.config=classpath:trace-logging/token-logger-debug-logback.xml");
		assertThat(level("org.apache.hc.client5.http.headers")).isEqualTo(LogLevel.DEBUG);
		assertThat(level("org.apache.hc.client5.http.wire")).isEqualTo(LogLevel.INFO);
	}

	@Test
	void startWhenNoLoggingSystemThenNothingSet(CapturedOutput output) {
		withSystemProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE, () -> run("--logging.level.root=trace"));
		assertThat(output).doesNotContain(QUIET_LINE);
	}

	/**
	 * Run an application with Spring Boot's default logging configuration (this module's
	 * tests have a {@code logback-test.xml} of their own), unless the arguments name one.
	 */
	private void run(String... args) {
		List<String> arguments = new ArrayList<>(List.of(args));
		if (arguments.stream().noneMatch((argument) -> argument.startsWith("--logging.config="))) {
			arguments.add("--logging.config=classpath:trace-logging/boot-default-logback.xml");
		}
		SpringApplication application = new SpringApplication(Empty.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		this.contexts.add(application.run(arguments.toArray(String[]::new)));
	}

	private static void withSystemProperty(String name, String value, Runnable action) {
		String previous = System.setProperty(name, value);
		try {
			action.run();
		}
		finally {
			if (previous == null) {
				System.clearProperty(name);
			}
			else {
				System.setProperty(name, previous);
			}
		}
	}

	private static @Nullable LogLevel level(String logger) {
		LoggerConfiguration configuration = loggingSystem().getLoggerConfiguration(logger);
		return (configuration != null) ? configuration.getConfiguredLevel() : null;
	}

	private static LoggingSystem loggingSystem() {
		return LoggingSystem.get(IdentityLoggingApplicationListenerTests.class.getClassLoader());
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
