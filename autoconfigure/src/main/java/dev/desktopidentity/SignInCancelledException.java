package dev.desktopidentity;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when interactive sign-in ended before the identity provider answered: it timed
 * out, the waiting thread was interrupted, or the application shut down. The loopback
 * port has been released.
 *
 * @since 0.1.0
 */
public class SignInCancelledException extends TokenAcquisitionException {

	/**
	 * Create a new instance.
	 * @param message the message
	 * @param cause the cause, if any
	 */
	public SignInCancelledException(String message, @Nullable Throwable cause) {
		super(message, null, cause);
	}

}
