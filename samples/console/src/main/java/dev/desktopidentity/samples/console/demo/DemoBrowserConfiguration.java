package dev.desktopidentity.samples.console.demo;

import java.net.URI;

import dev.desktopidentity.autoconfigure.IdentityProperties;
import dev.desktopidentity.samples.demo.DemoFrontChannel;
import dev.desktopidentity.signin.BrowserLauncher;
import dev.desktopidentity.signin.ConsoleSignInNotifier;
import dev.desktopidentity.signin.DeviceCodeChallenge;
import dev.desktopidentity.signin.SignInNotifier;
import dev.desktopidentity.test.LocalIdentityProvider;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * In the demo, the browser (the one {@code identity.interactive.browser-command} names, or
 * the system browser) is sent to the local identity provider's plain-HTTP pages
 * ({@link DemoFrontChannel}), and the console shows those addresses and the demo user's
 * credentials.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoBrowserConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BrowserLauncher demoBrowserLauncher(LocalIdentityProvider provider, IdentityProperties properties) {
		return DemoFrontChannel.browserLauncher(provider, properties.getInteractive().getBrowserCommand());
	}

	@Bean
	@ConditionalOnMissingBean
	SignInNotifier demoSignInNotifier(LocalIdentityProvider provider) {
		return new ConsoleSignInNotifier() {

			@Override
			public void openingBrowser(URI authorizationUri) {
				showCredentials();
				super.openingBrowser(DemoFrontChannel.address(provider, authorizationUri));
			}

			@Override
			public void openBrowserManually(URI authorizationUri, String reason) {
				showCredentials();
				super.openBrowserManually(DemoFrontChannel.address(provider, authorizationUri), reason);
			}

			@Override
			public void deviceCode(DeviceCodeChallenge challenge) {
				showCredentials();
				super.deviceCode(challenge);
			}

			private void showCredentials() {
				System.err.println(DemoFrontChannel.CREDENTIALS);
			}

		};
	}

}
