package com.example.consumer;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractiveTokenProvider;

import org.springframework.stereotype.Component;

/**
 * Says hello to the signed-in user, signing them in first if needed.
 */
@Component
public class Greeter {

	private final InteractiveTokenProvider tokens;

	public Greeter(InteractiveTokenProvider tokens) {
		this.tokens = tokens;
	}

	public String greeting() {
		AccessToken token = this.tokens.getToken();
		return "Hello, " + token.getAccount().username() + "!";
	}

}
