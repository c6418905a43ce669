package dev.desktopidentity.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The {@code Bearer} challenge of a {@code WWW-Authenticate} response header (RFC 6750
 * section 3): its {@code error} and, for a claims challenge, its {@code claims}.
 *
 * @param error the {@code error} parameter, or {@code null}
 * @param claims the decoded {@code claims} parameter (a JSON object), or {@code null}
 */
record BearerChallenge(@Nullable String error, @Nullable String claims) {

	/**
	 * Return the {@code Bearer} challenge among the values of {@code WWW-Authenticate}
	 * headers.
	 * @param headerValues the header values
	 * @return the challenge, or {@code null} when there is none
	 */
	public static @Nullable BearerChallenge find(List<String> headerValues) {
		for (String value : headerValues) {
			Map<String, String> parameters = bearerParameters(value);
			if (parameters != null) {
				return new BearerChallenge(parameters.get("error"), decodeClaims(parameters.get("claims")));
			}
		}
		return null;
	}

	/**
	 * Return whether the challenge asks for a token with more claims (continuous access
	 * evaluation, conditional access) and says which.
	 * @return whether this is a claims challenge
	 */
	public boolean isClaimsChallenge() {
		return "insufficient_claims".equals(this.error) && this.claims != null;
	}

	/**
	 * Return whether the challenge says the token is expired, revoked or malformed.
	 * @return whether the error is {@code invalid_token}
	 */
	public boolean isInvalidToken() {
		return "invalid_token".equals(this.error);
	}

	private static @Nullable Map<String, String> bearerParameters(String header) {
		int start = indexOfBearer(header);
		if (start < 0) {
			return null;
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		int i = start;
		int length = header.length();
		while (i < length) {
			while (i < length && (header.charAt(i) == ' ' || header.charAt(i) == ',')) {
				i++;
			}
			int nameStart = i;
			while (i < length && header.charAt(i) != '=' && header.charAt(i) != ' ' && header.charAt(i) != ',') {
				i++;
			}
			String name = header.substring(nameStart, i).toLowerCase(Locale.ROOT);
			if (i >= length || header.charAt(i) != '=') {
				// a token without '=' starts the next challenge
				break;
			}
			i++;
			StringBuilder value = new StringBuilder();
			if (i < length && header.charAt(i) == '"') {
				i++;
				while (i < length && header.charAt(i) != '"') {
					if (header.charAt(i) == '\\' && i + 1 < length) {
						i++;
					}
					value.append(header.charAt(i++));
				}
				i++;
			}
			else {
				while (i < length && header.charAt(i) != ',') {
					value.append(header.charAt(i++));
				}
			}
			parameters.putIfAbsent(name, value.toString().strip());
		}
		return parameters;
	}

	private static int indexOfBearer(String header) {
		String lower = header.toLowerCase(Locale.ROOT);
		int at = lower.indexOf("bearer");
		while (at >= 0) {
			boolean startsChallenge = at == 0 || lower.charAt(at - 1) == ' ' || lower.charAt(at - 1) == ',';
			int end = at + 6;
			if (startsChallenge && (end == lower.length() || lower.charAt(end) == ' ')) {
				return end;
			}
			at = lower.indexOf("bearer", at + 1);
		}
		return -1;
	}

	/**
	 * Microsoft Entra sends the claims base64-encoded; other servers may send the JSON.
	 */
	private static @Nullable String decodeClaims(@Nullable String claims) {
		if (claims == null || claims.isBlank()) {
			return null;
		}
		if (claims.strip().startsWith("{")) {
			return claims.strip();
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(claims.strip()), StandardCharsets.UTF_8).strip();
			return decoded.startsWith("{") ? decoded : null;
		}
		catch (IllegalArgumentException ex) {
			try {
				String decoded = new String(Base64.getUrlDecoder().decode(claims.strip()), StandardCharsets.UTF_8)
					.strip();
				return decoded.startsWith("{") ? decoded : null;
			}
			catch (IllegalArgumentException notBase64Url) {
				return null;
			}
		}
	}

}
