package dev.desktopidentity.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The device code flow.
 */
class DeviceCodeFlowTests {

	private static LocalIdentityProvider provider;

	private static ProviderClient client;

	@BeforeAll
	static void start() {
		provider = LocalIdentityProvider.builder()
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.deviceCodePollingInterval(Duration.ofSeconds(1))
			.start();
		client = new ProviderClient(provider);
	}

	@AfterAll
	static void stop() {
		provider.close();
	}

	@Test
	void deviceCodeWhenRequestedWithoutContentTypeThenCodes() {
		Map<String, Object> codes = requestCodes();
		assertThat(codes).containsKeys("device_code", "user_code", "message")
			.containsEntry("verification_uri", provider.deviceVerificationUri().toString())
			.containsEntry("interval", 1L)
			.containsEntry("expires_in", 900L);
		assertThat((String) codes.get("user_code")).matches("[B-DF-HJ-NP-TV-XZ2-9]{9}");
		assertThat((String) codes.get("message")).isEqualTo("To sign in, use a web browser to open the page "
				+ provider.deviceVerificationUri() + " and enter the code " + codes.get("user_code")
				+ " to authenticate.");
		assertThat(provider.requests().to(Endpoint.DEVICE_CODE).get(0).parameters()).containsEntry("client_id",
				ProviderClient.CLIENT_ID);
	}

	@Test
	void tokenWhenUserHasNotSignedInThenAuthorizationPending() {
		HttpResponse<String> response = poll(requestCodes(), "device_code");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(ProviderClient.json(response)).containsEntry("error", "authorization_pending");
		assertThat((String) ProviderClient.json(response).get("error_description")).startsWith("AADSTS70016:");
	}

	@Test
	void tokenWhenUserCompletedThenTokensOnceWithMsalGrantType() {
		Map<String, Object> codes = requestCodes();
		ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!").completeDeviceCode(userCode(codes).toLowerCase());
		HttpResponse<String> response = poll(codes, "device_code");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> tokens = ProviderClient.json(response);
		assertThat(client.verify((String) tokens.get("id_token")).getClaims()).containsEntry("preferred_username",
				"alice@contoso.test");
		assertThat(tokens).containsKey("refresh_token");
		assertThat(ProviderClient.json(poll(codes, "device_code"))).containsEntry("error", "invalid_grant");
	}

	@Test
	void tokenWhenUserCompletedThenTokensWithRfc8628GrantType() {
		Map<String, Object> codes = requestCodes();
		ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!").completeDeviceCode(userCode(codes));
		assertThat(poll(codes, "urn:ietf:params:oauth:grant-type:device_code").statusCode()).isEqualTo(200);
	}

	@Test
	void tokenWhenUserDeclinedThenAuthorizationDeclined() {
		Map<String, Object> codes = requestCodes();
		ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!").declineDeviceCode(userCode(codes));
		assertThat(ProviderClient.json(poll(codes, "device_code"))).containsEntry("error", "authorization_declined");
	}

	@Test
	void tokenWhenDeviceCodeExpiredThenExpiredToken() {
		Map<String, Object> codes = requestCodes();
		provider.expireTokens();
		HttpResponse<String> response = poll(codes, "device_code");
		assertThat(ProviderClient.json(response)).containsEntry("error", "expired_token");
		assertThat((String) ProviderClient.json(response).get("error_description")).startsWith("AADSTS70020:");
		assertThatIllegalStateException()
			.isThrownBy(() -> ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!")
				.completeDeviceCode(userCode(codes)))
			.withMessageContaining("That code didn't work");
	}

	@Test
	void tokenWhenDeviceCodeUnknownThenBadVerificationCode() {
		HttpResponse<String> response = poll(Map.of("device_code", "unknown"), "device_code");
		assertThat(ProviderClient.json(response)).containsEntry("error", "bad_verification_code");
	}

	@Test
	void verificationWhenUserCodeWrongThenPageSaysSo() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!").completeDeviceCode("BBBBBBBBB"))
			.withMessageContaining("That code didn't work. Check the code and try again.");
	}

	@Test
	void verificationWhenOpenedThenCodeFormAndConfirmationPage() {
		Map<String, Object> codes = requestCodes();
		HttpResponse<String> page = client.get(provider.deviceVerificationUri());
		assertThat(page.body()).contains("<input id=\"user_code\" name=\"user_code\" type=\"text\"");
		HtmlPage.Form form = HtmlPage.of(page).form();
		HttpResponse<String> signIn = client.post(form.action(), form.submission(Map.of("user_code", userCode(codes)), null));
		HtmlPage.Form signInForm = HtmlPage.of(signIn).form();
		HttpResponse<String> confirm = client.post(signInForm.action(),
				signInForm.submission(Map.of("username", "alice@contoso.test", "password", "Passw0rd!"), null));
		assertThat(confirm.body()).contains("Are you trying to sign in to " + ProviderClient.CLIENT_ID + "?")
			.contains("name=\"consent\" value=\"deny\"");
	}

	private static Map<String, Object> requestCodes() {
		HttpResponse<String> response = client.postWithoutContentType(client.endpoint("oauth2/v2.0/devicecode"),
				Map.of("client_id", ProviderClient.CLIENT_ID, "scope", ProviderClient.SCOPE));
		assertThat(response.statusCode()).isEqualTo(200);
		return ProviderClient.json(response);
	}

	private static HttpResponse<String> poll(Map<String, Object> codes, String grantType) {
		return client.token(Map.of("grant_type", grantType, "client_id", ProviderClient.CLIENT_ID, "device_code",
				(String) codes.get("device_code")));
	}

	private static String userCode(Map<String, Object> codes) {
		return (String) codes.get("user_code");
	}

}
