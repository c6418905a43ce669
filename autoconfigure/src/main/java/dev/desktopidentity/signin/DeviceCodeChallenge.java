package dev.desktopidentity.signin;

import java.net.URI;
import java.time.Instant;

import org.springframework.util.Assert;

/**
 * What the user needs to complete a device code sign-in: a short code to enter on a
 * verification page, which can be opened on any device (a phone, another computer).
 *
 * @param userCode the code to enter
 * @param verificationUri the page to enter it on
 * @param expiresAt when the code stops working
 * @param message the identity provider's own instructions, ready to show
 * @since 0.1.0
 */
public record DeviceCodeChallenge(String userCode, URI verificationUri, Instant expiresAt, String message) {

	/**
	 * Create a new instance.
	 * @param userCode the code to enter
	 * @param verificationUri the page to enter it on
	 * @param expiresAt when the code stops working
	 * @param message the identity provider's instructions
	 */
	public DeviceCodeChallenge {
		Assert.hasText(userCode, "'userCode' must not be empty");
		Assert.notNull(verificationUri, "'verificationUri' must not be null");
		Assert.notNull(expiresAt, "'expiresAt' must not be null");
		Assert.notNull(message, "'message' must not be null");
	}

}
