package dev.desktopidentity.samples.desktop;

import dev.desktopidentity.signin.SignInNotifier;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Sign-in messages go to the sample's window rather than to the console.
 */
@Configuration(proxyBeanMethods = false)
class SampleWindowConfiguration {

	@Bean
	@Profile("!demo")
	SignInNotifier windowSignInNotifier(SampleView view) {
		return new WindowSignInNotifier(view);
	}

}
