package dev.desktopidentity;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when interactive sign-in ended before the identity provider answered: it timed
 * out ({@link SignInTimeoutException}), the waiting thread was interrupted, or the
 * application shut down. The loopback port has been released.
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

	/**
	 * Create a new instance whose message is the problem followed by the action.
	 * @param problem what happened
	 * @param action what the user can do about it
	 * @param cause the cause, if any
	 */
	protected SignInCancelledException(String problem, String action, @Nullable Throwable cause) {
		super(problem, action, null, cause);
	}

}
