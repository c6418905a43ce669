package dev.desktopidentity.cache;

/**
 * Thrown when the bus, or a service through it, does not answer in time.
 */
class DBusTimeoutException extends DBusException {

	DBusTimeoutException(String message) {
		super(message);
	}

}
