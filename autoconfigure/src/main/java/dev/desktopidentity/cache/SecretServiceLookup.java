package dev.desktopidentity.cache;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Looks up a secret in the Secret Service over the D-Bus session bus's socket, without
 * native code: search by attributes, then read the first unlocked item in an encrypted
 * session, as libsecret's {@code secret_password_lookup_sync} does. Items that only a
 * locked collection holds are reported as such: unlocking one may need a password prompt,
 * which is left to libsecret.
 *
 * @param secret the secret, or {@code null} if no unlocked item matches
 * @param locked whether matching items exist but are all locked
 */
record SecretServiceLookup(byte @Nullable [] secret, boolean locked) {

	private static final String SERVICE = "org.freedesktop.secrets";

	private static final String SERVICE_PATH = "/org/freedesktop/secrets";

	/**
	 * Look up a secret.
	 * @param socket the session bus's socket
	 * @param attributes the attributes of the item
	 * @param timeout how long to wait for the bus and the service, in all
	 * @return what was found
	 * @throws DBusException if the bus or the service cannot be reached or fails
	 * @throws GeneralSecurityException if the session cannot be set up or the secret
	 * cannot be decrypted
	 */
	static SecretServiceLookup lookUp(Path socket, Map<String, String> attributes, Duration timeout)
			throws DBusException, GeneralSecurityException {
		try (DBusConnection bus = DBusConnection.open(socket, timeout)) {
			List<Object> found = callService(bus, "SearchItems", "a{ss}", List.of(attributes), "aoao");
			List<?> unlocked = (List<?>) found.get(0);
			if (unlocked.isEmpty()) {
				return new SecretServiceLookup(null, !((List<?>) found.get(1)).isEmpty());
			}
			SecretServiceSession session = SecretServiceSession.open(bus);
			List<?> secret = (List<?>) bus
				.call(SERVICE, (String) unlocked.get(0), "org.freedesktop.Secret.Item", "GetSecret", "o",
						List.of(session.path()), "(oayays)")
				.get(0);
			return new SecretServiceLookup(session.decrypt((byte[]) secret.get(1), (byte[]) secret.get(2)), false);
		}
	}

	static List<Object> callService(DBusConnection bus, String method, String signature, List<?> arguments,
			String replySignature) throws DBusException {
		return bus.call(SERVICE, SERVICE_PATH, "org.freedesktop.Secret.Service", method, signature, arguments,
				replySignature);
	}

	@Override
	public String toString() {
		return "SecretServiceLookup[found=" + (this.secret != null) + ", locked=" + this.locked + "]";
	}

}
