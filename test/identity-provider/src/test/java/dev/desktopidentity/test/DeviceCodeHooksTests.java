package dev.desktopidentity.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LocalIdentityProvider#onDeviceCode},
 * {@link LocalIdentityProvider#expireDeviceCode} and a {@link ScriptedUser} that declines
 * consent on a device code, with which test support completes or ends a device code
 * sign-in as the user would.
 */
class DeviceCodeHooksTests {

	private LocalIdentityProvider provider;

	private ProviderClient client;

	@BeforeEach
	void start() {
		this.provider = LocalIdentityProvider.builder()
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.deviceCodePollingInterval(Duration.ofSeconds(1))
			.start();
		this.client = new ProviderClient(this.provider);
	}

	@AfterEach
	void stop() {
		this.provider.close();
	}

	@Test
	void onDeviceCodeWhenCodeIssuedThenActionGetsItAndCanCompleteIt() throws Exception {
		ScriptedUser alice = ScriptedUser.of(this.provider, "alice@contoso.test", "Passw0rd!");
		CompletableFuture<String> completed = new CompletableFuture<>();
		this.provider.onDeviceCode((userCode) -> {
			try {
				alice.completeDeviceCode(userCode);
				completed.complete(userCode);
			}
			catch (RuntimeException ex) {
				completed.completeExceptionally(ex);
			}
		});
		Map<String, Object> codes = requestCodes();
		assertThat(completed.get(30, TimeUnit.SECONDS)).isEqualTo(codes.get("user_code"));
		assertThat(poll(codes).statusCode()).isEqualTo(200);
	}

	@Test
	void completeDeviceCodeWhenUserDeclinesConsentThenCodeDeclined() {
		Map<String, Object> codes = requestCodes();
		ScriptedUser.of(this.provider, "alice@contoso.test", "Passw0rd!")
			.declineConsent()
			.completeDeviceCode((String) codes.get("user_code"));
		assertThat(ProviderClient.json(poll(codes))).containsEntry("error", "authorization_declined");
	}

	@Test
	void expireDeviceCodeWhenIssuedThenOnlyThatCodeExpires() {
		Map<String, Object> expiring = requestCodes();
		Map<String, Object> other = requestCodes();
		this.provider.expireDeviceCode((String) expiring.get("user_code"));
		assertThat(ProviderClient.json(poll(expiring))).containsEntry("error", "expired_token");
		assertThat(ProviderClient.json(poll(other))).containsEntry("error", "authorization_pending");
	}

	@Test
	void expireDeviceCodeWhenUnknownThenSaysSo() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.provider.expireDeviceCode("BBBBBBBBB"))
			.withMessage("No device authorization has the user code BBBBBBBBB");
	}

	private Map<String, Object> requestCodes() {
		HttpResponse<String> response = this.client.postWithoutContentType(
				this.client.endpoint("oauth2/v2.0/devicecode"),
				Map.of("client_id", ProviderClient.CLIENT_ID, "scope", ProviderClient.SCOPE));
		assertThat(response.statusCode()).isEqualTo(200);
		return ProviderClient.json(response);
	}

	private HttpResponse<String> poll(Map<String, Object> codes) {
		return this.client.token(Map.of("grant_type", "device_code", "client_id", ProviderClient.CLIENT_ID,
				"device_code", (String) codes.get("device_code")));
	}

}
