package dev.desktopidentity.test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.AuthorizationRequestUrlParameters;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.ResponseMode;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The strict OpenID Connect mode: endpoints only where discovery says, no
 * {@code client_info}, RFC 8628 device grant only with PKCE as Keycloak 26 requires of a
 * client that enforces it, Keycloak's answer for an unknown realm, and token revocation
 * (RFC 7009).
 */
class StrictOidcTests {

	private static LocalIdentityProvider provider;

	private static ProviderClient client;

	private static Map<String, Object> discovery;

	@BeforeAll
	static void start() {
		provider = LocalIdentityProvider.builder()
			.strictOidc(true)
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.start();
		client = new ProviderClient(provider);
		discovery = ProviderClient.json(client.get(URI.create(provider.issuer() + "/.well-known/openid-configuration")));
	}

	@AfterAll
	static void stop() {
		provider.close();
	}

	@BeforeEach
	void reset() {
		provider.requests().reset();
	}

	@Test
	void discoveryWhenStrictThenIssuerIsAuthorityAndEndpointsAreKeycloakStyle() {
		String issuer = provider.baseUri() + "/" + provider.tenantId();
		assertThat(provider.issuer()).isEqualTo(issuer);
		assertThat(provider.authority()).isEqualTo(issuer);
		assertThat(discovery).containsEntry("issuer", issuer)
			.containsEntry("token_endpoint", issuer + "/protocol/openid-connect/token")
			.containsEntry("device_authorization_endpoint", issuer + "/protocol/openid-connect/auth/device")
			.containsEntry("authorization_endpoint", issuer + "/protocol/openid-connect/auth");
	}

	@Test
	void entraPathsWhenStrictThenNotFound() {
		for (String path : new String[] { "oauth2/v2.0/token", "oauth2/v2.0/devicecode", "oauth2/v2.0/authorize",
				"v2.0/.well-known/openid-configuration" }) {
			HttpResponse<String> response = client
				.post(URI.create(provider.issuer() + "/" + path), Map.of("grant_type", "refresh_token"));
			assertThat(response.statusCode()).as(path).isEqualTo(404);
		}
	}

	@Test
	void tokenResponseWhenStrictThenNoClientInfoButIdToken() {
		CodeVerifier verifier = new CodeVerifier();
		URI authorize = URI.create(discovery.get("authorization_endpoint") + "?client_id=" + ProviderClient.CLIENT_ID
				+ "&response_type=code&redirect_uri=" + ProviderClient.REDIRECT_URI
				+ "&scope=openid+profile+offline_access+api%3A%2F%2Fapp%2Fread&state=s&code_challenge_method=S256"
				+ "&code_challenge=" + com.nimbusds.oauth2.sdk.pkce.CodeChallenge.compute(CodeChallengeMethod.S256,
						verifier)
					.getValue());
		AuthorizationOutcome outcome = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!").signIn(authorize);
		HttpResponse<String> response = client.post(URI.create((String) discovery.get("token_endpoint")),
				Map.of("grant_type", "authorization_code", "client_id", ProviderClient.CLIENT_ID, "code",
						outcome.code(), "redirect_uri", ProviderClient.REDIRECT_URI, "code_verifier",
						verifier.getValue()));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(ProviderClient.json(response)).containsKeys("access_token", "id_token", "refresh_token")
			.doesNotContainKey("client_info");
	}

