package dev.desktopidentity.msal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.autoconfigure.IdentityAutoConfiguration;
import dev.desktopidentity.signin.ConsoleSignInNotifier;
import dev.desktopidentity.signin.DeviceCodeChallenge;
import dev.desktopidentity.signin.SignInNotifier;
import dev.desktopidentity.test.Endpoint;
import dev.desktopidentity.test.Fault;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.LoopbackPorts;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a user is told when the first token request meets a mistake or a failing identity
 * provider, through the auto-configured {@link InteractiveTokenProvider} against the real
 * local identity provider: one {@link TokenAcquisitionException} whose message names the
 * operation, the authority (host and port), what went wrong and what to do.
 */
class ProviderFailuresIntegrationTests {

	private static final String SCOPE = "api://local-test/read";

	private static final AtomicInteger clients = new AtomicInteger();

	private static LocalIdentityProvider provider;

	private static LocalIdentityProvider keycloak;

	private ApplicationContextRunner contextRunner;

	@BeforeAll
	static void startProviders() {
		provider = LocalIdentityProvider.builder()
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.deviceCodePollingInterval(Duration.ofSeconds(1))
			.start();
		keycloak = LocalIdentityProvider.builder()
			.strictOidc(true)
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.start();
	}

	@AfterAll
	static void stopProviders() {
		provider.close();
		keycloak.close();
	}

