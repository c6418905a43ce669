package dev.desktopidentity.samples.console;

import dev.desktopidentity.samples.demo.DemoApi;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import dev.desktopidentity.test.autoconfigure.AutoConfigureLocalIdentityProvider;
import dev.desktopidentity.test.autoconfigure.ScriptedBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console sample as its users test their own applications: a {@code @SpringBootTest}
 * with {@link AutoConfigureLocalIdentityProvider}, so that it signs in against a local
 * identity provider with a scripted user in the browser, and calls a local API that
 * accepts only that provider's tokens. The application starts with {@code --status}, and
 * each test runs the sample's runner as a user would run the program.
 */
@SpringBootTest(args = "--status", properties = "identity.interactive.mode=browser")
@AutoConfigureLocalIdentityProvider(username = "demo@desktop-identity.test", password = "demo-password",
		displayName = "Demo User")
@ExtendWith(OutputCaptureExtension.class)
class ConsoleSampleApplicationTests {

	@Autowired
	private SignInRunner runner;

	@Test
	void runWhenSignedOutThenSignsInOnceAndCallsTheApiTwice(CapturedOutput output, ScriptedBrowser browser) {
		this.runner.run();
		assertThat(this.runner.getExitCode()).isZero();
		assertThat(browser.getSignInCount()).isEqualTo(1);
		assertThat(output).contains("Opening your browser to sign in")
			.contains("Signed in as demo@desktop-identity.test; the token expires at")
			.contains("answered: {\"owner\":\"Demo User\"")
			.contains("Called the API again, with the token in memory: {\"owner\":\"Demo User\"");
	}

	@Test
	void statusWhenSignedInThenShowsTheAccountAndSignOutEndsIt(CapturedOutput output) {
		this.runner.run();
		this.runner.run("--status");
		assertThat(output).contains("Token cache: ")
			.contains("Signed in as demo@desktop-identity.test (used by default)")
			.contains("Access token valid until ");
		this.runner.run("--sign-out");
		assertThat(output).contains("Signed out demo@desktop-identity.test.");
		this.runner.run("--status");
		assertThat(output.getOut()).endsWith("Not signed in. Run without --status to sign in.\n");
	}

	@Test
	void runWhenUserCannotSignInThenExitCode1AndNoStackTrace(CapturedOutput output, ScriptedBrowser browser,
			LocalIdentityProvider provider) {
		browser.setUser(ScriptedUser.of(provider, "demo@desktop-identity.test", "not-the-password"));
		this.runner.run();
		assertThat(this.runner.getExitCode()).isEqualTo(1);
		assertThat(output).contains("Could not get a token: ")
			.contains("Your account or password is incorrect")
			.doesNotContain("not-the-password")
			.doesNotContain("\tat ");
	}

	/**
	 * The demo's API, on loopback, accepting tokens of the test's identity provider; the
	 * sample calls it with the signed-in user's token.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class LocalApi {

		@Bean(destroyMethod = "close")
		DemoApi demoApi(LocalIdentityProvider provider) {
			return DemoApi.start(provider);
		}

		@Bean
		DynamicPropertyRegistrar demoApiProperties(DemoApi api) {
			return (registry) -> {
				registry.add("sample.api-url", api::url);
				registry.add("identity.resources.api.base-url", api::url);
				registry.add("identity.resources.api.scopes", () -> DemoApi.AUDIENCE + "/Items.Read");
			};
		}

	}

}
