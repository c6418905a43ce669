package dev.desktopidentity.test;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import org.jspecify.annotations.Nullable;

/**
 * The {@code claims} request parameter. Its {@code access_token.xms_cc} (client
 * capabilities, such as {@code cp1}) and {@code access_token.acrs} (authentication
 * context) entries are reflected in the access token as {@code xms_cc} and {@code acrs}
 * claims holding the requested values; other entries are only recorded.
 *
 * @param json the parameter as sent, or {@code null}
 * @param clientCapabilities the requested client capabilities
 * @param authenticationContexts the requested authentication context class references
 */
record RequestedClaims(@Nullable String json, List<String> clientCapabilities, List<String> authenticationContexts) {

	static final RequestedClaims NONE = new RequestedClaims(null, List.of(), List.of());

	/**
	 * Parse the parameter.
	 * @param json the parameter value
	 * @return the claims request
	 * @throws IllegalArgumentException when the value is not a JSON object
	 */
	static RequestedClaims parse(@Nullable String json) {
		if (json == null || json.isBlank()) {
			return NONE;
		}
		Map<String, Object> object;
		try {
			object = JSONObjectUtils.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("The claims parameter is not a JSON object");
		}
		Object accessToken = object.get("access_token");
		return new RequestedClaims(json, values(accessToken, "xms_cc"), values(accessToken, "acrs"));
	}

	private static List<String> values(@Nullable Object accessToken, String claim) {
		List<String> values = new ArrayList<>();
		if (accessToken instanceof Map<?, ?> claims && claims.get(claim) instanceof Map<?, ?> request) {
			if (request.get("values") instanceof List<?> list) {
				list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(values::add);
			}
			if (request.get("value") instanceof String value) {
				values.add(value);
			}
		}
		return List.copyOf(values);
	}

	void applyTo(JWTClaimsSet.Builder accessToken) {
		if (!this.clientCapabilities.isEmpty()) {
			accessToken.claim("xms_cc", this.clientCapabilities);
		}
		if (!this.authenticationContexts.isEmpty()) {
			accessToken.claim("acrs", this.authenticationContexts);
		}
	}

}
