package dev.desktopidentity.test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization code flow with PKCE against a real provider over HTTPS.
 */
class AuthorizationCodeFlowTests {

	private static LocalIdentityProvider provider;

	private static ProviderClient client;

	private ScriptedUser alice;

	@BeforeAll
	static void start() {
		provider = LocalIdentityProvider.builder().user("alice@contoso.test", "Passw0rd!", "Alice Example").start();
		client = new ProviderClient(provider);
	}

	@AfterAll
	static void stop() {
		provider.close();
	}

	@BeforeEach
	void reset() {
		provider.requests().reset();
		this.alice = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!");
	}

	@Test
	void authorizeWhenUserSignsInThenRedirectsWithCodeAndState() {
		AuthorizationOutcome outcome = this.alice.signIn(client.authorizeUrl(new CodeVerifier()));
		assertThat(outcome.responseMode()).isEqualTo("query");
		assertThat(outcome.redirectUri().toString()).startsWith(ProviderClient.REDIRECT_URI + "?");
		assertThat(outcome.code()).hasSizeGreaterThanOrEqualTo(43);
		assertThat(outcome.state()).isEqualTo("state-1");
		assertThat(outcome.error()).isNull();
	}

	@Test
	void authorizeWhenFormPostThenAutoSubmittingFormToRedirectUri() {
		URI url = client.authorizeUrl(new CodeVerifier(), (builder) -> builder.responseMode(ResponseMode.FORM_POST));
		AuthorizationOutcome outcome = this.alice.signIn(url);
		assertThat(outcome.responseMode()).isEqualTo("form_post");
		assertThat(outcome.redirectUri()).isEqualTo(URI.create(ProviderClient.REDIRECT_URI));
		assertThat(outcome.parameters()).containsKeys("code", "state");
	}

	@Test
	void tokenWhenCodeAndVerifierValidThenSignedTokensForUser() throws Exception {
		CodeVerifier verifier = new CodeVerifier();
		AuthorizationOutcome outcome = this.alice.signIn(client.authorizeUrl(verifier));
		HttpResponse<String> response = client.redeem(outcome.code(), verifier);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		Map<String, Object> tokens = ProviderClient.json(response);
		assertThat(tokens).containsEntry("token_type", "Bearer")
			.containsEntry("scope", ProviderClient.SCOPE)
			.containsEntry("expires_in", 3600L)
			.containsEntry("ext_expires_in", 3600L)
			.containsKeys("access_token", "refresh_token", "id_token", "client_info");
		LocalUser user = provider.user("alice@contoso.test");
		JWTClaimsSet id = client.verify((String) tokens.get("id_token"));
		assertThat(id.getIssuer()).isEqualTo(provider.issuer());
		assertThat(id.getAudience()).containsExactly(ProviderClient.CLIENT_ID);
		assertThat(id.getClaims()).containsEntry("nonce", "nonce-1")
			.containsEntry("oid", user.objectId().toString())
			.containsEntry("tid", provider.tenantId())
			.containsEntry("name", "Alice Example")
			.containsEntry("preferred_username", "alice@contoso.test")
			.containsEntry("ver", "2.0");
		JWTClaimsSet access = client.verify((String) tokens.get("access_token"));
		assertThat(access.getAudience()).containsExactly("api://app");
		assertThat(access.getClaims()).containsEntry("scp", "read")
			.containsEntry("azp", ProviderClient.CLIENT_ID)
			.containsEntry("oid", user.objectId().toString());
		assertThat(access.getSubject()).isEqualTo(id.getSubject());
		String clientInfo = new String(Base64.getUrlDecoder().decode((String) tokens.get("client_info")),
				StandardCharsets.UTF_8);
		assertThat(JSONObjectUtils.parse(clientInfo)).containsEntry("uid", user.objectId().toString())
			.containsEntry("utid", provider.tenantId());
	}

	@Test
	void tokenWhenSameUserSignsInAgainThenSubjectIsStable() {
		String first = (String) client.signInAndRedeem(this.alice).get("id_token");
		String second = (String) client.signInAndRedeem(this.alice).get("id_token");
		assertThat(client.verify(second).getSubject()).isEqualTo(client.verify(first).getSubject());
	}

	@Test
	void tokenWhenVerifierDoesNotMatchThenInvalidGrant() {
		AuthorizationOutcome outcome = this.alice.signIn(client.authorizeUrl(new CodeVerifier()));
		HttpResponse<String> response = client.redeem(outcome.code(), new CodeVerifier());
		assertThat(response.statusCode()).isEqualTo(400);
		Map<String, Object> error = ProviderClient.json(response);
		assertThat(error).containsEntry("error", "invalid_grant").containsKeys("trace_id", "correlation_id", "timestamp");
		assertThat((String) error.get("error_description")).startsWith("AADSTS501481: The Code_Verifier does not match");
		assertThat(error.get("error_codes")).asList().containsExactly(501481L);
	}

