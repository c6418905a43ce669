package dev.desktopidentity.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh tokens: rotation, reuse detection, narrowing, revocation and expiry.
 */
class RefreshTokenTests {

	private static LocalIdentityProvider provider;

	private static ProviderClient client;

	@BeforeAll
	static void start() {
		provider = LocalIdentityProvider.builder()
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.user("bob@contoso.test", "Passw0rd!", "Bob Example")
			.start();
		client = new ProviderClient(provider);
	}

	@AfterAll
	static void stop() {
		provider.close();
	}

	@Test
	void refreshWhenValidThenNewTokensAndRotatedRefreshToken() {
		Map<String, Object> first = signIn("alice@contoso.test");
		HttpResponse<String> response = client.refresh(refreshToken(first), ProviderClient.SCOPE);
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> second = ProviderClient.json(response);
		assertThat(refreshToken(second)).isNotEqualTo(refreshToken(first));
		assertThat(second.get("access_token")).isNotEqualTo(first.get("access_token"));
		assertThat(client.verify((String) second.get("id_token")).getClaims()).doesNotContainKey("nonce");
		assertThat(client.refresh(refreshToken(second), ProviderClient.SCOPE).statusCode()).isEqualTo(200);
	}

	@Test
	void refreshWhenRotatedTokenReusedThenInvalidGrantAndFamilyRevoked() {
		Map<String, Object> first = signIn("alice@contoso.test");
		Map<String, Object> second = ProviderClient.json(client.refresh(refreshToken(first), ProviderClient.SCOPE));
		HttpResponse<String> reuse = client.refresh(refreshToken(first), ProviderClient.SCOPE);
		assertThat(reuse.statusCode()).isEqualTo(400);
		assertThat(ProviderClient.json(reuse)).containsEntry("error", "invalid_grant").containsEntry("suberror", "bad_token");
		HttpResponse<String> successor = client.refresh(refreshToken(second), ProviderClient.SCOPE);
		assertThat((String) ProviderClient.json(successor).get("error_description")).startsWith("AADSTS50173:");
	}

	@Test
	void refreshWhenScopeNarrowedThenAccessTokenForThatScope() {
		Map<String, Object> tokens = signIn("alice@contoso.test");
		Map<String, Object> narrowed = ProviderClient
			.json(client.refresh(refreshToken(tokens), "api://other/write openid profile offline_access"));
		assertThat(narrowed).containsEntry("scope", "api://other/write openid profile offline_access");
		JWTClaimsSet access = client.verify((String) narrowed.get("access_token"));
		assertThat(access.getClaims()).containsEntry("scp", "write");
		assertThat(access.getAudience()).containsExactly("api://other");
	}

	@Test
	void refreshWhenUserRevokedThenInvalidGrantBadToken() {
		Map<String, Object> bob = signIn("bob@contoso.test");
		Map<String, Object> alice = signIn("alice@contoso.test");
		provider.revokeRefreshTokens("bob@contoso.test");
		HttpResponse<String> response = client.refresh(refreshToken(bob), ProviderClient.SCOPE);
		assertThat(ProviderClient.json(response)).containsEntry("error", "invalid_grant")
			.containsEntry("suberror", "bad_token");
		assertThat((String) ProviderClient.json(response).get("error_description")).startsWith("AADSTS50173:");
		assertThat(client.refresh(refreshToken(alice), ProviderClient.SCOPE).statusCode()).isEqualTo(200);
	}

	@Test
	void refreshWhenExpiredThenInvalidGrantBadToken() {
		Map<String, Object> tokens = signIn("alice@contoso.test");
		provider.expireTokens();
		HttpResponse<String> response = client.refresh(refreshToken(tokens), ProviderClient.SCOPE);
		assertThat(ProviderClient.json(response)).containsEntry("suberror", "bad_token");
		assertThat((String) ProviderClient.json(response).get("error_description")).startsWith("AADSTS700082:");
	}

	@Test
	void refreshWhenUnknownTokenThenInvalidGrant() {
		HttpResponse<String> response = client.refresh("not-a-refresh-token", ProviderClient.SCOPE);
		assertThat(ProviderClient.json(response)).containsEntry("error", "invalid_grant");
	}

	@Test
	void refreshWhenOtherClientThenInvalidGrant() {
		Map<String, Object> tokens = signIn("alice@contoso.test");
		HttpResponse<String> response = client.token(Map.of("grant_type", "refresh_token", "client_id", "other-client",
				"refresh_token", refreshToken(tokens), "scope", ProviderClient.SCOPE));
		assertThat(ProviderClient.json(response)).containsEntry("error", "invalid_grant");
		assertThat(client.refresh(refreshToken(tokens), ProviderClient.SCOPE).statusCode()).isEqualTo(200);
	}

	@Test
	void tokenWhenAccessTokenLifetimeChangedThenExpiresInFollows() {
		provider.accessTokenLifetime(Duration.ofSeconds(90));
		try {
			Map<String, Object> tokens = signIn("alice@contoso.test");
			assertThat(tokens).containsEntry("expires_in", 90L);
			long lifetime = client.verify((String) tokens.get("access_token")).getExpirationTime().getTime()
					- client.verify((String) tokens.get("access_token")).getIssueTime().getTime();
			assertThat(lifetime).isEqualTo(90_000L);
		}
		finally {
			provider.accessTokenLifetime(Duration.ofHours(1));
		}
	}

	private static Map<String, Object> signIn(String username) {
		return client.signInAndRedeem(ScriptedUser.of(provider, username, "Passw0rd!"));
	}

	private static String refreshToken(Map<String, Object> tokens) {
		return (String) tokens.get("refresh_token");
	}

}
