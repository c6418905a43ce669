package dev.desktopidentity.test.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.SignInFailedException;
import dev.desktopidentity.TokenSource;
import dev.desktopidentity.cache.SignedInAccounts;
import dev.desktopidentity.signin.BrowserLauncher;
import dev.desktopidentity.test.Endpoint;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link AutoConfigureLocalIdentityProvider} on an application configured for Microsoft
 * Entra ID: it signs in against the local identity provider over HTTPS, through the
 * starter's real loopback redirect, with the scripted user playing the browser.
 */
@SpringBootTest(properties = "identity.interactive.mode=browser")
@AutoConfigureLocalIdentityProvider(username = "alice@contoso.test", password = "alice-password",
		displayName = "Alice Example",
		users = @AutoConfigureLocalIdentityProvider.User(username = "bob@contoso.test", password = "bob-password"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureLocalIdentityProviderTests {

	@Autowired
	private InteractiveTokenProvider tokens;

	@Autowired
	private SignedInAccounts accounts;

	@Test
	@Order(1)
	void tokenWhenSignedOutThenScriptedUserSignsInOnceInTheBrowser(ScriptedBrowser browser,
			LocalIdentityProvider provider) {
		AccessToken token = this.tokens.getToken();
		assertThat(token.getAccount().username()).isEqualTo("alice@contoso.test");
		assertThat(token.getSource()).isEqualTo(TokenSource.BROWSER);
		assertThat(this.tokens.getToken().getSource()).isEqualTo(TokenSource.CACHE);
		assertThat(browser.getSignInCount()).isEqualTo(1);
		assertThat(provider.requests().count(Endpoint.AUTHORIZE)).isEqualTo(1);
		assertThat(this.accounts.list()).extracting((account) -> account.username())
			.containsExactly("alice@contoso.test");
	}

	@Test
	@Order(2)
	void testWhenEarlierTestSignedInThenStartsSignedOutWithTheDefaultUser(ScriptedBrowser browser,
			ScriptedUser user) {
		assertThat(this.accounts.list()).isEmpty();
		assertThat(browser.getSignInCount()).isZero();
		assertThat(browser.getUser()).isSameAs(user);
		assertThat(user.username()).isEqualTo("alice@contoso.test");
	}

	@Test
	@Order(3)
	void tokenWhenTestSignsInAsAnotherUserThenThatUserInTheSameBrowser(ScriptedBrowser browser) {
		browser.signInAs("BOB@contoso.test");
		assertThat(this.tokens.getToken().getAccount().username()).isEqualTo("bob@contoso.test");
	}

	@Test
	@Order(4)
	void signInAsWhenUserNotNamedByTheAnnotationThenSaysHowToAddIt(ScriptedBrowser browser) {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> browser.signInAs("carol@contoso.test"))
			.withMessageContaining("names no user carol@contoso.test")
			.withMessageContaining("users = @User(username = \"carol@contoso.test\"");
	}

	@Test
	@Order(5)
	@Timeout(value = 120, unit = TimeUnit.SECONDS) // not the 5 minutes of identity.interactive.timeout
	void tokenWhenScriptedUserCannotSignInThenApplicationFailsAtOnceWithTheReason(ScriptedBrowser browser,
			LocalIdentityProvider provider) {
		// a browser of its own, without the session of an earlier sign-in
		browser.setUser(ScriptedUser.of(provider, "alice@contoso.test", "not-her-password"));
		assertThatExceptionOfType(SignInFailedException.class).isThrownBy(this.tokens::getToken)
			.withMessageContaining("access_denied")
			.withMessageContaining("The scripted user alice@contoso.test could not sign in")
			.withMessageNotContaining("not-her-password");
		assertThat(browser.getFailures()).singleElement()
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("Your account or password is incorrect"));
	}

	@Test
	@Order(6)
	void contextWhenAnnotatedThenApplicationPointsAtTheProviderAndKeepsItsClientId(@Autowired Environment environment,
			LocalIdentityProvider provider, ApplicationContext context) {
		assertThat(environment.getProperty("identity.authority")).isEqualTo(provider.authority());
		assertThat(environment.getProperty("identity.client-id")).isEqualTo("2b4c4a26-1111-4222-8333-444455556666");
		assertThat(environment.getProperty("identity.instance-discovery")).isEqualTo("false");
		assertThat(environment.getProperty("identity.cache.protection")).isEqualTo("none");
		assertThat(Files.isDirectory(Path.of(environment.getProperty("identity.cache.location")))).isTrue();
		assertThat(context.getBean(BrowserLauncher.class)).isSameAs(context.getBean(ScriptedBrowser.class));
	}

}
