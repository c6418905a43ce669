package dev.desktopidentity.msal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.autoconfigure.IdentityAutoConfiguration;
import dev.desktopidentity.cache.RevocationOutcome;
import dev.desktopidentity.cache.SignOutResult;
import dev.desktopidentity.cache.SignedInAccounts;
import dev.desktopidentity.signin.BrowserLauncher;
import dev.desktopidentity.signin.ConsoleSignInNotifier;
import dev.desktopidentity.signin.SignInNotifier;
import dev.desktopidentity.test.Endpoint;
import dev.desktopidentity.test.Fault;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.RecordedRequest;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing out against the real local identity provider: an OpenID Connect provider whose
 * discovery document advertises a {@code revocation_endpoint} revokes the refresh token,
 * which it refuses from then on; Microsoft Entra ID, which has none, is signed out of
 * locally, and the result says so. Either way the tokens leave the cache, and the
 * refresh token goes to the revocation endpoint and nowhere else, not even the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class SignOutRevocationIntegrationTests {

	private LocalIdentityProvider provider;

	@AfterEach
	void stopProvider() {
		if (this.provider != null) {
			this.provider.close();
		}
	}

	@Test
	void signOutAllWhenProviderOffersRevocationThenRefreshTokenIsRevokedAndRefusedAfterwards(CapturedOutput output) {
		this.provider = start(true);
		Logger logger = (Logger) LoggerFactory.getLogger("dev.desktopidentity");
		Level level = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		try {
			contextRunner().run((context) -> {
				context.getBean(InteractiveTokenProvider.class).getToken();
				List<String> refreshTokens = refreshTokens(context.getBean(PublicClientApplication.class));
				assertThat(refreshTokens).hasSize(1);
				SignOutResult result = context.getBean(SignedInAccounts.class).signOutAll();
				assertThat(result.revocation()).isEqualTo(RevocationOutcome.REVOKED);
				assertThat(result.accounts()).singleElement()
					.satisfies((account) -> assertThat(account.username()).isEqualTo("alice@contoso.test"));
				assertThat(result.description()).isEqualTo("The identity provider 127.0.0.1:" + this.provider.port()
						+ " revoked the refresh token: it no longer works anywhere.");
				assertThat(context.getBean(SignedInAccounts.class).list()).isEmpty();
				assertThat(this.provider.requests().to(Endpoint.REVOCATION)).singleElement().satisfies((request) -> {
					assertThat(request.parameter("token")).isEqualTo(RecordedRequest.REDACTED);
					assertThat(request.parameter("token_type_hint")).isEqualTo("refresh_token");
					assertThat(request.parameter("client_id")).isEqualTo("sign-out-test");
				});
				HttpResponse<String> refresh = refresh(refreshTokens.get(0));
				assertThat(refresh.statusCode()).isEqualTo(400);
				assertThat(refresh.body()).contains("invalid_grant");
				assertThat(output).doesNotContain(refreshTokens.get(0));
			});
		}
		finally {
			logger.setLevel(level);
		}
	}

	@Test
	void signOutWhenMicrosoftEntraThenSignedOutLocallyAndSaysTheRefreshTokenStaysValid() {
		this.provider = start(false);
		contextRunner().run((context) -> {
			context.getBean(InteractiveTokenProvider.class).getToken();
			List<String> refreshTokens = refreshTokens(context.getBean(PublicClientApplication.class));
			int requests = this.provider.requests().all().size();
			SignedInAccounts accounts = context.getBean(SignedInAccounts.class);
			SignOutResult result = accounts.signOut(accounts.list().get(0));
			assertThat(result.revocation()).isEqualTo(RevocationOutcome.NOT_OFFERED);
			assertThat(result.description()).isEqualTo("Signed out on this computer only: Microsoft Entra ID offers no "
					+ "token revocation, so the refresh token stays valid at the identity provider until it expires or "
					+ "the user's sessions are revoked there.");
			assertThat(accounts.list()).isEmpty();
			assertThat(this.provider.requests().all()).hasSize(requests);
			assertThat(refresh(refreshTokens.get(0)).statusCode()).as("still valid at the provider").isEqualTo(200);
		});
	}

	@Test
	void signOutAllWhenRevocationFailsThenSignedOutLocallyAndSaysRevocationFailed() {
		this.provider = start(true);
		contextRunner().run((context) -> {
			context.getBean(InteractiveTokenProvider.class).getToken();
			this.provider.injectFault(Endpoint.REVOCATION, Fault.serverError(), 1);
			SignOutResult result = context.getBean(SignedInAccounts.class).signOutAll();
			assertThat(result.revocation()).isEqualTo(RevocationOutcome.FAILED);
			assertThat(result.description()).isEqualTo("Signed out on this computer only: 127.0.0.1:"
					+ this.provider.port() + " answered the revocation request with HTTP 500 (temporarily_unavailable); "
					+ "the refresh token stays valid at the identity provider until it expires.");
			assertThat(context.getBean(SignedInAccounts.class).list()).isEmpty();
		});
	}

	@Test
	void signOutAllWhenNobodySignedInThenNothingToRevoke() {
		this.provider = start(true);
		contextRunner().run((context) -> {
			SignOutResult result = context.getBean(SignedInAccounts.class).signOutAll();
			assertThat(result.revocation()).isEqualTo(RevocationOutcome.NOTHING_TO_REVOKE);
			assertThat(result.accounts()).isEmpty();
			assertThat(this.provider.requests().count(Endpoint.REVOCATION)).isZero();
		});
	}

	private static LocalIdentityProvider start(boolean strictOidc) {
		return LocalIdentityProvider.builder()
			.strictOidc(strictOidc)
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.start();
	}

	private ApplicationContextRunner contextRunner() {
		ScriptedUser alice = ScriptedUser.of(this.provider, "alice@contoso.test", "Passw0rd!");
		BrowserLauncher launcher = (url) -> CompletableFuture.runAsync(() -> alice.signIn(url).deliver());
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, SslAutoConfiguration.class))
			.withBean(BrowserLauncher.class, () -> launcher)
			.withBean(SignInNotifier.class,
					() -> new ConsoleSignInNotifier(new PrintStream(OutputStream.nullOutputStream()), false))
			.withPropertyValues("identity.client-id=sign-out-test", "identity.cache.enabled=false",
					"identity.scopes=api://local-test/read", "identity.interactive.mode=browser")
			.withPropertyValues(this.provider.springPropertyValues("idp"));
	}

	@SuppressWarnings("unchecked")
	private static List<String> refreshTokens(PublicClientApplication application) throws Exception {
		Map<String, Object> cache = JSONObjectUtils.parse(application.tokenCache().serialize());
		Map<String, Object> refreshTokens = JSONObjectUtils.getJSONObject(cache, "RefreshToken");
		return refreshTokens.values().stream().map((entry) -> (String) ((Map<String, Object>) entry).get("secret")).toList();
	}

	private HttpResponse<String> refresh(String refreshToken) throws Exception {
		URI token = URI.create(this.provider.issuer().contains("/v2.0") ? this.provider.authority() + "oauth2/v2.0/token"
				: this.provider.issuer() + "/protocol/openid-connect/token");
		String form = "grant_type=refresh_token&client_id=sign-out-test&refresh_token="
				+ URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
		HttpClient client = HttpClient.newBuilder().sslContext(this.provider.sslContext()).build();
		return client.send(HttpRequest.newBuilder(token)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
