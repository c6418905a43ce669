package dev.desktopidentity.test;

import java.net.URI;
import java.net.http.HttpResponse;

import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The {@code prompt} values and browser sessions.
 */
class PromptTests {

	private static LocalIdentityProvider provider;

	private static ProviderClient client;

	private ScriptedUser alice;

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

	@BeforeEach
	void newBrowser() {
		provider.requests().reset();
		this.alice = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!");
	}

	@Test
	void authorizeWhenPromptNoneWithoutSessionThenLoginRequired() {
		AuthorizationOutcome outcome = this.alice.signIn(url("none"));
		assertThat(outcome.error()).isEqualTo("login_required");
		assertThat(outcome.errorDescription()).startsWith("AADSTS50058:");
		assertThat(outcome.state()).isEqualTo("state-1");
	}

	@Test
	void authorizeWhenPromptNoneWithSessionThenCodeWithoutPages() {
		this.alice.signIn(url(null));
		AuthorizationOutcome outcome = this.alice.signIn(url("none"));
		assertThat(outcome.isSuccess()).isTrue();
		assertThat(provider.requests().count(Endpoint.SIGN_IN)).isEqualTo(1);
	}

	@Test
	void authorizeWhenNoPromptWithSessionThenSignsInSilently() {
		this.alice.signIn(url(null));
		assertThat(this.alice.signIn(url(null)).isSuccess()).isTrue();
		assertThat(provider.requests().count(Endpoint.AUTHORIZE)).isEqualTo(2);
		assertThat(provider.requests().count(Endpoint.SIGN_IN)).isEqualTo(1);
	}

	@Test
	void authorizeWhenNoPromptWithoutSessionThenPasswordForm() {
		HttpResponse<String> response = client.get(url(null));
		assertThat(response.body()).contains("data-page=\"sign-in\"");
	}

	@Test
	void authorizeWhenPromptLoginWithSessionThenPasswordFormAgain() {
		this.alice.signIn(url(null));
		assertThat(this.alice.signIn(url("login")).isSuccess()).isTrue();
		assertThat(provider.requests().count(Endpoint.SIGN_IN)).isEqualTo(2);
	}

	@Test
	void authorizeWhenPromptSelectAccountThenPickerOffersSignedInAccounts() {
		this.alice.signIn(url(null));
		ScriptedUser bob = this.alice.as("bob@contoso.test", "Passw0rd!");
		AuthorizationOutcome bobOutcome = bob.signIn(url("select_account"));
		assertThat(bobOutcome.isSuccess()).isTrue();
		AuthorizationOutcome chosen = bob.chooseAccount("alice@contoso.test").signIn(url("select_account"));
		assertThat(chosen.isSuccess()).isTrue();
		String user = (String) ProviderClient.json(client.redeem(chosen.code(), verifier)).get("id_token");
		assertThat(client.verify(user).getClaims()).containsEntry("preferred_username", "alice@contoso.test");
	}

	@Test
	void authorizeWhenPromptNoneWithTwoAccountsThenInteractionRequired() {
		this.alice.signIn(url(null));
		this.alice.as("bob@contoso.test", "Passw0rd!").signIn(url("login"));
		AuthorizationOutcome outcome = this.alice.signIn(url("none"));
		assertThat(outcome.error()).isEqualTo("interaction_required");
	}

	@Test
	void authorizeWhenPromptCreateThenSignUpCreatesUser() {
		ScriptedUser carol = ScriptedUser.of(provider, "carol@contoso.test", "Passw0rd!").signUp("Carol Example");
		AuthorizationOutcome outcome = carol.signIn(url("create"));
		assertThat(outcome.isSuccess()).isTrue();
		assertThat(provider.user("carol@contoso.test").displayName()).isEqualTo("Carol Example");
	}

	@Test
	void authorizeWhenPromptCreateNotScriptedThenFailsNamingThePage() {
		assertThatIllegalStateException().isThrownBy(() -> this.alice.signIn(url("create")))
			.withMessageContaining("Create account")
			.withMessageContaining("signUp(displayName)");
	}

	@Test
	void authorizeWhenPromptConsentThenConsentPageEvenIfPreGranted() {
		this.alice.signIn(url(null));
		assertThat(this.alice.declineConsent().signIn(url("consent")).error()).isEqualTo("access_denied");
	}

	@Test
	void authorizeWhenPromptUnknownThenInvalidRequest() {
		assertThat(this.alice.signIn(url("sometimes")).error()).isEqualTo("invalid_request");
	}

	private final CodeVerifier verifier = new CodeVerifier();

	private URI url(String prompt) {
		return client.authorizeUrl(this.verifier, (builder) -> {
			if (prompt != null) {
				builder.customParameter("prompt", prompt);
			}
		});
	}

}
