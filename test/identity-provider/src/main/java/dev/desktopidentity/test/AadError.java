package dev.desktopidentity.test;

import org.jspecify.annotations.Nullable;

/**
 * Errors of the Microsoft identity platform that the provider reproduces, with their
 * AADSTS codes, OAuth error codes, suberrors and HTTP statuses.
 */
enum AadError {

	MISSING_PARAMETER(900144, "invalid_request", "The request body must contain the following parameter: '%s'."),

	INVALID_PARAMETER(90100, "invalid_request", "%s parameter is empty or not valid. %s"),

	TENANT_NOT_FOUND(90002, "invalid_request",
			"Tenant '%s' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."),

	FORM_REQUIRED(900144, "invalid_request",
			"The request body must be application/x-www-form-urlencoded; the Content-Type was '%s'."),

	POST_REQUIRED(900561, "invalid_request", "The endpoint only accepts POST requests. Received a %s request."),

	UNSUPPORTED_RESPONSE_TYPE(70005, "unsupported_response_type",
			"The response_type '%s' is not supported; this provider supports 'code' only."),

	UNSUPPORTED_GRANT_TYPE(70003, "unsupported_grant_type", "The app requested an unsupported grant type '%s'."),

	UNKNOWN_CLIENT(700016, "unauthorized_client",
			"Application with identifier '%s' was not found in the directory '%s'. This can happen if the application "
					+ "has not been installed by the administrator of the tenant or consented to by any user in the "
					+ "tenant. You may have sent your authentication request to the wrong tenant."),

	PUBLIC_CLIENT_WITH_CREDENTIAL(700025, "invalid_client", null, 401,
			"Client is public so neither 'client_assertion' nor 'client_secret' should be presented."),

	REDIRECT_URI_MISMATCH(50011, "invalid_request",
			"The redirect URI '%s' specified in the request does not match the redirect URIs configured for the "
					+ "application '%s'. Make sure the redirect URI sent in the request matches one added to your "
					+ "application."),

	REPLY_ADDRESS_MISMATCH(500112, "invalid_grant",
			"The reply address '%s' does not match the reply address provided when requesting the authorization code."),

	INVALID_GRANT(70000, "invalid_grant", "%s"),

	MALFORMED_GRANT(9002313, "invalid_grant", "Invalid request. Request is malformed or invalid."),

	CODE_REDEEMED(54005, "invalid_grant",
			"OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing "
					+ "refresh token."),

	GRANT_EXPIRED(70008, "invalid_grant",
			"The provided authorization code or refresh token has expired due to inactivity. Send a new interactive "
					+ "authorization request for this user and resource."),

	PKCE_MISMATCH(501481, "invalid_grant",
			"The Code_Verifier does not match the code_challenge supplied in the authorization request."),

	REFRESH_TOKEN_EXPIRED(700082, "invalid_grant", "bad_token", 400,
			"The refresh token has expired due to inactivity. Send a new interactive authorization request for this "
					+ "user and resource."),

	REFRESH_TOKEN_REVOKED(50173, "invalid_grant", "bad_token", 400,
			"The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might "
					+ "have changed or reset their password."),

	CONSENT_REQUIRED(65001, "invalid_grant", "consent_required", 400,
			"The user or administrator has not consented to use the application with ID '%s'. Send an interactive "
					+ "authorization request for this user and resource."),

	AUTHORIZATION_PENDING(70016, "authorization_pending",
			"OAuth 2.0 device flow error. Authorization is pending. Continue polling."),

	AUTHORIZATION_DECLINED(70000, "authorization_declined", "The user declined the device code sign-in request."),

	DEVICE_CODE_EXPIRED(70020, "expired_token",
			"The provided value for the input parameter 'device_code' is not valid. This device code has expired."),

	BAD_VERIFICATION_CODE(70018, "bad_verification_code",
			"The provided value for the input parameter 'device_code' is not valid."),

	LOGIN_REQUIRED(50058, "login_required", "A silent sign-in request was sent but no user is signed in."),

	SELECT_ACCOUNT(16000, "interaction_required",
			"SelectUserAccount - More than one account is signed in; the user must select an account."),

	CONSENT_REQUIRED_INTERACTIVE(65001, "consent_required",
			"The user or administrator has not consented to use the application with ID '%s'. Send an interactive "
					+ "authorization request for this user and resource."),

	USER_DECLINED_CONSENT(65004, "access_denied", "User declined to consent to access the app."),

	TEMPORARILY_UNAVAILABLE(90006, "temporarily_unavailable", null, 500,
			"The service is temporarily unavailable. Please try again."),

	SERVER_ERROR(50000, "server_error", null, 500,
			"There was an error issuing a token or an issue with our sign-in service.");

	private final int code;

	private final String error;

	private final @Nullable String suberror;

	private final int status;

	private final String message;

	AadError(int code, String error, String message) {
		this(code, error, null, 400, message);
	}

	AadError(int code, String error, @Nullable String suberror, int status, String message) {
		this.code = code;
		this.error = error;
		this.suberror = suberror;
		this.status = status;
		this.message = message;
	}

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
	 * Return the description without trace details, such as
	 * {@code AADSTS54005: OAuth2 Authorization code was already redeemed...}.
	 * @param arguments the message arguments
	 * @return the description
	 */
	String describe(Object... arguments) {
		return "AADSTS" + this.code + ": " + String.format(this.message, arguments).trim();
	}

}
