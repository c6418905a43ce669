package dev.desktopidentity.cache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import dev.desktopidentity.cache.TokenCacheEntries.CachedAccessToken;
import dev.desktopidentity.cache.TokenCacheEntries.CachedAccount;

import org.jspecify.annotations.Nullable;

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
 * {@code IdToken}, {@code AppMetadata}; other top-level keys are checked to be JSON and
 * otherwise ignored, as MSAL4J ignores them): the section is an object of objects; every
 * field that MSAL4J reads is a string when present, and present once (MSAL4J would take
 * the last); the fields it dereferences are present; the numbers it parses are numbers;
 * the ID token it decodes is a JWT with a JSON object as payload. Problems name the
 * section and field, never a value. The accounts and access tokens are read on the way
 * (see {@link TokenCacheEntries}).
 */
final class TokenCacheShape {

	private static final Map<String, Section> SECTIONS = Map.of(
			"Account", new Section(List.of("home_account_id", "environment", "realm", "local_account_id", "username",
					"name", "client_info", "user_assertion_hash", "authority_type"),
					List.of("home_account_id", "environment"), List.of()),
			"AccessToken", new Section(List.of("home_account_id", "environment", "client_id", "secret",
					"user_assertion_hash", "credential_type", "realm", "target", "cached_at", "expires_on",
					"extended_expires_on", "refresh_on", "ext_cache_key_hash"),
					List.of("environment", "client_id", "realm", "target", "expires_on"),
					List.of("cached_at", "expires_on", "extended_expires_on", "refresh_on")),
			"RefreshToken", new Section(List.of("home_account_id", "environment", "client_id", "secret",
					"credential_type", "family_id"),
					List.of("home_account_id", "environment", "client_id"), List.of()),
			"IdToken", new Section(List.of("home_account_id", "environment", "client_id", "secret",
					"user_assertion_hash", "credential_type", "realm"),
					List.of("home_account_id", "environment", "client_id", "realm", "secret"), List.of()),
			"AppMetadata", new Section(List.of("client_id", "environment", "family_id"),
					List.of("client_id", "environment"), List.of()));

	private TokenCacheShape() {
	}

	/**
	 * Check cache JSON, and read its accounts and access tokens.
	 * @param json the JSON, as written by {@code ITokenCache.serialize()}
	 * @return the accounts and access tokens
	 * @throws UnreadableCacheException if MSAL4J could not use it safely
	 */
	static TokenCacheEntries check(String json) throws UnreadableCacheException {
		if (json.isBlank()) {
			throw new UnreadableCacheException("it is empty");
		}
		CacheJson reader = new CacheJson(json);
		if (!reader.enterObject()) {
			throw new UnreadableCacheException("it is not a JSON object");
		}
		List<CachedAccount> accounts = new ArrayList<>();
		List<CachedAccessToken> accessTokens = new ArrayList<>();
		for (String name = reader.nextKey(); name != null; name = reader.nextKey()) {
			Section section = SECTIONS.get(name);
			if (section == null) {
				reader.skipValue();
			}
			else if ("Account".equals(name)) {
				section.check(name, reader, (entry) -> accounts.add(new CachedAccount(entry.required("home_account_id"),
						entry.required("environment"), entry.get("realm"), entry.get("username"))));
			}
			else if ("AccessToken".equals(name)) {
				section.check(name, reader, (entry) -> {
					if (isPlain(entry.get("credential_type"), entry.get("user_assertion_hash"),
							entry.get("ext_cache_key_hash"))) {
						String refreshOn = entry.get("refresh_on");
						accessTokens.add(new CachedAccessToken(entry.get("home_account_id"),
								entry.required("environment"), entry.required("client_id"), entry.required("realm"),
								entry.required("target"),
								entry.get("secret"), Long.parseLong(entry.required("expires_on")),
								(refreshOn != null) ? Long.valueOf(refreshOn) : null));
					}
				});
			}
			else {
				section.check(name, reader, null);
			}
		}
		reader.end();
		return new TokenCacheEntries(accounts, accessTokens);
	}

