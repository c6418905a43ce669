package dev.desktopidentity.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A user of a {@link LocalIdentityProvider}. The password is known to the provider but
 * never exposed.
 *
 * @since 0.1.0
 */
public final class LocalUser {

	private final String username;

	private final String password;

	private final String displayName;

	private final UUID objectId;

	LocalUser(String username, String password, String displayName, UUID objectId) {
		this.username = requireText(username, "username");
		this.password = requireText(password, "password");
		this.displayName = requireText(displayName, "displayName");
		this.objectId = Objects.requireNonNull(objectId, "'objectId' must not be null");
	}

	private static String requireText(String value, String name) {
		Objects.requireNonNull(value, () -> "'" + name + "' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("'" + name + "' must not be blank");
		}
		return value;
	}

	/**
	 * Return the username, the {@code preferred_username} of the user's tokens, for
	 * example {@code alice@contoso.test}.
	 * @return the username
	 */
	public String username() {
		return this.username;
	}

	/**
	 * Return the display name, the {@code name} claim of the user's ID tokens.
	 * @return the display name
	 */
	public String displayName() {
		return this.displayName;
	}

	/**
	 * Return the object id, the {@code oid} claim of the user's tokens and the
	 * {@code uid} of the home account id.
	 * @return the object id
	 */
	public UUID objectId() {
		return this.objectId;
	}

	LocalUser withObjectId(UUID newObjectId) {
		return new LocalUser(this.username, this.password, this.displayName, newObjectId);
	}

	boolean hasUsername(String candidate) {
		return key(this.username).equals(key(candidate));
	}

	boolean passwordMatches(String candidate) {
		return MessageDigest.isEqual(this.password.getBytes(StandardCharsets.UTF_8),
				candidate.getBytes(StandardCharsets.UTF_8));
	}

	static String key(String username) {
		return username.trim().toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return "LocalUser[username=" + this.username + ", objectId=" + this.objectId + "]";
	}

}