	@BeforeEach
	void prepare() {
		provider.clearFaults();
		ScriptedUser alice = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!");
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, SslAutoConfiguration.class))
			.withBean(SignInNotifier.class, () -> new ConsoleSignInNotifier(
					new PrintStream(OutputStream.nullOutputStream()), false) {

				@Override
				public void deviceCode(DeviceCodeChallenge challenge) {
					CompletableFuture.runAsync(() -> alice.completeDeviceCode(challenge.userCode()));
				}

			})
			// MSAL4J holds back requests like a throttled one, by client: a client of its own per test
			.withPropertyValues("identity.client-id=failures-" + clients.incrementAndGet(),
					"identity.cache.enabled=false", "identity.scopes=" + SCOPE, "identity.interactive.mode=device-code",
					"identity.connect-timeout=5s", "identity.read-timeout=5s");
	}

	@Test
	void getTokenWhenEntraAuthorityUnreachableThenNamesOperationAuthorityHostAndPortAndWhatToCheck() throws Exception {
		int port = LoopbackPorts.freePort();
		this.contextRunner
			.withPropertyValues("identity.authority=https://127.0.0.1:" + port + "/contoso",
					"identity.authority-kind=entra-id", "identity.instance-discovery=false")
			.run((context) -> assertThatExceptionOfType(TokenAcquisitionException.class)
				.isThrownBy(() -> context.getBean(InteractiveTokenProvider.class).getToken())
				.satisfies((ex) -> assertThat(ex.getMessage()).startsWith(
						"Signing in with a device code at https://127.0.0.1:" + port + "/contoso failed: could not "
								+ "connect to 127.0.0.1:" + port + " (")
					.contains("Check that identity.authority names the right host and port")
					.contains("identity.proxy.host")
					.doesNotContain("null")
					.doesNotContain("MsalClientException"))
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("connection_refused"))
				.satisfies((ex) -> assertThat(ex.getAction()).startsWith("Check that identity.authority")));
	}

	@Test
	void getTokenWhenOpenIdConnectIssuerUnreachableThenNamesDiscoveryAndAuthority() throws Exception {
		int port = LoopbackPorts.freePort();
		this.contextRunner.withPropertyValues("identity.authority=https://127.0.0.1:" + port + "/realms/harness")
			.run((context) -> assertThatExceptionOfType(TokenAcquisitionException.class)
				.isThrownBy(() -> context.getBean(InteractiveTokenProvider.class).getToken())
				.withMessageStartingWith("Reading the OpenID Connect discovery document at https://127.0.0.1:" + port
						+ "/realms/harness failed: could not connect to 127.0.0.1:" + port)
				.withMessageNotContaining("null"));
	}

	@Test
	void getTokenWhenCertificateNotTrustedAndNoBundleThenSaysHowToDefineOne() {
		this.contextRunner
			.withPropertyValues("identity.authority=" + provider.authority(), "identity.authority-kind=entra-id",
					"identity.instance-discovery=false")
			.run((context) -> assertThatExceptionOfType(TokenAcquisitionException.class)
				.isThrownBy(() -> context.getBean(InteractiveTokenProvider.class).getToken())
				.withMessageContaining("at " + provider.authority().replaceAll("/$", "") + " failed: the TLS certificate "
						+ "of 127.0.0.1:" + provider.port() + " is not trusted by the JVM's default trust store")
				.withMessageContaining("spring.ssl.bundle.pem.identity-provider.truststore.certificate=")
				.withMessageContaining("identity.ssl-bundle=identity-provider")
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("untrusted_certificate")));
	}

	@Test
	void getTokenWhenBundleTrustsAnotherCertificateThenNamesTheBundle() {
		this.contextRunner.withPropertyValues(keycloak.springPropertyValues("wrong-ca"))
			.withPropertyValues("identity.authority=" + provider.authority(), "identity.authority-kind=entra-id")
			.run((context) -> assertThatExceptionOfType(TokenAcquisitionException.class)
				.isThrownBy(() -> context.getBean(InteractiveTokenProvider.class).getToken())
				.withMessageContaining("is not trusted by the SSL bundle 'wrong-ca' (identity.ssl-bundle)")
				.withMessageContaining("spring.ssl.bundle.pem.wrong-ca.truststore.certificate"));
	}

	@Test
	void getTokenWhenTenantUnknownThenKeepsAadstsCodeAndSaysWhichTenantToUse() {
		this.contextRunner.withPropertyValues(provider.springPropertyValues("idp"))
			.withPropertyValues("identity.authority=" + provider.baseUri() + "/fabrikam.test")
			.run((context) -> assertThatExceptionOfType(TokenAcquisitionException.class)
				.isThrownBy(() -> context.getBean(InteractiveTokenProvider.class).getToken())
				.withMessageStartingWith("Signing in with a device code at " + provider.baseUri()
						+ "/fabrikam.test failed: AADSTS90002: Tenant 'fabrikam.test' not found.")
				.withMessageContaining("(invalid_request, HTTP 400)")
				.withMessageEndingWith("Use the 'Directory (tenant) ID' from the app's Overview page, or one of the "
						+ "tenant's verified domain names, in identity.tenant-id (or in identity.authority)."));
	}

	@Test
	void getTokenWhenRealmUnknownThenSaysRealmDoesNotExistAndWhatTheIssuerIs() {
		this.contextRunner.withPropertyValues(keycloak.springPropertyValues("idp"))
			.withPropertyValues("identity.authority=" + keycloak.baseUri() + "/no-such-realm")
			.run((context) -> assertThatExceptionOfType(TokenAcquisitionException.class)
				.isThrownBy(() -> context.getBean(InteractiveTokenProvider.class).getToken())
				.withMessageStartingWith("Reading the OpenID Connect discovery document at " + keycloak.baseUri()
						+ "/no-such-realm failed: ")
				.withMessageContaining("Realm does not exist")
				.withMessageContaining("HTTP 404")
				.withMessageContaining("https://<host>/realms/<realm>")
				.withMessageNotContaining("HTTP null"));
	}

	@Test
	void getTokenWhenIssuerAnswersWithoutDiscoveryDocumentThenSaysSoAndHowToFixIt() {
		// a Microsoft-style authority on a host that is not Microsoft's is taken for an OpenID
		// Connect issuer; the provider answers its discovery URL with a plain-text 404
		String[] trustTheProvider = provider.springProperties("idp")
			.entrySet()
			.stream()
			.filter((property) -> property.getKey().startsWith("spring.ssl.") || property.getKey().endsWith("ssl-bundle"))
			.map((property) -> property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		this.contextRunner.withPropertyValues(trustTheProvider)
			.withPropertyValues("identity.authority=" + provider.baseUri() + "/contoso")
			.run((context) -> assertThatExceptionOfType(TokenAcquisitionException.class)
				.isThrownBy(() -> context.getBean(InteractiveTokenProvider.class).getToken())
				.withMessageStartingWith("Reading the OpenID Connect discovery document at " + provider.baseUri()
						+ "/contoso failed: " + provider.baseUri()
						+ "/contoso/.well-known/openid-configuration answered HTTP 404")
				.withMessageNotContaining("Unrecognized token")
				.withMessageNotContaining("invalid_json")
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("discovery_failed"))
				.satisfies((ex) -> assertThat(ex.getAction()).contains("identity.authority-kind=entra-id")));
	}

	@Test
	void getTokenWhenProviderTooSlowThenNamesReadTimeout() {
		provider.injectFault(Endpoint.DEVICE_CODE, Fault.delay(Duration.ofSeconds(4)), 1);
		this.contextRunner.withPropertyValues(provider.springPropertyValues("idp"))
			.withPropertyValues("identity.read-timeout=1s")
			.run((context) -> assertThatExceptionOfType(TokenAcquisitionException.class)
				.isThrownBy(() -> context.getBean(InteractiveTokenProvider.class).getToken())
				.withMessageContaining("failed: 127.0.0.1:" + provider.port() + " did not answer within 1s "
						+ "(identity.read-timeout)")
				.withMessageContaining("raise identity.read-timeout"));
	}

	@Test
	void getTokenWhenThrottledThenSaysWhenToRetryAndSoDoesTheNextAttempt() {
		provider.injectFault(Endpoint.DEVICE_CODE, Fault.throttled(Duration.ofSeconds(30)), 1);
		this.contextRunner.withPropertyValues(provider.springPropertyValues("idp")).run((context) -> {
			InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
			assertThatExceptionOfType(TokenAcquisitionException.class).isThrownBy(tokens::getToken)
				.withMessageContaining("(temporarily_unavailable, HTTP 429)")
				.withMessageEndingWith("The identity provider is throttling requests: retry in 30 seconds (its "
						+ "Retry-After).");
			assertThatExceptionOfType(TokenAcquisitionException.class).isThrownBy(tokens::getToken)
				.withMessageContaining("throttled an identical request")
				.withMessageMatching("(?s).*Retry in (29|30) seconds\\.$");
		});
		assertThat(provider.requests().count(Endpoint.DEVICE_CODE)).isGreaterThanOrEqualTo(1);
	}

	@Test
	void getTokenWhenServerErrorThenStatusAndCodeAndTryLaterButNeverHttpNull() {
		provider.injectFault(Endpoint.DEVICE_CODE, Fault.serverError(), 2);
		this.contextRunner.withPropertyValues(provider.springPropertyValues("idp"))
			.run((context) -> assertThatExceptionOfType(TokenAcquisitionException.class)
				.isThrownBy(() -> context.getBean(InteractiveTokenProvider.class).getToken())
				.withMessageContaining("AADSTS90006")
				.withMessageContaining("(temporarily_unavailable, HTTP 500)")
				.withMessageEndingWith("The identity provider has a problem of its own; try again later.")
				.withMessageNotContaining("null"));
	}

	@Test
	void getTokenWhenRefreshFailsAfterRestartThenNamesTheSilentOperation() {
		this.contextRunner.withPropertyValues(provider.springPropertyValues("idp")).run((context) -> {
			InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
			provider.accessTokenLifetime(Duration.ZERO);
			try {
				tokens.getToken();
			}
			finally {
				provider.accessTokenLifetime(Duration.ofHours(1));
			}
			provider.injectFault(Endpoint.TOKEN, Fault.serverError(), 2);
			assertThatExceptionOfType(TokenAcquisitionException.class).isThrownBy(tokens::getToken)
				.withMessageStartingWith("Getting a token silently at " + provider.authority().replaceAll("/$", "")
						+ " failed: AADSTS90006");
		});
	}

}
