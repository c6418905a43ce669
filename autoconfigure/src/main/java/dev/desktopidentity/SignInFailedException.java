package dev.desktopidentity;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the identity provider ended interactive sign-in with an error, such as
 * {@code access_denied} when the user declined consent, or when the response that came
 * back could not belong to the sign-in in progress.
 *
 * @since 0.1.0
 */
public class SignInFailedException extends TokenAcquisitionException {

	private final @Nullable String errorDescription;

	/**
	 * Create a new instance.
	 * @param message the message
	 * @param errorCode the OAuth 2.0 error code, such as {@code access_denied}
	 * @param errorDescription the identity provider's description of the error
	 * @param cause the cause, if any
	 */
	public SignInFailedException(String message, @Nullable String errorCode, @Nullable String errorDescription,
			@Nullable Throwable cause) {
		this(message, null, errorCode, errorDescription, cause);
	}

	/**
	 * Create a new instance whose message is the problem followed by the action.
	 * @param problem what went wrong
	 * @param action what the user or the developer can do about it, or {@code null}
	 * @param errorCode the OAuth 2.0 error code, such as {@code access_denied}
	 * @param errorDescription the identity provider's description of the error
	 * @param cause the cause, if any
	 */
	public SignInFailedException(String problem, @Nullable String action, @Nullable String errorCode,
			@Nullable String errorDescription, @Nullable Throwable cause) {
		super(problem, action, errorCode, cause);
		this.errorDescription = errorDescription;
	}

	/**
	 * Return the identity provider's description of the error (for Microsoft Entra, it
	 * starts with an {@code AADSTS} code).
	 * @return the description, or {@code null}
	 */
	public @Nullable String getErrorDescription() {
		return this.errorDescription;
	}

}
