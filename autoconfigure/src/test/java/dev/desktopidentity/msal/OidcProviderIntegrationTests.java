package dev.desktopidentity.msal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.Prompt;
import dev.desktopidentity.TokenRequest;
import dev.desktopidentity.autoconfigure.IdentityAutoConfiguration;
import dev.desktopidentity.signin.BrowserLauncher;
import dev.desktopidentity.signin.ConsoleSignInNotifier;
import dev.desktopidentity.signin.DeviceCodeChallenge;
import dev.desktopidentity.signin.SignInNotifier;
import dev.desktopidentity.test.Endpoint;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.RecordedRequest;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter against a standards-following OpenID Connect issuer: the local identity
 * provider in strict mode, where endpoints are only where discovery says, token responses
 * carry no {@code client_info} and only the RFC 8628 device grant is accepted.
 */
class OidcProviderIntegrationTests {

	private static final String SCOPE = "api://local-test/read";

	private static LocalIdentityProvider provider;

	private ApplicationContextRunner contextRunner;

	@BeforeAll
	static void startProvider() {
		provider = LocalIdentityProvider.builder()
			.strictOidc(true)
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.deviceCodePollingInterval(Duration.ofSeconds(1))
			.start();
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
	}

	@BeforeEach
	void prepare() {
		provider.requests().reset();
		ScriptedUser user = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!");
		BrowserLauncher launcher = (url) -> CompletableFuture.runAsync(() -> user.signIn(url).deliver());
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, SslAutoConfiguration.class))
			.withBean(BrowserLauncher.class, () -> launcher)
			.withBean(SignInNotifier.class, () -> new ConsoleSignInNotifier(
					new PrintStream(OutputStream.nullOutputStream()), false) {

				@Override
				public void deviceCode(DeviceCodeChallenge challenge) {
					// the user completes the code on another device
					CompletableFuture.runAsync(() -> user.completeDeviceCode(challenge.userCode()));
				}

			})
			.withPropertyValues("identity.client-id=oidc-client", "identity.cache.enabled=false",
					"identity.scopes=" + SCOPE,
					"identity.authority-kind=oidc", "identity.interactive.mode=browser")
			.withPropertyValues(provider.springPropertyValues("idp"));
	}

	@Test
	void getTokenWhenSignedInInBrowserThenAccountIsCachedAndSecondCallIsSilent() {
		this.contextRunner.run((context) -> {
			InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
			AccessToken first = tokens.getToken();
			AccessToken second = tokens.getToken();
			assertThat(first.getAccount().username()).isEqualTo("alice@contoso.test");
			assertThat(second.getTokenValue()).isEqualTo(first.getTokenValue());
			assertThat(provider.requests().count(Endpoint.AUTHORIZE)).isEqualTo(1);
			assertThat(provider.requests().to(Endpoint.TOKEN)).extracting(RecordedRequest::path)
				.containsExactly("/" + provider.tenantId() + "/protocol/openid-connect/token");
			assertThat(provider.requests().count(Endpoint.OTHER)).isZero();
		});
	}

	@Test
	void getTokenWhenAccessTokenExpiresThenRefreshesAtDiscoveredTokenEndpoint() {
		this.contextRunner.run((context) -> {
			InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
			provider.accessTokenLifetime(Duration.ofMinutes(4));
			try {
				AccessToken first = tokens.getToken();
				AccessToken second = tokens.getToken();
				assertThat(second.getTokenValue()).isNotEqualTo(first.getTokenValue());
			}
			finally {
				provider.accessTokenLifetime(Duration.ofHours(1));
			}
			assertThat(provider.requests().count(Endpoint.AUTHORIZE)).isEqualTo(1);
			assertThat(provider.requests().to(Endpoint.TOKEN)).extracting(RecordedRequest::grantType)
				.containsExactly("authorization_code", "refresh_token");
			assertThat(provider.requests().count(Endpoint.OTHER)).isZero();
		});
	}

	@Test
	void getTokenWhenDeviceCodeAtProviderThatRequiresPkceThenSendsChallengeAndVerifier() {
		// the strict provider refuses device authorization without PKCE, as Keycloak 26 does for a client with
		// "Proof Key for Code Exchange Code Challenge Method: S256"
		this.contextRunner.withPropertyValues("identity.interactive.mode=device-code").run((context) -> {
			context.getBean(InteractiveTokenProvider.class).getToken();
			assertThat(provider.requests().to(Endpoint.DEVICE_CODE)).singleElement().satisfies((request) -> {
				assertThat(request.parameter("code_challenge_method")).isEqualTo("S256");
				assertThat(request.parameter("code_challenge")).matches("[A-Za-z0-9_-]{43}");
			});
			assertThat(provider.requests().to(Endpoint.TOKEN))
				.allSatisfy((poll) -> assertThat(poll.parameter("code_verifier")).isEqualTo(RecordedRequest.REDACTED));
		});
	}

	@Test
	void getTokenWhenDeviceCodeThenRfc8628GrantAtDiscoveredEndpoints() {
		this.contextRunner.withPropertyValues("identity.interactive.mode=device-code")
			.run((context) -> {
				InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
				AccessToken token = tokens.getToken();
				assertThat(token.getAccount().username()).isEqualTo("alice@contoso.test");
				assertThat(tokens.getToken().getTokenValue()).isEqualTo(token.getTokenValue());
				assertThat(provider.requests().to(Endpoint.DEVICE_CODE)).extracting(RecordedRequest::path)
					.containsExactly("/" + provider.tenantId() + "/protocol/openid-connect/auth/device");
				assertThat(provider.requests().to(Endpoint.TOKEN)).extracting(RecordedRequest::grantType)
					.containsOnly("urn:ietf:params:oauth:grant-type:device_code");
				assertThat(provider.requests().count(Endpoint.OTHER)).isZero();
			});
	}

	@Test
	void accountIdWhenSignedInTwiceThenStable() {
		this.contextRunner.run((context) -> {
			InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
			String first = tokens.getToken().getAccount().homeAccountId();
			String second = tokens.getToken(TokenRequest.builder().prompt(Prompt.LOGIN).build())
				.getAccount()
				.homeAccountId();
			assertThat(second).isEqualTo(first);
			assertThat(context.getBean(com.microsoft.aad.msal4j.PublicClientApplication.class).getAccounts().join())
				.hasSize(1);
		});
	}


}