	@Test
	void tokenWhenMicrosoftDeviceGrantTypeThenUnsupported() {
		HttpResponse<String> response = client.post(URI.create((String) discovery.get("token_endpoint")),
				Map.of("grant_type", "device_code", "client_id", ProviderClient.CLIENT_ID, "device_code", "x"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(ProviderClient.json(response)).containsEntry("error", "unsupported_grant_type");
	}

	@Test
	void deviceAuthorizationWhenNoContentTypeThenRefusedAndWithFormThenRfc8628Answer() {
		URI endpoint = URI.create((String) discovery.get("device_authorization_endpoint"));
		Map<String, String> form = Map.of("client_id", ProviderClient.CLIENT_ID, "scope", "openid api://app/read",
				"code_challenge_method", "S256", "code_challenge",
				CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier()).getValue());
		assertThat(client.postWithoutContentType(endpoint, form).statusCode()).isEqualTo(400);
		HttpResponse<String> response = client.post(endpoint, form);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(ProviderClient.json(response))
			.containsKeys("device_code", "user_code", "verification_uri", "verification_uri_complete", "expires_in")
			.doesNotContainKey("message");
	}

	@Test
	void deviceAuthorizationWhenNoPkceThenRefusedAsKeycloakDoes() {
		URI endpoint = URI.create((String) discovery.get("device_authorization_endpoint"));
		HttpResponse<String> response = client.post(endpoint,
				Map.of("client_id", ProviderClient.CLIENT_ID, "scope", "openid api://app/read"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(ProviderClient.json(response)).containsEntry("error", "invalid_request")
			.containsEntry("error_description", "Missing parameter: code_challenge_method");
		response = client.post(endpoint, Map.of("client_id", ProviderClient.CLIENT_ID, "scope", "openid api://app/read",
				"code_challenge_method", "plain", "code_challenge", "x".repeat(43)));
		assertThat(ProviderClient.json(response)).containsEntry("error_description",
				"Invalid parameter: code_challenge_method");
	}

	@Test
	void devicePollWhenVerifierMissingOrWrongThenRefusedAndWithItThenTokens() {
		CodeVerifier verifier = new CodeVerifier();
		Map<String, Object> device = ProviderClient.json(client.post(
				URI.create((String) discovery.get("device_authorization_endpoint")),
				Map.of("client_id", ProviderClient.CLIENT_ID, "scope", "openid offline_access api://app/read",
						"code_challenge_method", "S256", "code_challenge",
						CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue())));
		ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!").completeDeviceCode((String) device.get("user_code"));
		URI token = URI.create((String) discovery.get("token_endpoint"));
		Map<String, String> poll = Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "client_id",
				ProviderClient.CLIENT_ID, "device_code", (String) device.get("device_code"));
		HttpResponse<String> without = client.post(token, poll);
		assertThat(without.statusCode()).isEqualTo(400);
		assertThat(ProviderClient.json(without)).containsEntry("error", "invalid_grant")
			.containsEntry("error_description", "PKCE verification failed: Invalid code verifier");
		Map<String, String> wrong = new java.util.HashMap<>(poll);
		wrong.put("code_verifier", new CodeVerifier().getValue());
		assertThat(client.post(token, wrong).statusCode()).isEqualTo(400);
		Map<String, String> right = new java.util.HashMap<>(poll);
		right.put("code_verifier", verifier.getValue());
		HttpResponse<String> response = client.post(token, right);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(ProviderClient.json(response)).containsKeys("access_token", "refresh_token");
	}

	@Test
	void anyEndpointWhenRealmUnknownThenNotFoundAsKeycloakAnswers() {
		HttpResponse<String> discoveryOfUnknown = client
			.get(URI.create(provider.baseUri() + "/no-such-realm/.well-known/openid-configuration"));
		assertThat(discoveryOfUnknown.statusCode()).isEqualTo(404);
		assertThat(discoveryOfUnknown.body()).isEqualTo("{\"error\":\"Realm does not exist\"}");
		HttpResponse<String> token = client.post(
				URI.create(provider.baseUri() + "/no-such-realm/protocol/openid-connect/token"),
				Map.of("grant_type", "refresh_token"));
		assertThat(token.statusCode()).isEqualTo(404);
	}

	@Test
	void revocationWhenRefreshTokenRevokedThenRefusedAfterwardsAndUnknownTokensAreIgnored() {
		assertThat(discovery).containsEntry("revocation_endpoint", provider.issuer() + "/protocol/openid-connect/revoke");
		CodeVerifier verifier = new CodeVerifier();
		URI authorize = URI.create(discovery.get("authorization_endpoint") + "?client_id=" + ProviderClient.CLIENT_ID
				+ "&response_type=code&redirect_uri=" + ProviderClient.REDIRECT_URI
				+ "&scope=openid+offline_access+api%3A%2F%2Fapp%2Fread&state=s&code_challenge_method=S256"
				+ "&code_challenge=" + CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue());
		AuthorizationOutcome outcome = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!").signIn(authorize);
		URI token = URI.create((String) discovery.get("token_endpoint"));
		Map<String, Object> tokens = ProviderClient.json(client.post(token, Map.of("grant_type", "authorization_code",
				"client_id", ProviderClient.CLIENT_ID, "code", outcome.code(), "redirect_uri",
				ProviderClient.REDIRECT_URI, "code_verifier", verifier.getValue())));
		String refreshToken = (String) tokens.get("refresh_token");
		URI revoke = URI.create((String) discovery.get("revocation_endpoint"));
		assertThat(client.post(revoke, Map.of("token", "not-a-token", "client_id", ProviderClient.CLIENT_ID))
			.statusCode()).isEqualTo(200);
		assertThat(client.post(revoke, Map.of("token", refreshToken, "token_type_hint", "refresh_token", "client_id",
				"another-client")).statusCode()).isEqualTo(400);
		HttpResponse<String> revoked = client.post(revoke,
				Map.of("token", refreshToken, "token_type_hint", "refresh_token", "client_id", ProviderClient.CLIENT_ID));
		assertThat(revoked.statusCode()).isEqualTo(200);
		HttpResponse<String> refresh = client.post(token, Map.of("grant_type", "refresh_token", "client_id",
				ProviderClient.CLIENT_ID, "refresh_token", refreshToken));
		assertThat(refresh.statusCode()).isEqualTo(400);
		assertThat(ProviderClient.json(refresh)).containsEntry("error", "invalid_grant");
		assertThat(provider.requests().to(Endpoint.REVOCATION)).extracting((request) -> request.parameter("token"))
			.containsOnly(RecordedRequest.REDACTED);
	}

	@Test
	void msalWithoutAdaptationsWhenRedeemingCodeThenFailsAsAgainstKeycloak() throws Exception {
		PublicClientApplication application = PublicClientApplication.builder(ProviderClient.CLIENT_ID)
			.oidcAuthority(provider.authority())
			.sslSocketFactory(provider.sslContext().getSocketFactory())
			.build();
		CodeVerifier verifier = new CodeVerifier();
		URI authorize = application.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters
			.builder(ProviderClient.REDIRECT_URI, Set.of("api://app/read"))
			.responseMode(ResponseMode.QUERY)
			.codeChallenge(com.nimbusds.oauth2.sdk.pkce.CodeChallenge.compute(CodeChallengeMethod.S256, verifier)
				.getValue())
			.codeChallengeMethod("S256")
			.build()).toURI();
		AuthorizationOutcome outcome = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!").signIn(authorize);
		assertThat(outcome.isSuccess()).isTrue();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> application
			.acquireToken(AuthorizationCodeParameters.builder(outcome.code(), URI.create(ProviderClient.REDIRECT_URI))
				.codeVerifier(verifier.getValue())
				.scopes(Set.of("api://app/read"))
				.build())
			.get(30, TimeUnit.SECONDS));
		assertThat(provider.requests().to(Endpoint.OTHER)).extracting(RecordedRequest::path)
			.contains("/" + provider.tenantId() + "/oauth2/v2.0/token");
		assertThat(provider.requests().count(Endpoint.TOKEN)).isZero();
	}

}
