package dev.desktopidentity.cache;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A secret in the freedesktop.org Secret Service (GNOME Keyring, KWallet, KeePassXC), in
 * the default collection, found by the client ID and the cache directory with the
 * attributes libsecret gives a password of the schema {@value #SCHEMA}.
 * <p>
 * Reading, which every run does, speaks D-Bus over the session bus's socket
 * ({@link SecretServiceLookup}): no native library is loaded. Writing and deleting,
 * reading from a locked collection (which may prompt for its password) and reading over
 * a bus that is not reached through a socket file go through libsecret
 * ({@link LibSecretStore}).
 */
final class SecretServiceStore implements SecretStore {

	static final String SCHEMA = "dev.desktopidentity.TokenCacheKey";

	static final String CLIENT_ID = "client-id";

	static final String CACHE = "cache";

	// Longer than the cache's wait for the store: a service that asks the user to allow
	// access (KeePassXC) may take a while, and the cache gives up first
	private static final Duration BUS_TIMEOUT = Duration.ofSeconds(30);

	private final Map<String, String> attributes;

	private final Map<String, String> environment;

	private final SecretStore libsecret;

	SecretServiceStore(String clientId, String cache) {
		this(clientId, cache, System.getenv(), new LibSecretStore(clientId, cache));
	}

	SecretServiceStore(String clientId, String cache, Map<String, String> environment, SecretStore libsecret) {
		this.attributes = Map.of("xdg:schema", SCHEMA, CLIENT_ID, clientId, CACHE, cache);
		this.environment = environment;
		this.libsecret = libsecret;
	}

	@Override
	public String name() {
		return "Secret Service";
	}

	@Override
	public byte @Nullable [] read() throws SecretStoreException {
		Path socket = DBusAddress.sessionBusSocket(this.environment);
		if (socket == null) {
			return this.libsecret.read();
		}
		SecretServiceLookup found;
		try {
			found = SecretServiceLookup.lookUp(socket, this.attributes, BUS_TIMEOUT);
		}
		catch (DBusException | GeneralSecurityException ex) {
			throw new SecretStoreException(
					"Failed to read the token cache key from the Secret Service: " + ex.getMessage(), ex);
		}
		if (found.locked()) {
			return this.libsecret.read();
		}
		return decode(found.secret());
	}

	private static byte @Nullable [] decode(byte @Nullable [] text) {
		if (text == null) {
			return null;
		}
		try {
			return Base64.getDecoder().decode(new String(text, StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		finally {
			Arrays.fill(text, (byte) 0);
		}
	}

	@Override
	public void write(byte[] secret) throws SecretStoreException {
		this.libsecret.write(secret);
	}

	@Override
	public void delete() throws SecretStoreException {
		this.libsecret.delete();
	}

}
