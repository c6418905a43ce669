package dev.desktopidentity.samples.desktop.demo;

import java.net.URI;

import dev.desktopidentity.BrowserLauncher;
import dev.desktopidentity.DeviceCodeChallenge;
import dev.desktopidentity.SignInNotifier;
import dev.desktopidentity.samples.desktop.SampleView;
import dev.desktopidentity.samples.desktop.WindowSignInNotifier;
import dev.desktopidentity.test.LocalIdentityProvider;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The local identity provider's certificate is self-signed, so a desktop browser would
 * warn about its HTTPS sign-in page. In the demo, the browser is sent to the same pages
 * on the provider's plain-HTTP loopback front channel instead, and the window shows those
 * addresses and the demo user's credentials; token requests still go over HTTPS.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoBrowserConfiguration {

	private static final String CREDENTIALS = "\n\nSign in as " + DemoMode.USERNAME + " with password "
			+ DemoMode.PASSWORD + ".";

	@Bean
	@ConditionalOnMissingBean
	BrowserLauncher demoBrowserLauncher(LocalIdentityProvider provider) {
		BrowserLauncher system = BrowserLauncher.systemBrowser();
		return (url) -> system.open(frontChannel(provider, url));
	}

	@Bean
	SignInNotifier demoSignInNotifier(SampleView view, LocalIdentityProvider provider) {
		return new WindowSignInNotifier(view) {

			@Override
			public void openingBrowser(URI authorizationUri) {
				super.openingBrowser(frontChannel(provider, authorizationUri));
				view.appendMessage(CREDENTIALS);
			}

			@Override
			public void openBrowserManually(URI authorizationUri, String reason) {
				super.openBrowserManually(frontChannel(provider, authorizationUri), reason);
				view.appendMessage(CREDENTIALS);
			}

			@Override
			public void deviceCode(DeviceCodeChallenge challenge) {
				super.deviceCode(challenge);
				view.appendMessage(CREDENTIALS);
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
