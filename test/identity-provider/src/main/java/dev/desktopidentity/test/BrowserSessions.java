package dev.desktopidentity.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * Browser sign-in sessions, identified by an HttpOnly cookie, each with the accounts
 * signed in through it. Thread-safe.
 */
final class BrowserSessions {

	private final String cookieName;

	private final Map<String, List<String>> sessions = new ConcurrentHashMap<>();

	/**
	 * Create the sessions of one provider.
	 * @param providerPort the provider's HTTPS port, part of the cookie name so that
	 * several providers on loopback keep their own sessions
	 */
	BrowserSessions(int providerPort) {
		this.cookieName = "local_idp_session_" + providerPort;
	}

	/**
	 * Return the accounts signed in through the calling browser, oldest first.
	 * @param call the call
	 * @param users the user directory
	 * @return the accounts
	 */
	List<LocalUser> accounts(HttpCall call, UserDirectory users) {
		List<String> usernames = session(call);
		List<LocalUser> accounts = new ArrayList<>();
		if (usernames != null) {
			for (String username : usernames) {
				LocalUser user = users.find(username);
				if (user != null) {
					accounts.add(user);
				}
			}
		}
		return accounts;
	}

	/**
	 * Add an account to the calling browser's session, starting one when needed.
	 * @param call the call
	 * @param user the user who signed in
	 */
	void signIn(HttpCall call, LocalUser user) {
		List<String> usernames = session(call);
		if (usernames == null) {
			String id = Randoms.opaque();
			usernames = new CopyOnWriteArrayList<>();
			this.sessions.put(id, usernames);
			call.setCookie(this.cookieName, id);
		}
		String key = LocalUser.key(user.username());
		usernames.remove(key);
		usernames.add(key);
	}

	/**
	 * Sign a user out of every browser session.
	 * @param user the user
	 */
	void signOutEverywhere(LocalUser user) {
		String key = LocalUser.key(user.username());
		this.sessions.values().forEach((usernames) -> usernames.remove(key));
	}

	private @Nullable List<String> session(HttpCall call) {
		String id = call.cookie(this.cookieName);
		return (id != null) ? this.sessions.get(id) : null;
	}

}
