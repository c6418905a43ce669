package dev.desktopidentity.autoconfigure;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.AuthorizationRequestUrlParameters;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.ResponseMode;
import com.microsoft.aad.msal4j.SilentParameters;
import com.microsoft.aad.msal4j.TokenSource;
import dev.desktopidentity.test.AuthorizationOutcome;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configured {@link PublicClientApplication} against the local identity provider
 * over HTTPS, trusting it through an SSL bundle only: device code, authorization code
 * with PKCE, refresh with the refresh token.
 */
class PublicClientApplicationIntegrationTests {

	private static final Set<String> SCOPES = Set.of("api://local-test/read");

	private static final URI REDIRECT_URI = URI.create("http://localhost:8400/callback");

	private static LocalIdentityProvider provider;

	private static ScriptedUser alice;

	private final SecureRandom random = new SecureRandom();

	private ApplicationContextRunner contextRunner;

	@BeforeAll
	static void startProvider() {
		provider = LocalIdentityProvider.builder().user("alice@contoso.test", "Passw0rd!", "Alice Example").start();
		alice = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!");
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
	}

	@BeforeEach
	void prepare() {
		provider.requests().reset();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, SslAutoConfiguration.class))
			.withPropertyValues("identity.client-id=integration-client", "identity.cache.enabled=false")
			.withPropertyValues(provider.springPropertyValues("idp"));
	}

	@Test
	void acquireTokenWhenDeviceCodeCompletedThenTokensOverHttpsTrustedThroughBundle() {
		this.contextRunner.run((context) -> {
			PublicClientApplication application = context.getBean(PublicClientApplication.class);
			DeviceCodeFlowParameters parameters = DeviceCodeFlowParameters
				.builder(SCOPES, (code) -> CompletableFuture.runAsync(() -> alice.completeDeviceCode(code.userCode())))
				.build();
			IAuthenticationResult result = application.acquireToken(parameters).get(30, TimeUnit.SECONDS);
			assertThat(result.account().username()).isEqualTo("alice@contoso.test");
			assertThat(result.accessToken()).isNotBlank();
			assertThat(provider.requests().count(Endpoint.DEVICE_CODE)).isEqualTo(1);
			assertThat(provider.requests().to(Endpoint.TOKEN)).extracting(RecordedRequest::grantType)
				.contains("device_code");
		});
	}

	@Test
	void acquireTokenWhenAuthorizationCodeRedeemedThenTokensAndRefreshWorks() {
		this.contextRunner.run((context) -> {
			PublicClientApplication application = context.getBean(PublicClientApplication.class);
			String verifier = verifier();
			AuthorizationOutcome outcome = alice.signIn(authorizeUrl(application, verifier));
			assertThat(outcome.isSuccess()).isTrue();
			IAuthenticationResult first = application.acquireToken(redeem(outcome.code(), verifier))
				.get(30, TimeUnit.SECONDS);
			assertThat(first.account().username()).isEqualTo("alice@contoso.test");
			IAccount account = application.getAccounts().get(10, TimeUnit.SECONDS).iterator().next();
			IAuthenticationResult cached = application
				.acquireTokenSilently(SilentParameters.builder(SCOPES, account).build())
				.get(30, TimeUnit.SECONDS);
			assertThat(cached.metadata().tokenSource()).isEqualTo(TokenSource.CACHE);
			// The cached account's environment has no port: the refresh request reaches the
			// provider's port only through the starter's routing of the authority's host.
			IAuthenticationResult refreshed = application
				.acquireTokenSilently(SilentParameters.builder(SCOPES, account).forceRefresh(true).build())
				.get(30, TimeUnit.SECONDS);
			assertThat(refreshed.metadata().tokenSource()).isEqualTo(TokenSource.IDENTITY_PROVIDER);
			assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
			assertThat(provider.requests().to(Endpoint.TOKEN)).extracting(RecordedRequest::grantType)
				.containsExactly("authorization_code", "refresh_token");
		});
	}

	@Test
	void acquireTokenWhenPkceVerifierWrongThenRefused() {
		this.contextRunner.run((context) -> {
			PublicClientApplication application = context.getBean(PublicClientApplication.class);
			AuthorizationOutcome outcome = alice.signIn(authorizeUrl(application, verifier()));
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> application.acquireToken(redeem(outcome.code(), verifier())).get(30, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOfSatisfying(MsalServiceException.class,
						(ex) -> assertThat(ex.errorCode()).isEqualTo("invalid_grant"));
			assertThat(application.getAccounts().get(10, TimeUnit.SECONDS)).isEmpty();
		});
	}

	@Test
	void acquireTokenWhenCodeReplayedThenRefused() {
		this.contextRunner.run((context) -> {
			PublicClientApplication application = context.getBean(PublicClientApplication.class);
			String verifier = verifier();
			AuthorizationOutcome outcome = alice.signIn(authorizeUrl(application, verifier));
			application.acquireToken(redeem(outcome.code(), verifier)).get(30, TimeUnit.SECONDS);
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> application.acquireToken(redeem(outcome.code(), verifier)).get(30, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOfSatisfying(MsalServiceException.class,
						(ex) -> assertThat(ex.errorCode()).isEqualTo("invalid_grant"));
		});
	}

	private URI authorizeUrl(PublicClientApplication application, String verifier) throws Exception {
		AuthorizationRequestUrlParameters parameters = AuthorizationRequestUrlParameters
			.builder(REDIRECT_URI.toString(), SCOPES)
			.responseMode(ResponseMode.QUERY)
			.codeChallenge(challenge(verifier))
			.codeChallengeMethod("S256")
			.state(verifier())
			.build();
		return application.getAuthorizationRequestUrl(parameters).toURI();
	}

	private static AuthorizationCodeParameters redeem(String code, String verifier) {
		return AuthorizationCodeParameters.builder(code, REDIRECT_URI).codeVerifier(verifier).scopes(SCOPES).build();
	}

	private String verifier() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String challenge(String verifier) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

}
