package dev.desktopidentity.test.autoconfigure;

import java.util.concurrent.TimeUnit;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.SignInFailedException;
import dev.desktopidentity.TokenSource;
import dev.desktopidentity.test.Endpoint;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link AutoConfigureLocalIdentityProvider} with device code sign-in, against a strict
 * OpenID Connect issuer: the scripted user enters the code the provider issued, as a
 * person reading it off the console would.
 */
@SpringBootTest(properties = "identity.interactive.mode=device-code")
@AutoConfigureLocalIdentityProvider(strictOidc = true, consentPreGranted = false)
class DeviceCodeSignInTests {

	@Autowired
	private InteractiveTokenProvider tokens;

	@Test
	void tokenWhenDeviceCodeModeThenScriptedUserEntersTheCodeAndConsents(ScriptedBrowser browser,
			LocalIdentityProvider provider) {
		AccessToken token = this.tokens.getToken();
		assertThat(token.getAccount().username()).isEqualTo(AutoConfigureLocalIdentityProvider.DEFAULT_USERNAME);
		assertThat(token.getSource()).isEqualTo(TokenSource.DEVICE_CODE);
		assertThat(browser.getSignInCount()).isEqualTo(1);
		assertThat(provider.requests().count(Endpoint.DEVICE_CODE)).isEqualTo(1);
	}

	@Test
	void tokenWhenUserDeclinesOnTheVerificationPageThenSignInFailsAsDeclined(ScriptedBrowser browser,
			ScriptedUser user) {
		browser.setUser(user.declineConsent());
		assertThatExceptionOfType(SignInFailedException.class).isThrownBy(this.tokens::getToken)
			.withMessageContaining("declined");
		assertThat(browser.getFailures()).isEmpty();
	}

	@Test
	@Timeout(value = 120, unit = TimeUnit.SECONDS) // not the 15 minutes the device code lasts
	void tokenWhenScriptedUserCannotSignInThenDeviceCodeEndsAtOnce(ScriptedBrowser browser, ScriptedUser user,
			LocalIdentityProvider provider) {
		browser.setUser(ScriptedUser.of(provider, user.username(), "wrong-password"));
		assertThatExceptionOfType(SignInFailedException.class).isThrownBy(this.tokens::getToken)
			.withMessageContaining("expired");
		assertThat(browser.getFailures()).hasSize(1);
	}

}
