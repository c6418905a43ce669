package dev.desktopidentity.test;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.InteractiveRequestParameters;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import com.microsoft.aad.msal4j.SystemBrowserOptions;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * MSAL4J 1.26 against the local identity provider, over HTTPS, with a scripted user as the
 * browser.
 */
class MsalCompatibilityTests {

	private static final Set<String> SCOPES = Set.of("api://local-test/read");

	private LocalIdentityProvider provider;

	private PublicClientApplication application;

	private ScriptedUser alice;

	@BeforeEach
	void start() throws Exception {
		this.provider = LocalIdentityProvider.builder()
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.deviceCodePollingInterval(Duration.ofSeconds(1))
			.start();
		this.application = PublicClientApplication.builder("msal-client")
			.authority(this.provider.authority())
			.instanceDiscovery(false)
			.sslSocketFactory(this.provider.sslContext().getSocketFactory())
			.build();
		this.alice = ScriptedUser.of(this.provider, "alice@contoso.test", "Passw0rd!");
	}

	@AfterEach
	void stop() {
		this.provider.close();
	}

	@Test
	void acquireTokenInteractiveWhenUserSignsInThenAccountAndTokens() throws Exception {
		IAuthenticationResult result = interactive();
		assertThat(result.account().homeAccountId())
			.isEqualTo(this.provider.user("alice@contoso.test").objectId() + "." + this.provider.tenantId());
		assertThat(result.account().username()).isEqualTo("alice@contoso.test");
		assertThat(SignedJWT.parse(result.accessToken()).getJWTClaimsSet().getAudience())
			.containsExactly("api://local-test");
		assertThat(this.provider.requests().lastAuthorizeParameters()).containsEntry("response_mode", "form_post")
			.containsEntry("code_challenge_method", "S256");
		assertThat(this.provider.requests().count(Endpoint.AUTHORIZE)).isEqualTo(1);
		assertThat(this.provider.requests().count(Endpoint.TOKEN)).isEqualTo(1);
	}

	@Test
	void acquireTokenSilentlyWhenAccessTokenValidThenFromCache() throws Exception {
		IAuthenticationResult first = interactive();
		IAuthenticationResult second = silent(first.account(), false);
		assertThat(second.accessToken()).isEqualTo(first.accessToken());
		assertThat(this.provider.requests().count(Endpoint.TOKEN)).isEqualTo(1);
	}

	@Test
	void acquireTokenSilentlyWhenAccessTokenNearExpiryThenRefreshes() throws Exception {
		this.provider.accessTokenLifetime(Duration.ofMinutes(4));
		IAuthenticationResult first = interactive();
		this.provider.accessTokenLifetime(Duration.ofHours(1));
		IAuthenticationResult second = silent(first.account(), false);
		assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
		assertThat(this.provider.requests().to(Endpoint.TOKEN)).extracting(RecordedRequest::grantType)
			.containsExactly("authorization_code", "refresh_token");
	}

	@Test
	void acquireTokenSilentlyWhenRefreshTokenRevokedThenInteractionRequired() throws Exception {
		IAuthenticationResult first = interactive();
		this.provider.revokeRefreshTokens("alice@contoso.test");
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> silent(first.account(), true))
			.havingCause()
			.isInstanceOf(MsalInteractionRequiredException.class)
			.withMessageContaining("AADSTS50173");
	}

	@Test
	void acquireTokenByDeviceCodeWhenUserCompletesThenTokens() throws Exception {
		IAuthenticationResult result = deviceCode(false);
		assertThat(result.account().username()).isEqualTo("alice@contoso.test");
		assertThat(this.provider.requests().to(Endpoint.TOKEN)).extracting(RecordedRequest::grantType)
			.contains("device_code");
	}

	@Test
	void acquireTokenByDeviceCodeWhenUserDeclinesThenAuthorizationDeclined() {
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> deviceCode(true))
			.havingCause()
			.isInstanceOfSatisfying(MsalServiceException.class,
					(ex) -> assertThat(ex.errorCode()).isEqualTo("authorization_declined"));
	}

	private IAuthenticationResult interactive() throws Exception {
		SystemBrowserOptions browser = SystemBrowserOptions.builder()
			.openBrowserAction((url) -> this.alice.signIn(toUri(url)).deliver())
			.build();
		InteractiveRequestParameters parameters = InteractiveRequestParameters.builder(URI.create("http://localhost"))
			.scopes(SCOPES)
			.systemBrowserOptions(browser)
			.build();
		return this.application.acquireToken(parameters).get(30, TimeUnit.SECONDS);
	}

	private IAuthenticationResult silent(IAccount account, boolean forceRefresh) throws Exception {
		return this.application
			.acquireTokenSilently(SilentParameters.builder(SCOPES, account)
				.authorityUrl(this.provider.authority())
				.forceRefresh(forceRefresh)
				.build())
			.get(30, TimeUnit.SECONDS);
	}

	private IAuthenticationResult deviceCode(boolean decline) throws Exception {
		DeviceCodeFlowParameters parameters = DeviceCodeFlowParameters.builder(SCOPES, (deviceCode) -> {
			// A thread of its own: MSAL4J polls on the common pool, which has one thread on
			// two cores, and on JDK 25 a task queued behind the poll waits until it ends
			CompletableFuture.runAsync(() -> {
				if (decline) {
					this.alice.declineDeviceCode(deviceCode.userCode());
				}
				else {
					this.alice.completeDeviceCode(deviceCode.userCode());
				}
			}, (task) -> new Thread(task, "scripted-user").start());
		}).build();
		return this.application.acquireToken(parameters).get(30, TimeUnit.SECONDS);
	}

	private static URI toUri(java.net.URL url) {
		try {
			return url.toURI();
		}
		catch (java.net.URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
