package dev.desktopidentity.cache;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

/**
 * A D-Bus call failed: the bus could not be reached or spoke out of protocol, or the
 * service answered with an error. The message is for people and never holds a secret.
 */
class DBusException extends IOException {

	private final @Nullable String errorName;

	DBusException(String message) {
		this(message, null, null);
	}

	DBusException(String message, @Nullable String errorName, @Nullable Throwable cause) {
		super(message, cause);
		this.errorName = errorName;
	}

	/**
	 * Return the name of the error the service answered with, such as
	 * {@code org.freedesktop.DBus.Error.ServiceUnknown}.
	 * @return the error's name, or {@code null} if the service did not answer with an
	 * error
	 */
	@Nullable String errorName() {
		return this.errorName;
	}

}
