package dev.desktopidentity.test.autoconfigure;

import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.SignInFailedException;
import dev.desktopidentity.TokenSource;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The test shown in the README's "Testing your application", as it is written there: with
 * the application's own {@code identity.interactive.mode} ({@code auto}), so in the
 * browser or with a device code depending on the machine.
 */
@SpringBootTest
@AutoConfigureLocalIdentityProvider(username = "alice@contoso.test", password = "alice-password",
		users = @AutoConfigureLocalIdentityProvider.User(username = "bob@contoso.test", password = "bob-password"))
class ReadmeSignInTests {

	@Autowired
	private InteractiveTokenProvider tokens;

	@Test
	void tokenWhenSignedOutThenAliceSignsInOnce(ScriptedBrowser browser) {
		assertThat(this.tokens.getToken().getAccount().username()).isEqualTo("alice@contoso.test");
		assertThat(this.tokens.getToken().getSource()).isEqualTo(TokenSource.CACHE);
		assertThat(browser.getSignInCount()).isEqualTo(1);
	}

	@Test
	void tokenWhenBobSignsInThenBob(ScriptedBrowser browser) {
		browser.signInAs("bob@contoso.test");
		assertThat(this.tokens.getToken().getAccount().username()).isEqualTo("bob@contoso.test");
	}

	@Test
	void tokenWhenPasswordIsWrongThenSignInFails(ScriptedBrowser browser, LocalIdentityProvider provider) {
		browser.setUser(ScriptedUser.of(provider, "alice@contoso.test", "wrong"));
		assertThatExceptionOfType(SignInFailedException.class).isThrownBy(this.tokens::getToken);
		assertThat(browser.getFailures()).singleElement()
			.satisfies((ex) -> assertThat(ex).hasMessageContaining("Your account or password is incorrect"));
	}

}
