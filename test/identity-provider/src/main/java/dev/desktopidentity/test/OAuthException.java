package dev.desktopidentity.test;

/**
 * An error that ends a request with a Microsoft error response. Its message is the
 * AADSTS description, which never contains codes, tokens or passwords.
 */
final class OAuthException extends RuntimeException {

	private final AadError error;

	OAuthException(AadError error, Object... arguments) {
		super(error.describe(arguments), null, false, false);
		this.error = error;
	}

	AadError error() {
		return this.error;
	}

}
