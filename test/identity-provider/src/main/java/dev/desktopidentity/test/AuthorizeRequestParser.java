package dev.desktopidentity.test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.Prompt;
import org.jspecify.annotations.Nullable;

/**
 * Validates authorization requests in two steps: first the client and redirect URI,
 * whose failures must not be redirected, then everything else, whose failures go back to
 * the verified redirect URI.
 */
final class AuthorizeRequestParser {

	private static final List<ResponseMode> RESPONSE_MODES = List.of(ResponseMode.QUERY, ResponseMode.FRAGMENT,
			ResponseMode.FORM_POST);

	private final ClientPolicy clients;

	private final String tenantId;

	AuthorizeRequestParser(ClientPolicy clients, String tenantId) {
		this.clients = clients;
		this.tenantId = tenantId;
	}

	/**
	 * Verify the client and redirect URI.
	 * @param parameters the request parameters
	 * @return the target of the response
	 * @throws OAuthException when the client or the redirect URI is not acceptable
	 */
	RedirectTarget target(Map<String, String> parameters) {
		String clientId = require(parameters, "client_id");
		if (!this.clients.accepts(clientId)) {
			throw new OAuthException(AadError.UNKNOWN_CLIENT, clientId, this.tenantId);
		}
		String redirectUri = require(parameters, "redirect_uri");
		if (!this.clients.allowsRedirect(clientId, redirectUri)) {
			throw new OAuthException(AadError.REDIRECT_URI_MISMATCH, redirectUri, clientId);
		}
		ResponseMode mode = ResponseMode.QUERY;
		String requestedMode = parameters.get("response_mode");
		if (requestedMode != null && RESPONSE_MODES.contains(new ResponseMode(requestedMode))) {
			mode = new ResponseMode(requestedMode);
		}
		return new RedirectTarget(clientId, URI.create(redirectUri), mode, parameters.get("state"));
	}

	/**
	 * Validate the rest of the request.
	 * @param parameters the request parameters
	 * @param target the verified target
	 * @param tenant the tenant path segment
	 * @return the request
	 * @throws OAuthException when a parameter is missing or not valid
	 */
	AuthorizeRequest parse(Map<String, String> parameters, RedirectTarget target, String tenant) {
		String responseType = require(parameters, "response_type");
		if (!responseType.equals("code")) {
			throw new OAuthException(AadError.UNSUPPORTED_RESPONSE_TYPE, responseType);
		}
		String responseMode = parameters.get("response_mode");
		if (responseMode != null && !target.responseMode().getValue().equals(responseMode)) {
			throw new OAuthException(AadError.INVALID_PARAMETER, "response_mode",
					"Use query, fragment or form_post.");
		}
		List<String> scopes = Scopes.parse(require(parameters, "scope"));
		String codeChallenge = codeChallenge(parameters);
		RequestedClaims claims;
		try {
			claims = RequestedClaims.parse(parameters.get("claims"));
		}
		catch (IllegalArgumentException ex) {
			throw new OAuthException(AadError.INVALID_PARAMETER, "claims", "It must be a JSON object.");
		}
		return new AuthorizeRequest(target, tenant, scopes, codeChallenge, blankToNull(parameters.get("nonce")),
				prompt(parameters.get("prompt")), blankToNull(parameters.get("login_hint")),
				blankToNull(parameters.get("domain_hint")), claims, parameters);
	}

	private static String codeChallenge(Map<String, String> parameters) {
		String challenge = require(parameters, "code_challenge");
		String method = parameters.getOrDefault("code_challenge_method", CodeChallengeMethod.PLAIN.getValue());
		if (!CodeChallengeMethod.S256.getValue().equals(method)) {
			throw new OAuthException(AadError.INVALID_PARAMETER, "code_challenge_method",
					"Only S256 is supported; 'plain' is refused.");
		}
		if (!challenge.matches("[A-Za-z0-9_-]{43}")) {
			throw new OAuthException(AadError.INVALID_PARAMETER, "code_challenge",
					"An S256 challenge is 43 base64url characters.");
		}
		return challenge;
	}

	private static @Nullable Prompt prompt(@Nullable String value) {
		try {
			Prompt prompt = Prompt.parse(blankToNull(value));
			if (prompt != null && !prompt.isValid()) {
				throw new ParseException("Invalid prompt combination");
			}
			return prompt;
		}
		catch (ParseException ex) {
			throw new OAuthException(AadError.INVALID_PARAMETER, "prompt",
					"Use login, none, consent, select_account or create.");
		}
	}

	private static String require(Map<String, String> parameters, String name) {
		String value = blankToNull(parameters.get(name));
		if (value == null) {
			throw new OAuthException(AadError.MISSING_PARAMETER, name);
		}
		return value;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
