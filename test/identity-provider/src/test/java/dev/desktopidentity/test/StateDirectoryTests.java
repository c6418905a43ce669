package dev.desktopidentity.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider that keeps its state in a directory: started again, it is the same issuer
 * on the same port with the same keys, certificate and users, and honours the refresh
 * tokens it issued, which it keeps by hash only.
 */
class StateDirectoryTests {

	@TempDir
	Path state;

	@Test
	void startWhenStateKeptThenSameIssuerKeysCertificateAndUserAndRefreshTokenStillWorks() {
		String issuer;
		String keys;
		String certificate;
		String objectId;
		String refreshToken;
		try (LocalIdentityProvider first = start()) {
			issuer = first.issuer();
			keys = first.tokenSigningKeys().toString();
			certificate = first.certificatePem();
			objectId = first.user("alice@contoso.test").objectId().toString();
			refreshToken = signIn(first);
		}
		try (LocalIdentityProvider second = start()) {
			assertThat(second.issuer()).isEqualTo(issuer);
			assertThat(second.tokenSigningKeys().toString()).isEqualTo(keys);
			assertThat(second.certificatePem()).isEqualTo(certificate);
			assertThat(second.user("alice@contoso.test").objectId()).hasToString(objectId);
			HttpResponse<String> refreshed = new ProviderClient(second).refresh(refreshToken, ProviderClient.SCOPE);
			assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
			String rotated = (String) ProviderClient.json(refreshed).get("refresh_token");
			assertThat(new ProviderClient(second).refresh(rotated, ProviderClient.SCOPE).statusCode()).isEqualTo(200);
		}
		try (LocalIdentityProvider third = start()) {
			assertThat(new ProviderClient(third).refresh(refreshToken, ProviderClient.SCOPE).statusCode())
				.as("a rotated refresh token stays used across restarts")
				.isEqualTo(400);
		}
	}

	@Test
	void stateWhenSavedThenNoTokenOnTheDiskAndOnlyTheUserCanReadIt() throws IOException {
		String refreshToken;
		try (LocalIdentityProvider provider = start()) {
			refreshToken = signIn(provider);
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.state))).isEqualTo("rwx------");
		try (Stream<Path> files = Files.list(this.state)) {
			for (Path file : files.toList()) {
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
					.isEqualTo("rw-------");
				assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
					.doesNotContain(refreshToken)
					.doesNotContain("Passw0rd!");
			}
		}
		assertThat(this.state.resolve("state.json")).exists();
		assertThat(this.state.resolve("signing-key.json")).exists();
		assertThat(this.state.resolve("tls.p12")).exists();
	}

	@Test
	void startWhenLastPortTakenThenAnotherPortAndRefreshTokensStillWork() throws IOException {
		int port;
		String refreshToken;
		try (LocalIdentityProvider first = start()) {
			port = first.port();
			refreshToken = signIn(first);
		}
		try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
				LocalIdentityProvider second = start()) {
			assertThat(second.port()).isNotEqualTo(port);
			assertThat(new ProviderClient(second).refresh(refreshToken, ProviderClient.SCOPE).statusCode())
				.isEqualTo(200);
		}
	}

	@Test
	void startWhenStateFileDamagedThenStartsAfresh() throws IOException {
		try (LocalIdentityProvider first = start()) {
			signIn(first);
		}
		Files.writeString(this.state.resolve("state.json"), "{not json");
		try (LocalIdentityProvider second = start()) {
			assertThat(second.user("alice@contoso.test")).isNotNull();
			assertThat(ProviderClient.json(new ProviderClient(second).get(new ProviderClient(second)
				.endpoint("v2.0/.well-known/openid-configuration")))).containsEntry("issuer", second.issuer());
		}
	}

	private LocalIdentityProvider start() {
		return LocalIdentityProvider.builder()
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.stateDirectory(this.state)
			.start();
	}

	private static String signIn(LocalIdentityProvider provider) {
		Map<String, Object> tokens = new ProviderClient(provider)
			.signInAndRedeem(ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!"));
		return (String) tokens.get("refresh_token");
	}

}
