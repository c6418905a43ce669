package dev.desktopidentity.msal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.autoconfigure.IdentityAutoConfiguration;
import dev.desktopidentity.signin.BrowserLauncher;
import dev.desktopidentity.signin.ConsoleSignInNotifier;
import dev.desktopidentity.signin.SignInNotifier;
import dev.desktopidentity.test.Endpoint;
import dev.desktopidentity.test.Fault;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every Microsoft Entra error of {@link EntraErrors}, answered by the local identity
 * provider where Microsoft Entra answers it: sent to the redirect URI by the
 * authorization endpoint, and as JSON by the token and device code endpoints. The
 * exception keeps the code and the provider's description and ends with the one sentence
 * of what to do.
 */
class EntraErrorsIntegrationTests {

	private static final String SCOPE = "api://local-test/read";

	private static LocalIdentityProvider provider;

	private ApplicationContextRunner contextRunner;

	@BeforeAll
	static void startProvider() {
		provider = LocalIdentityProvider.builder()
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.deviceCodePollingInterval(Duration.ofSeconds(1))
			.start();
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
	}

	@BeforeEach
	void prepare() {
		provider.clearFaults();
		ScriptedUser alice = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!");
		BrowserLauncher launcher = (url) -> CompletableFuture.runAsync(() -> alice.signIn(url).deliver());
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, SslAutoConfiguration.class))
			.withBean(BrowserLauncher.class, () -> launcher)
			.withBean(SignInNotifier.class,
					() -> new ConsoleSignInNotifier(new PrintStream(OutputStream.nullOutputStream()), false))
			.withPropertyValues("identity.client-id=entra-errors", "identity.cache.enabled=false",
					"identity.scopes=" + SCOPE, "identity.interactive.mode=browser", "identity.interactive.timeout=30s")
			.withPropertyValues(provider.springPropertyValues("idp"));
	}

	static List<Integer> codes() {
		return EntraErrors.codes();
	}

	@ParameterizedTest(name = "AADSTS{0}")
	@MethodSource("codes")
	void signInWhenAuthorizationEndpointRedirectsWithCodeThenExceptionKeepsItAndSaysWhatToDo(int code) {
		provider.injectFault(Endpoint.AUTHORIZE, Fault.entraError(code), 1);
		this.contextRunner.run((context) -> assertThatExceptionOfType(TokenAcquisitionException.class)
			.isThrownBy(() -> context.getBean(InteractiveTokenProvider.class).getToken())
			.satisfies((ex) -> assertExplained(ex, code,
					"Sign-in at " + provider.authority().replaceAll("/$", "") + " ended with '")));
	}

	@ParameterizedTest(name = "AADSTS{0}")
	@MethodSource("codes")
	void signInWhenTokenEndpointAnswersWithCodeThenExceptionKeepsItAndSaysWhatToDo(int code) {
		provider.injectFault(Endpoint.TOKEN, Fault.entraError(code), 1);
		this.contextRunner.run((context) -> assertThatExceptionOfType(TokenAcquisitionException.class)
			.isThrownBy(() -> context.getBean(InteractiveTokenProvider.class).getToken())
			.satisfies((ex) -> assertExplained(ex, code, "Redeeming the authorization code at "
					+ provider.authority().replaceAll("/$", "") + " failed: AADSTS" + code + ": ")));
	}

	@Test
	void silentRefreshWhenTokenEndpointAnswersApplicationNotFoundThenExplainedNamingTheSilentOperation() {
		this.contextRunner.run((context) -> {
			InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
			signInWithExpiredAccessToken(tokens);
			provider.injectFault(Endpoint.TOKEN, Fault.entraError(700016), 1);
			assertThatExceptionOfType(TokenAcquisitionException.class).isThrownBy(tokens::getToken)
				.satisfies((ex) -> assertExplained(ex, 700016,
						"Getting a token silently at " + provider.authority().replaceAll("/$", "") + " failed: "));
			assertThat(provider.requests().count(Endpoint.AUTHORIZE)).isEqualTo(1);
		});
	}

	@Test
	void silentRefreshWhenMultiFactorAuthenticationRequiredThenSignsInInteractivelyInstead() {
		this.contextRunner.run((context) -> {
			InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
			signInWithExpiredAccessToken(tokens);
			provider.injectFault(Endpoint.TOKEN, Fault.entraError(50076), 1);
			assertThat(tokens.getToken().getSource()).isEqualTo(dev.desktopidentity.TokenSource.BROWSER);
			assertThat(provider.requests().count(Endpoint.AUTHORIZE)).isEqualTo(2);
		});
	}

	private static void signInWithExpiredAccessToken(InteractiveTokenProvider tokens) {
		provider.requests().reset();
		provider.accessTokenLifetime(Duration.ZERO);
		try {
			tokens.getToken();
		}
		finally {
			provider.accessTokenLifetime(Duration.ofHours(1));
		}
	}

	@Test
	void deviceCodeWhenPublicClientFlowsDisabledThenSaysWhichSettingToTurnOn() {
		provider.injectFault(Endpoint.DEVICE_CODE, Fault.entraError(7000218), 1);
		this.contextRunner.withPropertyValues("identity.interactive.mode=device-code")
			.run((context) -> assertThatExceptionOfType(TokenAcquisitionException.class)
				.isThrownBy(() -> context.getBean(InteractiveTokenProvider.class).getToken())
				.withMessageStartingWith("Signing in with a device code at " + provider.authority().replaceAll("/$", "")
						+ " failed: AADSTS7000218: The request body must contain the following parameter: "
						+ "'client_assertion' or 'client_secret'.")
				.withMessageContaining("(invalid_client, HTTP 401)")
				.withMessageEndingWith("Set 'Allow public client flows' to Yes under App registrations > your app > "
						+ "Authentication > Advanced settings."));
	}

	private static void assertExplained(TokenAcquisitionException ex, int code, String start) {
		EntraErrors.Entry entry = EntraErrors.find("AADSTS" + code);
		assertThat(entry).isNotNull();
		assertThat(ex.getMessage()).startsWith(start)
			.contains("AADSTS" + code + ": ")
			.contains("Trace ID: ")
			.endsWith(entry.action())
			.doesNotContain("\n");
		assertThat(ex.getAction()).isEqualTo(entry.action());
		assertThat(ex.getErrorCode()).isNotBlank();
	}

}
