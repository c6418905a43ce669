package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * Looks up a secret in the Secret Service over the D-Bus session bus's socket, without
 * native code: search by attributes, then read the first unlocked item in an encrypted
 * session, as libsecret's {@code secret_password_lookup_sync} does. Items that only a
 * locked collection holds are reported as such: unlocking one may need a password prompt,
 * which is left to libsecret.
 * <p>
 * As libsecret does, the connection to the bus and the encrypted session stay open for the
 * next lookup in the JVM: setting them up is most of a lookup's time (a new bus client, and
 * Diffie-Hellman on both sides). A lookup that finds them in use by another, which may be
 * waiting for a slow service, uses a connection of its own; one that fails on them tries
 * once more on a new connection, in case the bus or the service has been restarted since,
 * unless they did not answer in time.
 *
 * @param secret the secret, or {@code null} if no unlocked item matches
 * @param locked whether matching items exist but are all locked
 */
record SecretServiceLookup(byte @Nullable [] secret, boolean locked) {

	private static final String SERVICE = "org.freedesktop.secrets";

	private static final String SERVICE_PATH = "/org/freedesktop/secrets";

	private static final String SERVICE_INTERFACE = "org.freedesktop.Secret.Service";

	private static final ReentrantLock sharedLock = new ReentrantLock();

	// Guarded by sharedLock
	private static @Nullable Client shared;

	/**
	 * Look up a secret.
	 * @param socket the session bus's socket
	 * @param attributes the attributes of the item
	 * @param timeout how long each exchange with the bus and the service may wait
	 * @return what was found
	 * @throws DBusException if the bus or the service cannot be reached or fails
	 * @throws GeneralSecurityException if the session cannot be set up or the secret
	 * cannot be decrypted
	 */
	static SecretServiceLookup lookUp(Path socket, Map<String, String> attributes, Duration timeout)
			throws DBusException, GeneralSecurityException {
		if (!sharedLock.tryLock()) {
			try (Client own = Client.connect(socket, timeout)) {
				return own.lookUp(attributes);
			}
		}
		try {
			Client reused = shared;
			shared = null;
			if (reused != null && reused.socket().equals(socket)) {
				try {
					SecretServiceLookup found = reused.lookUp(attributes);
					shared = reused;
					return found;
				}
				catch (DBusTimeoutException ex) {
					// a service that hangs would hang again: no second wait
					reused.close();
					throw ex;
				}
				catch (DBusException | GeneralSecurityException | RuntimeException ex) {
					// the bus or the service may have been restarted since: a new connection below
					reused.close();
				}
			}
			else if (reused != null) {
				reused.close();
			}
			Client client = Client.connect(socket, timeout);
			try {
				SecretServiceLookup found = client.lookUp(attributes);
				shared = client;
				return found;
			}
			finally {
				if (shared != client) {
					client.close();
				}
			}
		}
		finally {
			sharedLock.unlock();
		}
	}

	static List<Object> callService(DBusConnection bus, String method, String signature, List<?> arguments,
			String replySignature) throws DBusException {
		return bus.call(SERVICE, SERVICE_PATH, SERVICE_INTERFACE, method, signature, arguments, replySignature);
	}

	/**
	 * Rehearse a lookup's messages without a bus (see {@link EncryptionRehearsal}).
	 * @throws IOException if the JDK cannot create a channel
	 */
	static void rehearse() throws IOException {
		DBusConnection.rehearse(SERVICE, SERVICE_PATH, SERVICE_INTERFACE, "SearchItems", "a{ss}",
				List.of(Map.of("cache", "rehearsal")));
	}

	@Override
	public String toString() {
		return "SecretServiceLookup[found=" + (this.secret != null) + ", locked=" + this.locked + "]";
	}

	/**
	 * A connection to the bus and, once a secret has been read, the session it was read in.
	 */
	private static final class Client implements AutoCloseable {

		private final Path socket;

		private final DBusConnection bus;

		private @Nullable SecretServiceSession session;

		private Client(Path socket, DBusConnection bus) {
			this.socket = socket;
			this.bus = bus;
		}

		static Client connect(Path socket, Duration timeout) throws DBusException {
			return new Client(socket, DBusConnection.open(socket, timeout));
		}

		Path socket() {
			return this.socket;
		}

		SecretServiceLookup lookUp(Map<String, String> attributes) throws DBusException, GeneralSecurityException {
			List<Object> found = callService(this.bus, "SearchItems", "a{ss}", List.of(attributes), "aoao");
			List<?> unlocked = (List<?>) found.get(0);
			if (unlocked.isEmpty()) {
				return new SecretServiceLookup(null, !((List<?>) found.get(1)).isEmpty());
			}
			SecretServiceSession session = this.session;
			if (session == null) {
				session = SecretServiceSession.open(this.bus);
				this.session = session;
			}
			List<?> secret = (List<?>) this.bus
				.call(SERVICE, (String) unlocked.get(0), "org.freedesktop.Secret.Item", "GetSecret", "o",
						List.of(session.path()), "(oayays)")
				.get(0);
			return new SecretServiceLookup(session.decrypt((byte[]) secret.get(1), (byte[]) secret.get(2)), false);
		}

		@Override
		public void close() {
			// the service closes the session with the connection
			this.bus.close();
		}

	}

}
