package dev.desktopidentity.cache;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that cache JSON has the shape MSAL4J 1.26 needs before it is handed to
 * {@code ITokenCache.deserialize}. MSAL4J's deserializer accepts any JSON object and
 * drops what it cannot read, but its later reads dereference fields without checking
 * them: a cached account without {@code home_account_id} makes every {@code getAccounts()}
 * throw a {@link NullPointerException}, an access token whose {@code expires_on} is not a
 * number a {@link NumberFormatException}, an ID token that is not a JWT an
 * {@code MsalClientException}. A cache with any such entry is damaged as a whole.
 * <p>
 * Checked per section ({@code Account}, {@code AccessToken}, {@code RefreshToken},
 * {@code IdToken}, {@code AppMetadata}; other top-level keys are ignored, as MSAL4J
 * ignores them): the section is an object of objects; every field that MSAL4J reads is
 * a string when present; the fields it dereferences are present; the numbers it parses
 * are numbers; the ID token it decodes is a JWT with a JSON object as payload. Problems
 * name the section and field, never a value.
 */
final class TokenCacheShape {

	private static final Map<String, Section> SECTIONS = Map.of(
			"Account", new Section(Set.of("home_account_id", "environment", "realm", "local_account_id", "username",
					"name", "client_info", "user_assertion_hash", "authority_type"),
					List.of("home_account_id", "environment"), List.of()),
			"AccessToken", new Section(Set.of("home_account_id", "environment", "client_id", "secret",
					"user_assertion_hash", "credential_type", "realm", "target", "cached_at", "expires_on",
					"extended_expires_on", "refresh_on", "ext_cache_key_hash"),
					List.of("environment", "client_id", "realm", "target", "expires_on"),
					List.of("cached_at", "expires_on", "extended_expires_on", "refresh_on")),
			"RefreshToken", new Section(Set.of("home_account_id", "environment", "client_id", "secret",
					"credential_type", "family_id"),
					List.of("home_account_id", "environment", "client_id"), List.of()),
			"IdToken", new Section(Set.of("home_account_id", "environment", "client_id", "secret",
					"user_assertion_hash", "credential_type", "realm"),
					List.of("home_account_id", "environment", "client_id", "realm", "secret"), List.of()),
			"AppMetadata", new Section(Set.of("client_id", "environment", "family_id"),
					List.of("client_id", "environment"), List.of()));

	private TokenCacheShape() {
	}

	/**
	 * Check cache JSON.
	 * @param json the JSON, as written by {@code ITokenCache.serialize()}
	 * @throws UnreadableCacheException if MSAL4J could not use it safely
	 */
	static void check(String json) throws UnreadableCacheException {
		if (json.isBlank()) {
			throw new UnreadableCacheException("it is empty");
		}
		if (!(CacheJson.parse(json) instanceof Map<?, ?> cache)) {
			throw new UnreadableCacheException("it is not a JSON object");
		}
		for (Map.Entry<?, ?> entry : cache.entrySet()) {
			Section section = SECTIONS.get((String) entry.getKey());
			if (section != null) {
				section.check((String) entry.getKey(), entry.getValue());
			}
		}
	}

	/**
	 * What MSAL4J reads from the entries of one section.
	 *
	 * @param read the fields MSAL4J reads as strings
	 * @param required the fields it dereferences
	 * @param numeric the fields it parses as numbers
	 */
	private record Section(Set<String> read, List<String> required, List<String> numeric) {

		void check(String name, Object section) throws UnreadableCacheException {
			if (!(section instanceof Map<?, ?> entries)) {
				throw new UnreadableCacheException("its " + name + " section is not an object");
			}
			for (Object entry : entries.values()) {
				if (!(entry instanceof Map<?, ?> fields)) {
					throw new UnreadableCacheException("an entry of its " + name + " section is not an object");
				}
				checkEntry(name, fields);
			}
		}

		private void checkEntry(String name, Map<?, ?> fields) throws UnreadableCacheException {
			for (Map.Entry<?, ?> field : fields.entrySet()) {
				if (this.read.contains(field.getKey()) && field.getValue() != CacheJson.NULL
						&& !(field.getValue() instanceof String)) {
					throw new UnreadableCacheException(
							"the " + field.getKey() + " of an entry of its " + name + " section is not a string");
				}
			}
			for (String required : this.required) {
				if (!(fields.get(required) instanceof String)) {
					throw new UnreadableCacheException("an entry of its " + name + " section has no " + required);
				}
			}
			for (String numeric : this.numeric) {
				if (fields.get(numeric) instanceof String value && !isLong(value)) {
					throw new UnreadableCacheException(
							"the " + numeric + " of an entry of its " + name + " section is not a number");
				}
			}
			if ("IdToken".equals(name) && !isJwtWithClaims((String) fields.get("secret"))) {
				throw new UnreadableCacheException("an ID token in it is not a JWT");
			}
		}

		private static boolean isLong(String value) {
			try {
				Long.parseLong(value);
				return true;
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}

		/**
		 * Return whether the token has a second part that decodes to a JSON object, as
		 * MSAL4J's {@code getAccounts} reads it.
		 */
		private static boolean isJwtWithClaims(String token) {
			String[] parts = token.split("\\.");
			if (parts.length < 2) {
				return false;
			}
			try {
				String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
				return CacheJson.parse(payload) instanceof Map;
			}
			catch (IllegalArgumentException | UnreadableCacheException ex) {
				return false;
			}
		}

	}

}
