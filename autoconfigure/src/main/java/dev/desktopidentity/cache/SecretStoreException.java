package dev.desktopidentity.cache;

/**
 * The operating system's secret store is missing, locked, or refused a request. The
 * message says why, for people, and never contains a secret.
 */
class SecretStoreException extends Exception {

	SecretStoreException(String message) {
		super(message);
	}

	SecretStoreException(String message, Throwable cause) {
		super(message, cause);
	}

}
