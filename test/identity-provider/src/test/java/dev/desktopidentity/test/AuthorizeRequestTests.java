package dev.desktopidentity.test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validation of authorization requests and the sign-in form.
 */
class AuthorizeRequestTests {

	private static LocalIdentityProvider provider;

	private static ProviderClient client;

	@BeforeAll
	static void start() {
		provider = LocalIdentityProvider.builder()
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.client("registered-client", "http://localhost/callback", "https://app.contoso.test/signin")
			.acceptAnyClient(false)
			.client(ProviderClient.CLIENT_ID, ProviderClient.REDIRECT_URI)
			.start();
		client = new ProviderClient(provider);
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
	void authorizeWhenValidThenSignInFormWithStandardMarkup() {
		HttpResponse<String> response = client.get(client.authorizeUrl(new CodeVerifier()));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
		assertThat(response.body()).contains("<title>Sign in</title>")
			.contains("<form method=\"post\" action=\"/" + provider.tenantId() + "/login\">")
			.contains("<label for=\"username\">")
			.contains("name=\"username\" type=\"text\" autocomplete=\"username\"")
			.contains("name=\"password\" type=\"password\" autocomplete=\"current-password\"")
			.contains("<input type=\"hidden\" name=\"transaction\"")
			.contains("<button type=\"submit\">Sign in</button>")
			.doesNotContain("state-1")
			.doesNotContain("nonce-1");
	}

	@Test
	void authorizeWhenLoginHintThenUsernamePrefilled() {
		HttpResponse<String> response = client.get(client.authorizeUrl(new CodeVerifier(),
				(builder) -> builder.customParameter("login_hint", "alice@contoso.test")
					.customParameter("domain_hint", "contoso.test")));
		assertThat(response.body()).contains("name=\"username\" type=\"text\" autocomplete=\"username\""
				+ " autocapitalize=\"none\" spellcheck=\"false\" value=\"alice@contoso.test\"")
			.contains("Signing in to contoso.test");
	}

	@Test
	void authorizeWhenUnknownParametersThenRecorded() {
		client.get(client.authorizeUrl(new CodeVerifier(), (builder) -> builder.customParameter("x-app-flavour", "blue")));
		assertThat(provider.requests().lastAuthorizeParameters()).containsEntry("x-app-flavour", "blue")
			.containsEntry("client_id", ProviderClient.CLIENT_ID)
			.containsEntry("code_challenge_method", "S256");
		assertThat(provider.requests().count(Endpoint.AUTHORIZE)).isEqualTo(1);
	}

	@Test
	void authorizeWhenClientUnknownThenErrorPageAndNoRedirect() {
		HttpResponse<String> response = client.get(client.authorizeUrl("unknown-client", new CodeVerifier(), (builder) -> {
		}));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.body()).contains("AADSTS700016");
	}

	@Test
	void authorizeWhenRedirectUriNotRegisteredThenErrorPageAndNoRedirect() {
		HttpResponse<String> response = client.get(client.authorizeUrl(new CodeVerifier(),
				(builder) -> builder.redirectionURI(URI.create("https://evil.example/steal"))));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.body()).contains("AADSTS50011");
	}

	@Test
	void authorizeWhenRegisteredLoopbackRedirectWithOtherPortThenAccepted() {
		HttpResponse<String> response = client.get(client.authorizeUrl("registered-client", new CodeVerifier(),
				(builder) -> builder.redirectionURI(URI.create("http://127.0.0.1:51234/callback"))));
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void authorizeWhenRegisteredLoopbackRedirectWithOtherPathThenErrorPage() {
		HttpResponse<String> response = client.get(client.authorizeUrl("registered-client", new CodeVerifier(),
				(builder) -> builder.redirectionURI(URI.create("http://localhost:51234/other"))));
		assertThat(response.body()).contains("AADSTS50011");
	}

	@Test
	void authorizeWhenRegisteredHttpsRedirectNotExactThenErrorPage() {
		HttpResponse<String> response = client.get(client.authorizeUrl("registered-client", new CodeVerifier(),
				(builder) -> builder.redirectionURI(URI.create("https://app.contoso.test:8443/signin"))));
		assertThat(response.body()).contains("AADSTS50011");
	}

	@Test
	void authorizeWhenCodeChallengeMissingThenInvalidRequestToRedirectUri() {
		URI url = URI.create(client.endpoint("oauth2/v2.0/authorize") + "?client_id=" + ProviderClient.CLIENT_ID
				+ "&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A8400%2F&scope=openid&state=s1");
		Map<String, String> redirect = redirectParameters(client.get(url));
		assertThat(redirect).containsEntry("error", "invalid_request").containsEntry("state", "s1");
		assertThat(redirect.get("error_description")).startsWith("AADSTS900144:").contains("code_challenge");
	}

	@Test
	void authorizeWhenPlainCodeChallengeThenInvalidRequest() {
		URI url = URI.create(client.endpoint("oauth2/v2.0/authorize") + "?client_id=" + ProviderClient.CLIENT_ID
				+ "&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A8400%2F&scope=openid&state=s1"
				+ "&code_challenge=" + new CodeVerifier().getValue() + "&code_challenge_method=plain");
		Map<String, String> redirect = redirectParameters(client.get(url));
		assertThat(redirect).containsEntry("error", "invalid_request");
		assertThat(redirect.get("error_description")).contains("code_challenge_method");
	}

	@Test
	void authorizeWhenClaimsMalformedThenInvalidRequest() {
		Map<String, String> redirect = redirectParameters(client.get(client.authorizeUrl(new CodeVerifier(),
				(builder) -> builder.customParameter("claims", "{not json"))));
		assertThat(redirect).containsEntry("error", "invalid_request").containsEntry("state", "state-1");
		assertThat(redirect.get("error_description")).contains("claims");
	}

	@Test
	void authorizeWhenResponseTypeTokenThenUnsupportedResponseType() {
		URI url = client.authorizeUrl(new CodeVerifier());
		URI token = URI.create(url.toString().replace("response_type=code", "response_type=token"));
		assertThat(redirectParameters(client.get(token))).containsEntry("error", "unsupported_response_type");
	}

	@Test
	void authorizeWhenTenantUnknownThenErrorPage() {
		URI url = client.authorizeUrl(new CodeVerifier());
		URI otherTenant = URI.create(url.toString().replace(provider.tenantId(), "fabrikam.test"));
		HttpResponse<String> response = client.get(otherTenant);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("AADSTS90002");
	}

	@Test
	void signInWhenPasswordWrongThenFormAgainWithError() {
		ScriptedUser mallory = ScriptedUser.of(provider, "alice@contoso.test", "wrong");
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> mallory.signIn(client.authorizeUrl(new CodeVerifier())))
			.withMessageContaining("Your account or password is incorrect.");
		assertThat(provider.requests().count(Endpoint.SIGN_IN)).isEqualTo(1);
		assertThat(provider.requests().to(Endpoint.SIGN_IN).get(0).parameters()).containsEntry("password",
				RecordedRequest.REDACTED);
	}

	private static Map<String, String> redirectParameters(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(302);
		URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
		assertThat(location.toString()).startsWith(ProviderClient.REDIRECT_URI);
		return ProviderClient.queryParameters(location);
	}

}
