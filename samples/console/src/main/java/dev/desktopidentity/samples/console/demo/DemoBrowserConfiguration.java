package dev.desktopidentity.samples.console.demo;

import java.net.URI;

import dev.desktopidentity.BrowserLauncher;
import dev.desktopidentity.ConsoleSignInNotifier;
import dev.desktopidentity.DeviceCodeChallenge;
import dev.desktopidentity.SignInNotifier;
import dev.desktopidentity.test.LocalIdentityProvider;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The local identity provider's certificate is self-signed, so a desktop browser would
 * warn about its HTTPS sign-in page. In the demo, the browser is sent to the same pages
 * on the provider's plain-HTTP loopback front channel instead; token requests still go
 * over HTTPS.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoBrowserConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BrowserLauncher demoBrowserLauncher(LocalIdentityProvider provider) {
		BrowserLauncher system = BrowserLauncher.systemBrowser();
		return (url) -> system.open(frontChannel(provider, url));
	}

	@Bean
	@ConditionalOnMissingBean
	SignInNotifier demoSignInNotifier(LocalIdentityProvider provider) {
		return new ConsoleSignInNotifier() {

			@Override
			public void openingBrowser(URI authorizationUri) {
				showCredentials();
				super.openingBrowser(frontChannel(provider, authorizationUri));
			}

			@Override
			public void openBrowserManually(URI authorizationUri, String reason) {
				showCredentials();
				super.openBrowserManually(frontChannel(provider, authorizationUri), reason);
			}

			@Override
			public void deviceCode(DeviceCodeChallenge challenge) {
				showCredentials();
				super.deviceCode(challenge);
			}

			private void showCredentials() {
				System.err.printf("Demo: sign in as %s with password %s.%n", DemoMode.USERNAME, DemoMode.PASSWORD);
			}

		};
	}

	static URI frontChannel(LocalIdentityProvider provider, URI url) {
		URI front = provider.frontChannelUri().orElseThrow();
		String secureBase = provider.baseUri().toString().replaceAll("/+$", "");
		String target = url.toString();
		return target.startsWith(secureBase) ? URI.create(front.toString().replaceAll("/+$", "")
				+ target.substring(secureBase.length())) : url;
	}

}
