package com.example.consumer;

import dev.desktopidentity.test.autoconfigure.AutoConfigureLocalIdentityProvider;
import dev.desktopidentity.test.autoconfigure.ScriptedBrowser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = "identity.interactive.mode=browser")
@AutoConfigureLocalIdentityProvider(username = "alice@example.com", password = "alice-password")
class GreeterTests {

	@Autowired
	private Greeter greeter;

	@Test
	void greetingWhenSignedOutThenUserSignsInOnce(ScriptedBrowser browser) {
		System.out.println("Spring Boot " + SpringBootVersion.getVersion());
		assertThat(this.greeter.greeting()).isEqualTo("Hello, alice@example.com!");
		assertThat(this.greeter.greeting()).isEqualTo("Hello, alice@example.com!");
		assertThat(browser.getSignInCount()).isEqualTo(1);
	}

}