	@Test
	void tokenWhenVerifierMissingThenInvalidGrant() {
		AuthorizationOutcome outcome = this.alice.signIn(client.authorizeUrl(new CodeVerifier()));
		HttpResponse<String> response = client.token(Map.of("grant_type", "authorization_code", "client_id",
				ProviderClient.CLIENT_ID, "code", outcome.code(), "redirect_uri", ProviderClient.REDIRECT_URI));
		assertThat(ProviderClient.json(response).get("error_codes")).asList().containsExactly(501481L);
	}

	@Test
	void tokenWhenCodeReplayedThenInvalidGrantAndRefreshTokensRevoked() {
		CodeVerifier verifier = new CodeVerifier();
		AuthorizationOutcome outcome = this.alice.signIn(client.authorizeUrl(verifier));
		Map<String, Object> tokens = ProviderClient.json(client.redeem(outcome.code(), verifier));
		HttpResponse<String> replay = client.redeem(outcome.code(), verifier);
		assertThat(replay.statusCode()).isEqualTo(400);
		assertThat(ProviderClient.json(replay)).containsEntry("error", "invalid_grant");
		assertThat((String) ProviderClient.json(replay).get("error_description")).startsWith("AADSTS54005:");
		HttpResponse<String> refresh = client.refresh((String) tokens.get("refresh_token"), ProviderClient.SCOPE);
		assertThat(ProviderClient.json(refresh)).containsEntry("error", "invalid_grant")
			.containsEntry("suberror", "bad_token");
	}

	@Test
	void tokenWhenCodeUnknownThenInvalidGrant() {
		HttpResponse<String> response = client.redeem("not-a-code", new CodeVerifier());
		assertThat(ProviderClient.json(response)).containsEntry("error", "invalid_grant");
		assertThat((String) ProviderClient.json(response).get("error_description")).startsWith("AADSTS70000:");
	}

	@Test
	void tokenWhenCodeExpiredThenInvalidGrant() {
		CodeVerifier verifier = new CodeVerifier();
		AuthorizationOutcome outcome = this.alice.signIn(client.authorizeUrl(verifier));
		provider.expireTokens();
		HttpResponse<String> response = client.redeem(outcome.code(), verifier);
		assertThat((String) ProviderClient.json(response).get("error_description")).startsWith("AADSTS70008:");
	}

	@Test
	void tokenWhenRedirectUriDiffersThenInvalidGrant() {
		CodeVerifier verifier = new CodeVerifier();
		AuthorizationOutcome outcome = this.alice.signIn(client.authorizeUrl(verifier));
		HttpResponse<String> response = client.token(Map.of("grant_type", "authorization_code", "client_id",
				ProviderClient.CLIENT_ID, "code", outcome.code(), "redirect_uri", "http://localhost:9999/",
				"code_verifier", verifier.getValue()));
		assertThat(ProviderClient.json(response)).containsEntry("error", "invalid_grant");
		assertThat((String) ProviderClient.json(response).get("error_description")).startsWith("AADSTS500112:");
	}

	@Test
	void tokenWhenClientSecretPresentedThenInvalidClient() {
		HttpResponse<String> response = client.token(Map.of("grant_type", "authorization_code", "client_id",
				ProviderClient.CLIENT_ID, "client_secret", "s3cret", "code", "x"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(ProviderClient.json(response)).containsEntry("error", "invalid_client");
	}

	@Test
	void tokenWhenGetThenPostRequired() {
		HttpResponse<String> response = client.get(client.endpoint("oauth2/v2.0/token"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat((String) ProviderClient.json(response).get("error_description")).startsWith("AADSTS900561:");
	}

	@Test
	void tokenWhenGrantTypeUnknownThenUnsupportedGrantType() {
		HttpResponse<String> response = client.token(Map.of("grant_type", "password", "client_id",
				ProviderClient.CLIENT_ID, "username", "alice@contoso.test", "password", "Passw0rd!"));
		assertThat(ProviderClient.json(response)).containsEntry("error", "unsupported_grant_type");
	}

	@Test
	void tokenWhenClientRequestIdSentThenCorrelationIdEchoed() {
		String correlationId = "5b0f7e52-8c36-4d7e-9a43-0ad9b7d3f6a1";
		HttpResponse<String> response = client.send(java.net.http.HttpRequest.newBuilder(client.endpoint("oauth2/v2.0/token"))
			.header("client-request-id", correlationId)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=c&code=x"))
			.build());
		assertThat(ProviderClient.json(response)).containsEntry("correlation_id", correlationId);
		assertThat((String) ProviderClient.json(response).get("error_description"))
			.contains("Correlation ID: " + correlationId);
	}

	@Test
	void tokenWhenClaimsRequestClientCapabilityThenAccessTokenHasXmsCc() {
		CodeVerifier verifier = new CodeVerifier();
		String claims = "{\"access_token\":{\"xms_cc\":{\"values\":[\"cp1\"]}}}";
		AuthorizationOutcome outcome = this.alice
			.signIn(client.authorizeUrl(verifier, (builder) -> builder.customParameter("claims", claims)));
		Map<String, Object> tokens = ProviderClient.json(client.redeem(outcome.code(), verifier));
		assertThat(client.verify((String) tokens.get("access_token")).getClaims()).containsKey("xms_cc");
		assertThat(provider.requests().lastAuthorizeParameters()).containsEntry("claims", claims);
	}

}
