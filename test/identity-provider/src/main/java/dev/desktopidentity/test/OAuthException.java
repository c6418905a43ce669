package dev.desktopidentity.test;

import org.jspecify.annotations.Nullable;

/**
 * An error that ends a request with an error response: in the Microsoft identity
 * platform's format, with an AADSTS code, or in the plain format of a standards-following
 * provider such as Keycloak. Its message is the description, which never contains codes,
 * tokens or passwords.
 */
final class OAuthException extends RuntimeException {

	private final int code;

	private final String error;

	private final @Nullable String suberror;

	private final int status;

	private final boolean described;

	OAuthException(AadError error, Object... arguments) {
		this(error.code(), error.error(), error.suberror(), error.status(), error.describe(arguments), true);
	}

	private OAuthException(int code, String error, @Nullable String suberror, int status, String description,
			boolean described) {
		super(description, null, false, false);
		this.code = code;
		this.error = error;
		this.suberror = suberror;
		this.status = status;
		this.described = described;
	}

	/**
	 * Return an error in the Microsoft identity platform's format.
	 * @param code the AADSTS number
	 * @param error the OAuth error code
	 * @param suberror the suberror, if any
	 * @param status the HTTP status of a JSON answer
	 * @param description the description, starting with {@code AADSTS<code>: }
	 * @return the exception
	 */
	static OAuthException entra(int code, String error, @Nullable String suberror, int status, String description) {
		return new OAuthException(code, error, suberror, status, description, true);
	}

	/**
	 * Return an error in the plain format of a standards-following provider.
	 * @param status the HTTP status of a JSON answer
	 * @param error the {@code error}
	 * @param description the {@code error_description}, or {@code null} for none, as
	 * Keycloak's {@code {"error":"Realm does not exist"}}
	 * @return the exception
	 */
	static OAuthException plain(int status, String error, @Nullable String description) {
		return new OAuthException(0, error, null, status, (description != null) ? description : error,
				description != null);
	}

	/**
	 * Return the AADSTS number.
	 * @return the number, 0 for a plain error
	 */
	int code() {
		return this.code;
	}

	String error() {
		return this.error;
	}

	@Nullable String suberror() {
		return this.suberror;
	}

	int status() {
		return this.status;
	}

	/**
	 * Return the {@code error_description} to send.
	 * @return the description, or {@code null} for a plain error without one
	 */
	@Nullable String description() {
		return this.described ? getMessage() : null;
	}

}
