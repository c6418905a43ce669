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
 * {@code client_info}, RFC 8628 device grant only.
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
		Map<String, String> form = Map.of("client_id", ProviderClient.CLIENT_ID, "scope", "openid api://app/read");
		assertThat(client.postWithoutContentType(endpoint, form).statusCode()).isEqualTo(400);
		HttpResponse<String> response = client.post(endpoint, form);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(ProviderClient.json(response))
			.containsKeys("device_code", "user_code", "verification_uri", "verification_uri_complete", "expires_in")
			.doesNotContainKey("message");
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