	/**
	 * Return whether an access token is one that a public client's plain request gets: a
	 * bearer token, not one bound to a key or obtained on behalf of another user.
	 */
	private static boolean isPlain(@Nullable String credentialType, @Nullable String userAssertionHash,
			@Nullable String extCacheKeyHash) {
		return (credentialType == null || "AccessToken".equalsIgnoreCase(credentialType))
				&& (userAssertionHash == null || userAssertionHash.isEmpty())
				&& (extCacheKeyHash == null || extCacheKeyHash.isEmpty());
	}

	/**
	 * What MSAL4J reads from the entries of one section.
	 *
	 * @param read the fields MSAL4J reads as strings
	 * @param required the fields it dereferences
	 * @param numeric the fields it parses as numbers
	 */
	private record Section(List<String> read, List<String> required, List<String> numeric) {

		/**
		 * Check the section, handing each entry's fields to the given consumer if there
		 * is one.
		 */
		void check(String name, CacheJson reader, @Nullable Consumer<Entry> entries)
				throws UnreadableCacheException {
			if (!reader.enterObject()) {
				throw new UnreadableCacheException("its " + name + " section is not an object");
			}
			while (reader.nextKey() != null) {
				if (!reader.enterObject()) {
					throw new UnreadableCacheException("an entry of its " + name + " section is not an object");
				}
				@Nullable String[] values = checkEntry(name, reader, entries != null);
				if (entries != null) {
					entries.accept(new Entry(this, values));
				}
			}
		}

		private @Nullable String[] checkEntry(String name, CacheJson reader, boolean keep)
				throws UnreadableCacheException {
			@Nullable String[] values = new String[this.read.size()];
			boolean[] seen = new boolean[this.read.size()];
			for (String key = reader.nextKey(); key != null; key = reader.nextKey()) {
				int field = this.read.indexOf(key);
				if (field == -1) {
					reader.skipValue();
					continue;
				}
				if (seen[field]) {
					throw new UnreadableCacheException(
							"the " + key + " of an entry of its " + name + " section appears twice");
				}
				if (reader.nullValue()) {
					continue;
				}
				if (!reader.isString()) {
					throw new UnreadableCacheException(
							"the " + key + " of an entry of its " + name + " section is not a string");
				}
				seen[field] = true;
				boolean numeric = this.numeric.contains(key);
				boolean idToken = "IdToken".equals(name) && "secret".equals(key);
				if (!numeric && !idToken && !keep) {
					reader.skipValue();
					continue;
				}
				String value = reader.stringValue();
				if (numeric && !isLong(value)) {
					throw new UnreadableCacheException(
							"the " + key + " of an entry of its " + name + " section is not a number");
				}
				if (idToken && !isJwtWithClaims(value)) {
					throw new UnreadableCacheException("an ID token in it is not a JWT");
				}
				values[field] = value;
			}
			for (String required : this.required) {
				if (!seen[this.read.indexOf(required)]) {
					throw new UnreadableCacheException("an entry of its " + name + " section has no " + required);
				}
			}
			return values;
		}

		private static boolean isLong(@Nullable String value) {
			if (value == null) {
				return false;
			}
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
		private static boolean isJwtWithClaims(@Nullable String token) {
			if (token == null) {
				return false;
			}
			String[] parts = token.split("\\.");
			if (parts.length < 2) {
				return false;
			}
			try {
				CacheJson payload = new CacheJson(
						new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
				if (!payload.enterObject()) {
					return false;
				}
				while (payload.nextKey() != null) {
					payload.skipValue();
				}
				payload.end();
				return true;
			}
			catch (IllegalArgumentException | UnreadableCacheException ex) {
				return false;
			}
		}

	}

	/**
	 * The fields of a checked entry that MSAL4J reads.
	 */
	private record Entry(Section section, @Nullable String[] values) {

		@Nullable String get(String field) {
			return this.values[this.section.read().indexOf(field)];
		}

		/**
		 * Return a field that the check has found present.
		 */
		String required(String field) {
			return Objects.requireNonNull(get(field));
		}

	}

}
