package dev.desktopidentity.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Microsoft Entra errors that {@link Fault#entraError(int)} answers with, by AADSTS
 * number, worded as Microsoft Entra words them: how the token endpoint sends each (its
 * {@code error}, suberror and HTTP status) and which {@code error} the authorization
 * endpoint sends to the redirect URI. Placeholders in braces are filled from the request.
 */
final class EntraErrorCatalog {

	private static final Map<Integer, Answer> ANSWERS = new LinkedHashMap<>();

	static {
		add(50011, "invalid_request", null, 400, "invalid_request",
				"The redirect URI '{redirect_uri}' specified in the request does not match the redirect URIs configured "
						+ "for the application '{client_id}'. Make sure the redirect URI sent in the request matches one "
						+ "added to your application in the Azure portal.");
		add(500113, "invalid_request", null, 400, "invalid_request", "No reply address is registered for the application.");
		add(9002327, "invalid_request", null, 400, "invalid_request",
				"Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin "
						+ "requests.");
		add(700016, "unauthorized_client", null, 400, "unauthorized_client",
				"Application with identifier '{client_id}' was not found in the directory '{tenant}'. This can happen if "
						+ "the application has not been installed by the administrator of the tenant or consented to by "
						+ "any user in the tenant. You may have sent your authentication request to the wrong tenant.");
		add(50194, "invalid_request", null, 400, "invalid_request",
				"Application '{client_id}' is not configured as a multi-tenant application. Usage of the /common "
						+ "endpoint is not supported for such applications created after '10/15/2018'. Use a "
						+ "tenant-specific endpoint or configure the application to be multi-tenant.");
		add(7000218, "invalid_client", null, 401, "invalid_client",
				"The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
		add(65001, "invalid_grant", "consent_required", 400, "consent_required",
				"The user or administrator has not consented to use the application with ID '{client_id}'. Send an "
						+ "interactive authorization request for this user and resource.");
		add(65004, "invalid_grant", null, 400, "access_denied", "User declined to consent to access the app.");
		add(50076, "invalid_grant", "basic_action", 400, "interaction_required",
				"Due to a configuration change made by your administrator, or because you moved to a new location, you "
						+ "must use multi-factor authentication to access '{resource}'.");
		add(50079, "invalid_grant", "basic_action", 400, "interaction_required",
				"Due to a configuration change made by your administrator, or because you moved to a new location, you "
						+ "must enroll in multi-factor authentication to access '{resource}'.");
		add(50074, "invalid_grant", "basic_action", 400, "interaction_required", "Strong Authentication is required.");
		add(53003, "invalid_grant", null, 400, "access_denied",
				"Access has been blocked by Conditional Access policies. The access policy does not allow token "
						+ "issuance.");
		add(53000, "invalid_grant", null, 400, "access_denied",
				"Device is not in required device state: compliant. Conditional Access policy requires a compliant "
						+ "device, and the device is not compliant. The user must enroll their device with an approved "
						+ "MDM provider like Intune.");
		add(53001, "invalid_grant", null, 400, "access_denied",
				"Device is not in required device state: domain_joined. Conditional Access policy requires a domain "
						+ "joined device, and the device is not domain joined.");
		add(50020, "invalid_request", null, 400, "invalid_request",
				"User account '{user}' from identity provider 'live.com' does not exist in tenant '{tenant}' and cannot "
						+ "access the application '{client_id}' in that tenant. The account needs to be added as an "
						+ "external user in the tenant first.");
		add(90002, "invalid_request", null, 400, "invalid_request",
				"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the "
						+ "correct cloud.");
		add(70011, "invalid_scope", null, 400, "invalid_scope",
				"The provided request must include a 'scope' input parameter. The provided value for the input "
						+ "parameter 'scope' is not valid.");
		add(500011, "invalid_resource", null, 400, "invalid_resource",
				"The resource principal named {resource} was not found in the tenant named {tenant}. This can happen if "
						+ "the application has not been installed by the administrator of the tenant or consented to by "
						+ "any user in the tenant. You might have sent your authentication request to the wrong tenant.");
		add(650057, "invalid_client", null, 400, "invalid_client",
				"Invalid resource. The client has requested access to a resource which is not listed in the requested "
						+ "permissions in the client's application registration.");
		add(50105, "invalid_grant", null, 400, "access_denied",
				"Your administrator has configured the application '{client_id}' to block users unless they are "
						+ "specifically granted ('assigned') access to the application.");
		add(50173, "invalid_grant", "bad_token", 400, "invalid_grant",
				"The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might "
						+ "have changed or reset their password.");
		add(700082, "invalid_grant", "bad_token", 400, "invalid_grant",
				"The refresh token has expired due to inactivity. The token was issued on 2026-01-01T00:00:00Z and was "
						+ "inactive for 90.00:00:00.");
		add(70043, "invalid_grant", "bad_token", 400, "invalid_grant",
				"The refresh token has expired or is invalid due to sign-in frequency checks by conditional access.");
		add(70008, "invalid_grant", null, 400, "invalid_grant",
				"The provided authorization code or refresh token has expired due to inactivity. Send a new "
						+ "interactive authorization request for this user and resource.");
	}

	private EntraErrorCatalog() {
	}

	private static void add(int code, String error, @Nullable String suberror, int status, String redirectError,
			String text) {
		ANSWERS.put(code, new Answer(code, error, suberror, status, redirectError, text));
	}

	static Set<Integer> codes() {
		return new TreeSet<>(ANSWERS.keySet());
	}

	static Answer require(int code) {
		Answer answer = ANSWERS.get(code);
		if (answer == null) {
			throw new IllegalArgumentException("No Microsoft Entra error AADSTS" + code + " here; known are " + codes());
		}
		return answer;
	}

	/**
	 * How the provider answers with one error.
	 *
	 * @param code the AADSTS number
	 * @param error the token endpoint's {@code error}
	 * @param suberror the token endpoint's {@code suberror}
	 * @param status the token endpoint's HTTP status
	 * @param redirectError the {@code error} sent to the redirect URI
	 * @param text the description after {@code AADSTS<code>: }, with placeholders
	 */
	record Answer(int code, String error, @Nullable String suberror, int status, String redirectError, String text) {

		/**
		 * Return the exception that answers a call.
		 * @param call the call
		 * @param tenant the tenant path segment
		 * @param redirect whether the answer goes to the redirect URI
		 * @return the exception
		 */
		OAuthException toException(HttpCall call, String tenant, boolean redirect) {
			String scope = String.valueOf(call.parameter("scope"));
			String resource = scope.contains("/") ? scope.split("\\s+")[0].replaceAll("/[^/]*$", "") : scope;
			String description = "AADSTS" + this.code + ": " + this.text
				.replace("{client_id}", String.valueOf(call.parameter("client_id")))
				.replace("{redirect_uri}", String.valueOf(call.parameter("redirect_uri")))
				.replace("{tenant}", tenant)
				.replace("{resource}", resource)
				.replace("{user}", (call.parameter("login_hint") != null) ? call.parameter("login_hint")
						: "user@fabrikam.test");
			return redirect ? OAuthException.entra(this.code, this.redirectError, null, 302, description)
					: OAuthException.entra(this.code, this.error, this.suberror, this.status, description);
		}

	}

}
