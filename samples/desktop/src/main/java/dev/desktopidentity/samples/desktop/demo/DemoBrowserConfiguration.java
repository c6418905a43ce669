package dev.desktopidentity.samples.desktop.demo;

import java.net.URI;

import dev.desktopidentity.autoconfigure.IdentityProperties;
import dev.desktopidentity.samples.demo.DemoFrontChannel;
import dev.desktopidentity.samples.desktop.SampleView;
import dev.desktopidentity.samples.desktop.WindowSignInNotifier;
import dev.desktopidentity.signin.BrowserLauncher;
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
 * ({@link DemoFrontChannel}), and the window shows those addresses and the demo user's
 * credentials.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoBrowserConfiguration {

	private static final String CREDENTIALS = "\n\n" + DemoFrontChannel.CREDENTIALS;

	@Bean
	@ConditionalOnMissingBean
	BrowserLauncher demoBrowserLauncher(LocalIdentityProvider provider, IdentityProperties properties) {
		return DemoFrontChannel.browserLauncher(provider, properties.getInteractive().getBrowserCommand());
	}

	@Bean
	SignInNotifier demoSignInNotifier(SampleView view, LocalIdentityProvider provider) {
		return new WindowSignInNotifier(view) {

			@Override
			public void openingBrowser(URI authorizationUri) {
				super.openingBrowser(DemoFrontChannel.address(provider, authorizationUri));
				view.appendMessage(CREDENTIALS);
			}

			@Override
			public void openBrowserManually(URI authorizationUri, String reason) {
				super.openBrowserManually(DemoFrontChannel.address(provider, authorizationUri), reason);
				view.appendMessage(CREDENTIALS);
			}

			@Override
			public void deviceCode(DeviceCodeChallenge challenge) {
				super.deviceCode(challenge);
				view.appendMessage(CREDENTIALS);
			}

		};
	}

}
