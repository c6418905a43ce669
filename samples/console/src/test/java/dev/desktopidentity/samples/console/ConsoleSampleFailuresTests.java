package dev.desktopidentity.samples.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.desktopidentity.test.Endpoint;
import dev.desktopidentity.test.Fault;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.LoopbackPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console sample, each run in a JVM of its own, meeting the mistakes a new user
 * makes and the failures of an identity provider: every run ends with one line that
 * names the identity provider, says what went wrong and what to do, a non-zero exit
 * status and no stack trace.
 */
class ConsoleSampleFailuresTests {

	private static LocalIdentityProvider provider;

	private static LocalIdentityProvider keycloak;

	@TempDir
	Path cache;

	@BeforeAll
	static void startProviders() {
		provider = LocalIdentityProvider.builder()
			.user("demo@desktop-identity.test", "demo-password", "Demo User")
			.deviceCodePollingInterval(Duration.ofSeconds(1))
			.start();
		keycloak = LocalIdentityProvider.builder()
			.strictOidc(true)
			.user("demo@desktop-identity.test", "demo-password", "Demo User")
			.start();
	}

	@AfterAll
	static void stopProviders() {
		provider.close();
		keycloak.close();
	}

	@BeforeEach
	void clearFaults() {
		provider.clearFaults();
	}

	@Test
	void runWhenIdentityProviderUnreachableThenOneLineNamingHostAndPort() throws Exception {
		int port = LoopbackPorts.freePort();
		SampleJvm.Run run = run("--identity.authority=https://127.0.0.1:" + port + "/contoso",
				"--identity.authority-kind=entra-id", "--identity.instance-discovery=false");
		assertOneLine(run, "Could not get a token: Signing in with a device code at https://127.0.0.1:" + port
				+ "/contoso failed: could not connect to 127.0.0.1:" + port, "identity.authority");
	}

	@Test
	void runWhenCertificateNotTrustedThenOneLineNamingTheSslBundleProperty() throws Exception {
		SampleJvm.Run run = run("--identity.authority=" + provider.authority(), "--identity.authority-kind=entra-id",
				"--identity.instance-discovery=false");
		assertOneLine(run, "is not trusted by the JVM's default trust store", "identity.ssl-bundle=identity-provider");
	}

	@Test
	void runWhenTenantUnknownThenOneLineWithAadstsCodeAndWhichTenantToUse() throws Exception {
		SampleJvm.Run run = run(providerArguments(provider, Map.of("identity.authority", provider.baseUri()
				+ "/fabrikam.test")));
		assertOneLine(run, "AADSTS90002: Tenant 'fabrikam.test' not found.", "'Directory (tenant) ID'");
	}

	@Test
	void runWhenRealmUnknownThenOneLineSayingSoAndWhatTheIssuerIs() throws Exception {
		SampleJvm.Run run = run(providerArguments(keycloak, Map.of("identity.authority", keycloak.baseUri()
				+ "/no-such-realm")));
		assertOneLine(run, "answered HTTP 404 (Realm does not exist)", "https://<host>/realms/<realm>");
	}

	@Test
	void runWhenPublicClientFlowsDisabledThenOneLineWithTheAdminCenterSetting() throws Exception {
		provider.injectFault(Endpoint.DEVICE_CODE, Fault.entraError(7000218), 1);
		SampleJvm.Run run = run(providerArguments(provider, Map.of()));
		assertOneLine(run, "AADSTS7000218: The request body must contain the following parameter",
				"Set 'Allow public client flows' to Yes");
	}

	@Test
	void runWhenNobodyEntersTheCodeThenSaysItTimedOutAndHowToWaitLonger() throws Exception {
		SampleJvm.Run run = run(providerArguments(provider, Map.of("identity.interactive.timeout", "3s")));
		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(run.lines()).as(run.output()).hasSize(2);
		assertThat(run.lines().get(0)).startsWith("To sign in from any device, open ");
		assertThat(run.lines().get(1)).isEqualTo("Could not get a token: Sign-in with a device code timed out: it was "
				+ "not completed within 3s. Run it again when you are ready, or wait longer with "
				+ "identity.interactive.timeout (for example identity.interactive.timeout=6s).");
	}

	private SampleJvm.Run run(String... options) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("--identity.client-id=desktop-identity-demo",
				"--identity.scopes=api://desktop-identity-demo/Items.Read", "--identity.interactive.mode=device-code",
				"--sample.api-url=http://127.0.0.1:1/items", "--identity.cache.location=" + this.cache,
				"--identity.cache.protection=none", "--identity.connect-timeout=5s"));
		arguments.addAll(List.of(options));
		return SampleJvm.run(arguments, Map.of(), (line) -> {
		});
	}

	private static String[] providerArguments(LocalIdentityProvider identityProvider, Map<String, String> overrides) {
		Map<String, Object> properties = new java.util.LinkedHashMap<>(identityProvider.springProperties("provider"));
		properties.putAll(overrides);
		return properties.entrySet().stream().map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	private static void assertOneLine(SampleJvm.Run run, String... parts) {
		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(run.lines()).as(run.output()).singleElement().satisfies((line) -> {
			assertThat(line).startsWith("Could not get a token: ").contains(parts).doesNotContain("null");
		});
		assertThat(run.output()).doesNotContain("\tat ").doesNotContain("Exception");
	}

}
