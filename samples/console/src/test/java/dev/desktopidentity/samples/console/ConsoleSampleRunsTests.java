package dev.desktopidentity.samples.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.desktopidentity.samples.demo.DemoApi;
import dev.desktopidentity.test.Endpoint;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.RecordedRequest;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console sample run several times, each in a JVM of its own, against one local
 * identity provider and with a persistent token cache: the first run signs in, the next
 * ones do not; {@code --status} and {@code --sign-out} show and end the signed-in state.
 */
class ConsoleSampleRunsTests {

	private static final Pattern USER_CODE = Pattern.compile("enter the code (\\w+)");

	private static final String USERNAME = "demo@desktop-identity.test";

	private static final String PASSWORD = "demo-password";

	@TempDir
	private Path cache;

	private LocalIdentityProvider provider;

	private DemoApi api;

	@AfterEach
	void stop() {
		if (this.api != null) {
			this.api.close();
		}
		if (this.provider != null) {
			this.provider.close();
		}
	}

	@Test
	void secondRunWhenCacheKeptThenNoSignInAndSignOutEndsIt() throws Exception {
		start(LocalIdentityProvider.builder());
		Run first = run();
		assertThat(first.exitCode()).as(first.output()).isZero();
		assertThat(first.output()).contains("To sign in from any device").contains("Signed in as " + USERNAME);
		Run second = run();
		assertThat(second.exitCode()).as(second.output()).isZero();
		assertThat(second.output()).doesNotContain("To sign in").contains("\"owner\":\"Demo User\"");
		assertThat(this.provider.requests().count(Endpoint.DEVICE_CODE)).isEqualTo(1);
		Run status = run("--status");
		assertThat(status.output()).contains("Token cache: ")
			.contains("Signed in as " + USERNAME + " (used by default)")
			.contains("Access token valid until ");
		Run signOut = run("--sign-out");
		assertThat(signOut.output()).contains("Signed out " + USERNAME + ".");
		assertThat(run("--status").output()).contains("Not signed in.");
		assertThat(this.provider.requests().count(Endpoint.DEVICE_CODE)).isEqualTo(1);
	}

	@Test
	void secondRunWhenOpenIdConnectIssuerThenRefreshesAfterRestartWithoutSignIn() throws Exception {
		start(LocalIdentityProvider.builder().strictOidc(true).accessTokenLifetime(Duration.ofMinutes(4)));
		Run first = run();
		assertThat(first.exitCode()).as(first.output()).isZero();
		Run second = run();
		assertThat(second.exitCode()).as(second.output()).isZero();
		assertThat(second.output()).doesNotContain("To sign in").contains("\"owner\":\"Demo User\"");
		assertThat(this.provider.requests().count(Endpoint.DEVICE_CODE)).isEqualTo(1);
		assertThat(this.provider.requests().to(Endpoint.TOKEN)).extracting(RecordedRequest::grantType)
			.contains("refresh_token");
		assertThat(this.provider.requests().to(Endpoint.OTHER)).extracting(RecordedRequest::path)
			.noneMatch((path) -> path.contains("/oauth2/"));
	}

	private void start(dev.desktopidentity.test.LocalIdentityProviderBuilder builder) {
		this.provider = builder.user(USERNAME, PASSWORD, "Demo User")
			.deviceCodePollingInterval(Duration.ofSeconds(1))
			.start();
		this.api = DemoApi.start(this.provider);
	}

	private Run run(String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), ConsoleSampleApplication.class.getName(),
				"--identity.client-id=desktop-identity-demo", "--identity.scopes=" + DemoApi.AUDIENCE + "/Items.Read",
				"--identity.interactive.mode=device-code", "--sample.api-url=" + this.api.url(),
				"--identity.resources.api.base-url=" + this.api.url(),
				"--identity.resources.api.scopes=" + DemoApi.AUDIENCE + "/Items.Read",
				"--identity.cache.location=" + this.cache.toAbsolutePath(), "--identity.cache.protection=none"));
		for (Map.Entry<String, Object> property : this.provider.springProperties("provider").entrySet()) {
			command.add("--" + property.getKey() + "=" + property.getValue());
		}
		command.addAll(List.of(options));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		StringBuilder output = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				output.append(line).append('\n');
				Matcher code = USER_CODE.matcher(line);
				if (code.find()) {
					String userCode = code.group(1);
					CompletableFuture.runAsync(() -> ScriptedUser.of(this.provider, USERNAME, PASSWORD)
						.completeDeviceCode(userCode));
				}
			}
		}
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IOException("The sample did not exit within 60 s:\n" + output);
		}
		return new Run(process.exitValue(), output.toString());
	}

	private record Run(int exitCode, String output) {

	}

}
