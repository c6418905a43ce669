package dev.desktopidentity.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.test.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TokenAcquisitionFailureAnalyzer}: a token that cannot be had while the
 * application starts ends in Spring Boot's failure report, not in a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenAcquisitionFailureAnalyzerTests {

	@Test
	void analyzeWhenActionKnownThenDescriptionIsTheProblemAndActionTheAdvice() {
		TokenAcquisitionException failure = new TokenAcquisitionException("Signing in at https://idp.test failed: "
				+ "could not connect to idp.test:443 (connection refused).", "Check identity.authority.",
				"connection_refused", null);
		FailureAnalysis analysis = new TokenAcquisitionFailureAnalyzer()
			.analyze(new IllegalStateException("Failed to execute CommandLineRunner", failure));
		assertThat(analysis.getDescription()).isEqualTo("Signing in at https://idp.test failed: could not connect to "
				+ "idp.test:443 (connection refused).");
		assertThat(analysis.getAction()).isEqualTo("Check identity.authority.");
	}

	@Test
	void analyzeWhenNoActionThenSaysWhatToCheck() {
		FailureAnalysis analysis = new TokenAcquisitionFailureAnalyzer()
			.analyze(new TokenAcquisitionException("Reading the token cache failed: disk full", null, null));
		assertThat(analysis.getDescription()).isEqualTo("Reading the token cache failed: disk full");
		assertThat(analysis.getAction()).contains("identity.*");
	}

	@Test
	void runWhenCommandLineRunnerCannotGetTokenThenFailureReportWithoutStackTrace(CapturedOutput output)
			throws Exception {
		int port = LoopbackPorts.freePort();
		SpringApplication application = new SpringApplication(TokenAtStartup.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatExceptionOfType(TokenAcquisitionException.class).isThrownBy(() -> application.run("--identity.client-id=analyzer-test",
				"--identity.authority=https://127.0.0.1:" + port + "/contoso", "--identity.authority-kind=entra-id",
				"--identity.instance-discovery=false", "--identity.scopes=api://local-test/read",
				"--identity.interactive.mode=device-code", "--identity.cache.enabled=false",
				"--spring.main.banner-mode=off"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Description:\n\nSigning in with a device code at https://127.0.0.1:" + port
					+ "/contoso failed: could not connect to 127.0.0.1:" + port)
			.contains("Action:\n\nCheck that identity.authority names the right host and port")
			.doesNotContain("\tat ")
			.doesNotContain("Application run failed");
	}

	@Test
	void mainWhenCommandLineRunnerCannotGetTokenThenReportOnlyAndNonZeroExitInSecondJvm() throws Exception {
		int port = LoopbackPorts.freePort();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), TokenAtStartup.class.getName(),
				"--identity.client-id=analyzer-test", "--identity.authority=https://127.0.0.1:" + port + "/contoso",
				"--identity.authority-kind=entra-id", "--identity.instance-discovery=false",
				"--identity.scopes=api://local-test/read", "--identity.interactive.mode=device-code",
				"--identity.cache.enabled=false", "--spring.main.banner-mode=off"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isNotZero();
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("could not connect to 127.0.0.1:" + port)
			.doesNotContain("\tat ")
			.doesNotContain("Exception in thread");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TokenAtStartup {

		public static void main(String[] args) {
			SpringApplication.run(TokenAtStartup.class, args);
		}

		@Bean
		CommandLineRunner tokenAtStartup(InteractiveTokenProvider tokens) {
			return (args) -> tokens.getToken();
		}

	}

}
