package dev.desktopidentity.test;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Fault injection and request recording.
 */
class FaultInjectionTests {

	private static LocalIdentityProvider provider;

	private static ProviderClient client;

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
		provider.clearFaults();
		provider.requests().reset();
	}

	@Test
	void tokenWhenServerErrorInjectedThenTemporarilyUnavailableForNextRequestsOnly() {
		provider.injectFault(Endpoint.TOKEN, Fault.serverError(), 2);
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> response = client.refresh("anything", ProviderClient.SCOPE);
			assertThat(response.statusCode()).isEqualTo(500);
			assertThat(ProviderClient.json(response)).containsEntry("error", "temporarily_unavailable")
				.containsKeys("error_codes", "trace_id", "correlation_id", "timestamp");
		}
		assertThat(client.refresh("anything", ProviderClient.SCOPE).statusCode()).isEqualTo(400);
		assertThat(provider.requests().count(Endpoint.TOKEN)).isEqualTo(3);
	}

	@Test
	void tokenWhenEntraErrorInjectedThenJsonWithItsCodeSuberrorAndStatus() {
		provider.injectFault(Endpoint.TOKEN, Fault.entraError(50076), 1);
		provider.injectFault(Endpoint.TOKEN, Fault.entraError(7000218), 1);
		HttpResponse<String> mfa = client.refresh("anything", ProviderClient.SCOPE);
		assertThat(mfa.statusCode()).isEqualTo(400);
		assertThat(ProviderClient.json(mfa)).containsEntry("error", "invalid_grant")
			.containsEntry("suberror", "basic_action")
			.containsKeys("error_codes", "trace_id", "correlation_id");
		assertThat((String) ProviderClient.json(mfa).get("error_description"))
			.startsWith("AADSTS50076: Due to a configuration change")
			.contains("'api://app'");
		HttpResponse<String> publicFlows = client.refresh("anything", ProviderClient.SCOPE);
		assertThat(publicFlows.statusCode()).isEqualTo(401);
		assertThat(ProviderClient.json(publicFlows)).containsEntry("error", "invalid_client");
	}

	@Test
	void authorizeWhenEntraErrorInjectedThenRedirectedWithErrorAndState() {
		provider.injectFault(Endpoint.AUTHORIZE, Fault.entraError(50105), 1);
		URI authorize = client.authorizeUrl(new CodeVerifier(), (request) -> request.state(new State("st-1")));
		HttpResponse<String> response = client.get(authorize);
		assertThat(response.statusCode()).isEqualTo(302);
		Map<String, String> parameters = ProviderClient
			.queryParameters(URI.create(response.headers().firstValue("Location").orElseThrow()));
		assertThat(parameters).containsEntry("error", "access_denied").containsEntry("state", "st-1");
		assertThat(parameters.get("error_description")).startsWith("AADSTS50105: Your administrator has configured the "
				+ "application '" + ProviderClient.CLIENT_ID + "'");
		assertThat(response.headers().firstValue("Location").orElseThrow()).startsWith(ProviderClient.REDIRECT_URI);
	}

	@Test
	void entraErrorWhenCodeUnknownThenRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Fault.entraError(12345))
			.withMessageContaining("AADSTS12345")
			.withMessageContaining("50011");
	}

	@Test
	void tokenWhenThrottledThenTooManyRequestsWithRetryAfter() {
		provider.injectFault(Endpoint.TOKEN, Fault.throttled(Duration.ofSeconds(42)), 1);
		HttpResponse<String> response = client.refresh("anything", ProviderClient.SCOPE);
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).contains("42");
		assertThat(ProviderClient.json(response)).containsEntry("error", "temporarily_unavailable");
	}

	@Test
	void tokenWhenMalformedJsonInjectedThenBodyIsNotJson() {
		provider.injectFault(Endpoint.TOKEN, Fault.malformedJson(), 1);
		HttpResponse<String> response = client.refresh("anything", ProviderClient.SCOPE);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> ProviderClient.json(response));
	}

	@Test
	void tokenWhenTruncatedBodyInjectedThenConnectionClosesShort() {
		provider.injectFault(Endpoint.TOKEN, Fault.truncatedBody(), 1);
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> client.refresh("anything", ProviderClient.SCOPE));
		assertThat(client.refresh("anything", ProviderClient.SCOPE).statusCode()).isEqualTo(400);
	}

	@Test
	void discoveryWhenDelayInjectedThenClientTimesOut() {
		provider.injectFault(Endpoint.DISCOVERY, Fault.delay(Duration.ofSeconds(2)), 1);
		HttpRequest request = HttpRequest.newBuilder(client.endpoint("v2.0/.well-known/openid-configuration"))
			.timeout(Duration.ofMillis(300))
			.build();
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> client.send(request))
			.withCauseInstanceOf(HttpTimeoutException.class);
	}

	@Test
	void faultWhenInjectedForOneEndpointThenOthersUnaffected() {
		provider.injectFault(Endpoint.DEVICE_CODE, Fault.serverError(), 1);
		assertThat(client.get(client.endpoint("discovery/v2.0/keys")).statusCode()).isEqualTo(200);
	}

	@Test
	void requestsWhenRecordedThenSecretsRedactedAndCounted() {
		client.signInAndRedeem(ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!"));
		RecordedRequests requests = provider.requests();
		assertThat(requests.count(Endpoint.AUTHORIZE)).isEqualTo(1);
		assertThat(requests.count(Endpoint.SIGN_IN)).isEqualTo(1);
		assertThat(requests.count(Endpoint.TOKEN)).isEqualTo(1);
		assertThat(requests.count(Endpoint.JWKS)).isZero();
		RecordedRequest token = requests.to(Endpoint.TOKEN).get(0);
		assertThat(token.method()).isEqualTo("POST");
		assertThat(token.path()).isEqualTo("/" + provider.tenantId() + "/oauth2/v2.0/token");
		assertThat(token.grantType()).isEqualTo("authorization_code");
		assertThat(token.parameters()).containsEntry("code", RecordedRequest.REDACTED)
			.containsEntry("code_verifier", RecordedRequest.REDACTED)
			.containsEntry("client_id", ProviderClient.CLIENT_ID);
		assertThat(requests.to(Endpoint.SIGN_IN).get(0).parameters()).containsEntry("password", RecordedRequest.REDACTED);
		assertThat(requests.all()).extracting(RecordedRequest::endpoint)
			.containsExactly(Endpoint.AUTHORIZE, Endpoint.SIGN_IN, Endpoint.TOKEN);
		requests.reset();
		assertThat(requests.all()).isEmpty();
		assertThat(requests.count(Endpoint.TOKEN)).isZero();
		assertThat(requests.lastAuthorizeParameters()).isEmpty();
	}

	@Test
	void requestsWhenPathUnknownThenOtherAndNotFound() {
		HttpResponse<String> response = client.get(client.endpoint("nothing/here"));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(provider.requests().count(Endpoint.OTHER)).isEqualTo(1);
	}

	@Test
	void requestsWhenRefreshThenRefreshTokenRedacted() {
		client.token(Map.of("grant_type", "refresh_token", "client_id", "c", "refresh_token", "secret-value"));
		assertThat(provider.requests().to(Endpoint.TOKEN).get(0).parameters())
			.containsEntry("refresh_token", RecordedRequest.REDACTED)
			.doesNotContainValue("secret-value");
	}

	@Test
	void authorizeWhenServerErrorInjectedThenBrowserSeesIt() {
		provider.injectFault(Endpoint.AUTHORIZE, Fault.serverError(), 1);
		assertThat(client.get(client.authorizeUrl(new CodeVerifier())).statusCode()).isEqualTo(500);
	}

}
