package dev.desktopidentity;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when an access token could not be obtained. The message says what happened,
 * naming the identity provider and the operation where one was involved, and, where the
 * user or the developer can do something about it, what: the {@linkplain #getAction()
 * action} is the end of the message. It never contains a token, an authorization code or
 * a PKCE verifier.
 *
 * @since 0.1.0
 */
public class TokenAcquisitionException extends RuntimeException {

	private final @Nullable String errorCode;

	private final @Nullable String action;

	/**
	 * Create a new instance.
	 * @param message the message
	 * @param errorCode the OAuth or MSAL error code, if there is one
	 * @param cause the cause, if any
	 */
	public TokenAcquisitionException(String message, @Nullable String errorCode, @Nullable Throwable cause) {
		this(message, null, errorCode, cause);
	}

	/**
	 * Create a new instance whose message is the problem followed by the action.
	 * @param problem what went wrong, as one or more sentences
	 * @param action what the user or the developer can do about it, or {@code null}
	 * @param errorCode the OAuth or MSAL error code, if there is one
	 * @param cause the cause, if any
	 */
	public TokenAcquisitionException(String problem, @Nullable String action, @Nullable String errorCode,
			@Nullable Throwable cause) {
		super(join(problem, action), cause);
		this.errorCode = errorCode;
		this.action = action;
	}

	/**
	 * Return the OAuth 2.0 or MSAL error code, such as {@code access_denied} or
	 * {@code invalid_grant}.
	 * @return the error code, or {@code null}
	 */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

	/**
	 * Return what the user or the developer can do about the failure, such as the property
	 * to set or the setting of the identity provider to change; the message ends with it.
	 * @return the action, or {@code null} when there is nothing to do but try again
	 */
	public @Nullable String getAction() {
		return this.action;
	}

	private static String join(String problem, @Nullable String action) {
		if (action == null || action.isBlank()) {
			return problem;
		}
		String separator = (problem.endsWith(".") || problem.endsWith("!") || problem.endsWith("?")) ? " " : ". ";
		return problem + separator + action;
	}

}
