package dev.desktopidentity.test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The provider's users, keyed by case-insensitive username. Thread-safe.
 */
final class UserDirectory {

	private final Map<String, LocalUser> users = new ConcurrentHashMap<>();

	UserDirectory(List<LocalUser> initial) {
		initial.forEach((user) -> this.users.put(LocalUser.key(user.username()), user));
	}

	@Nullable LocalUser find(String username) {
		return this.users.get(LocalUser.key(username));
	}

	LocalUser require(String username) {
		LocalUser user = find(username);
		if (user == null) {
			throw new IllegalArgumentException("No user '" + username + "'");
		}
		return user;
	}

	@Nullable LocalUser authenticate(@Nullable String username, @Nullable String password) {
		if (username == null || password == null) {
			return null;
		}
		LocalUser user = find(username);
		return (user != null && user.passwordMatches(password)) ? user : null;
	}

	/**
	 * Create a user, as the sign-up page does.
	 * @param username the username
	 * @param password the password
	 * @param displayName the display name
	 * @return the user, or {@code null} when the username is taken
	 */
	@Nullable LocalUser create(String username, String password, String displayName) {
		LocalUser user = new LocalUser(username.trim(), password, displayName.trim(), UUID.randomUUID());
		return (this.users.putIfAbsent(LocalUser.key(username), user) != null) ? null : user;
	}

}
