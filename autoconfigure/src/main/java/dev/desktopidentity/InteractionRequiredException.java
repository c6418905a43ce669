package dev.desktopidentity;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a token can only be obtained by signing the user in interactively, and that
 * was not allowed: {@link Prompt#NONE}, or an identity provider that needs the user.
 *
 * @since 0.1.0
 */
public class InteractionRequiredException extends TokenAcquisitionException {

	/**
	 * Create a new instance.
	 * @param message the message
	 * @param errorCode the error code, if there is one
	 * @param cause the cause, if any
	 */
	public InteractionRequiredException(String message, @Nullable String errorCode, @Nullable Throwable cause) {
		super(message, errorCode, cause);
	}

	/**
	 * Create a new instance whose message is the problem followed by the action.
	 * @param problem why the user has to sign in
	 * @param action how the user can, or {@code null}
	 * @param errorCode the error code, if there is one
	 * @param cause the cause, if any
	 */
	public InteractionRequiredException(String problem, @Nullable String action, @Nullable String errorCode,
			@Nullable Throwable cause) {
		super(problem, action, errorCode, cause);
	}

}
