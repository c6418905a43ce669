package dev.desktopidentity.test;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scopes each user has consented to per client, and the users who decline consent.
 * Thread-safe.
 */
final class ConsentStore {

	private final boolean preGranted;

	private final Map<String, Set<String>> grants = new ConcurrentHashMap<>();

	private final Set<String> decliningUsers = ConcurrentHashMap.newKeySet();

	ConsentStore(boolean preGranted) {
		this.preGranted = preGranted;
	}

	boolean granted(LocalUser user, String clientId, Collection<String> scopes) {
		if (this.preGranted) {
			return true;
		}
		Set<String> granted = this.grants.getOrDefault(key(user, clientId), Set.of());
		return scopes.stream().map(ConsentStore::normalize).allMatch(granted::contains);
	}

	void grant(LocalUser user, String clientId, Collection<String> scopes) {
		Set<String> granted = this.grants.computeIfAbsent(key(user, clientId), (key) -> ConcurrentHashMap.newKeySet());
		scopes.stream().map(ConsentStore::normalize).forEach(granted::add);
	}

	void declineAlways(String username) {
		this.decliningUsers.add(LocalUser.key(username));
	}

	boolean declines(LocalUser user) {
		return this.decliningUsers.contains(LocalUser.key(user.username()));
	}

	private static String key(LocalUser user, String clientId) {
		return user.objectId() + " " + clientId;
	}

	private static String normalize(String scope) {
		return scope.toLowerCase(Locale.ROOT);
	}

}
