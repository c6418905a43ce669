package dev.desktopidentity.test;

import java.net.http.HttpResponse;
import java.util.Map;

import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Consent, when it is not pre-granted.
 */
class ConsentTests {

	private static LocalIdentityProvider provider;

	private static ProviderClient client;

	@BeforeAll
	static void start() {
		provider = LocalIdentityProvider.builder()
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.user("bob@contoso.test", "Passw0rd!", "Bob Example")
			.user("dave@contoso.test", "Passw0rd!", "Dave Example")
			.user("erin@contoso.test", "Passw0rd!", "Erin Example")
			.user("frank@contoso.test", "Passw0rd!", "Frank Example")
			.consentPreGranted(false)
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
	void authorizeWhenConsentMissingThenConsentPageListsScopes() {
		HttpResponse<String> signIn = client.get(client.authorizeUrl(new CodeVerifier()));
		HtmlPage.Form form = HtmlPage.of(signIn).form();
		HttpResponse<String> consent = client.post(form.action(),
				form.submission(Map.of("username", "frank@contoso.test", "password", "Passw0rd!"), null));
		assertThat(HtmlPage.of(consent).kind()).isEqualTo("consent");
		assertThat(consent.body()).contains("<title>Permissions requested</title>")
			.contains("<li>api://app/read</li>")
			.contains("<li>offline_access</li>")
			.contains("<button type=\"submit\" name=\"consent\" value=\"accept\">Accept</button>")
			.contains("<button type=\"submit\" name=\"consent\" value=\"deny\" class=\"secondary\">Cancel</button>");
		HtmlPage.Form consentForm = HtmlPage.of(consent).form();
		HttpResponse<String> redirect = client.post(consentForm.action(),
				consentForm.submission(Map.of(), consentForm.button("consent", "accept")));
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).startsWith(ProviderClient.REDIRECT_URI + "?code="));
	}

	@Test
	void authorizeWhenConsentGivenBeforeThenNoConsentPage() {
		ScriptedUser bob = ScriptedUser.of(provider, "bob@contoso.test", "Passw0rd!");
		bob.signIn(client.authorizeUrl(new CodeVerifier()));
		provider.requests().reset();
		AuthorizationOutcome again = ScriptedUser.of(provider, "bob@contoso.test", "Passw0rd!")
			.signIn(client.authorizeUrl(new CodeVerifier()));
		assertThat(again.isSuccess()).isTrue();
		assertThat(provider.requests().count(Endpoint.SIGN_IN)).isEqualTo(1);
	}

	@Test
	void authorizeWhenUserCancelsConsentThenAccessDeniedWithState() {
		ScriptedUser dave = ScriptedUser.of(provider, "dave@contoso.test", "Passw0rd!").declineConsent();
		AuthorizationOutcome outcome = dave.signIn(client.authorizeUrl(new CodeVerifier()));
		assertThat(outcome.error()).isEqualTo("access_denied");
		assertThat(outcome.errorDescription())
			.startsWith("AADSTS65004: User declined to consent to access the app.");
		assertThat(outcome.state()).isEqualTo("state-1");
	}

	@Test
	void authorizeWhenDenyConsentHookThenAccessDeniedWithoutConsentPage() {
		provider.denyConsent("erin@contoso.test");
		AuthorizationOutcome outcome = ScriptedUser.of(provider, "erin@contoso.test", "Passw0rd!")
			.signIn(client.authorizeUrl(new CodeVerifier()));
		assertThat(outcome.error()).isEqualTo("access_denied");
		assertThat(outcome.state()).isEqualTo("state-1");
	}

	@Test
	void authorizeWhenPromptNoneAndConsentMissingThenConsentRequired() {
		ScriptedUser alice = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!");
		alice.signIn(client.authorizeUrl(new CodeVerifier()));
		AuthorizationOutcome outcome = alice.signIn(client.authorizeUrl(new CodeVerifier(),
				(builder) -> builder.customParameter("prompt", "none").scope(
						com.nimbusds.oauth2.sdk.Scope.parse("api://other/write openid"))));
		assertThat(outcome.error()).isEqualTo("consent_required");
		assertThat(outcome.errorDescription()).startsWith("AADSTS65001:");
	}

	@Test
	void tokenWhenRefreshAsksForScopeWithoutConsentThenConsentRequired() {
		Map<String, Object> tokens = client.signInAndRedeem(ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!"));
		HttpResponse<String> response = client.refresh((String) tokens.get("refresh_token"),
				"api://other/write openid profile offline_access");
		assertThat(ProviderClient.json(response)).containsEntry("error", "invalid_grant")
			.containsEntry("suberror", "consent_required");
		HttpResponse<String> retry = client.refresh((String) tokens.get("refresh_token"), ProviderClient.SCOPE);
		assertThat(retry.statusCode()).isEqualTo(200);
	}

	@Test
	void signInWhenDeclineScriptedButNoConsentPageThenFails() {
		ScriptedUser bob = ScriptedUser.of(provider, "bob@contoso.test", "Passw0rd!");
		bob.signIn(client.authorizeUrl(new CodeVerifier()));
		assertThatIllegalStateException()
			.isThrownBy(() -> bob.declineConsent().signIn(client.authorizeUrl(new CodeVerifier())))
			.withMessageContaining("consent page");
	}

}
