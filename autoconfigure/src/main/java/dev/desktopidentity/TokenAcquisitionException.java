package dev.desktopidentity;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when an access token could not be obtained. The message says what happened and,
 * where the user or the developer can do something about it, what. It never contains a
 * token, an authorization code or a PKCE verifier.
 *
 * @since 0.1.0
 */
public class TokenAcquisitionException extends RuntimeException {

	private final @Nullable String errorCode;

	/**
	 * Create a new instance.
	 * @param message the message
	 * @param errorCode the OAuth or MSAL error code, if there is one
	 * @param cause the cause, if any
	 */
	public TokenAcquisitionException(String message, @Nullable String errorCode, @Nullable Throwable cause) {
		super(message, cause);
		this.errorCode = errorCode;
	}

	/**
	 * Return the OAuth 2.0 or MSAL error code, such as {@code access_denied} or
	 * {@code invalid_grant}.
	 * @return the error code, or {@code null}
	 */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

}
