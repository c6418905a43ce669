package dev.desktopidentity.test;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random values for opaque codes, tokens and ids.
 */
final class Randoms {

	/**
	 * Alphabet of user codes: no vowels (no words), no 0/O or 1/I/L look-alikes.
	 */
	static final String USER_CODE_ALPHABET = "BCDFGHJKMNPQRSTVWXZ23456789";

	static final int USER_CODE_LENGTH = 9;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private Randoms() {
	}

	/**
	 * Return 32 random bytes, base64url encoded without padding.
	 * @return the opaque value
	 */
	static String opaque() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return ENCODER.encodeToString(bytes);
	}

	/**
	 * Return a user code such as {@code GQ2BK3NCR}.
	 * @return the user code
	 */
	static String userCode() {
		StringBuilder code = new StringBuilder(USER_CODE_LENGTH);
		for (int i = 0; i < USER_CODE_LENGTH; i++) {
			code.append(USER_CODE_ALPHABET.charAt(RANDOM.nextInt(USER_CODE_ALPHABET.length())));
		}
		return code.toString();
	}

}
