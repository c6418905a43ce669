package dev.desktopidentity.cache;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SecretServiceStore} reading over D-Bus from a real GNOME Keyring in a
 * session bus of its own, with the key stored by libsecret's {@code secret-tool}, and
 * handing to libsecret (a recording stand-in here) what only libsecret can do.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Runs GNOME Keyring in a D-Bus session")
class SecretServiceStoreTests {

	private static final String CLIENT_ID = "7d5d4f3e-client";

	private static final String CACHE = "/home/alice/.cache/desktop-identity/é and ' quote";

	private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	@TempDir
	Path temp;

	private final Libsecret libsecret = new Libsecret();

	@BeforeEach
	void requireKeyring() {
		KeyringSession.requireCommands();
	}

	@Test
	void readWhenKeyStoredByLibsecretThenReadOverDBusInEncryptedSession() throws Exception {
		try (KeyringSession keyring = KeyringSession.start(this.temp, true)) {
			store(keyring, CLIENT_ID, CACHE, KEY);
			store(keyring, "other-client", CACHE, "other".getBytes(StandardCharsets.US_ASCII));
			assertThat(store(keyring).read()).isEqualTo(KEY);
			assertThat(this.libsecret.calls).isEmpty();
		}
	}

	@Test
	void readAgainThenSameConnectionAndSession() throws Exception {
		try (KeyringSession keyring = KeyringSession.start(this.temp, true)) {
			store(keyring, CLIENT_ID, CACHE, KEY);
			List<String> before = busClients(keyring);
			assertThat(store(keyring).read()).isEqualTo(KEY);
			List<String> clients = busClients(keyring);
			// the first read stays connected...
			assertThat(clients).hasSize(before.size() + 1).containsAll(before);
			assertThat(store(keyring).read()).isEqualTo(KEY);
			assertThat(store(keyring).read()).isEqualTo(KEY);
			// ...and no bus client came or went: the next reads used its connection
			assertThat(busClients(keyring)).isEqualTo(clients);
		}
	}

	@Test
	void readAfterKeyringRestartedThenNewConnectionAndSession() throws Exception {
		try (KeyringSession keyring = KeyringSession.start(this.temp, true)) {
			store(keyring, CLIENT_ID, CACHE, KEY);
			assertThat(store(keyring).read()).isEqualTo(KEY);
			// the first read's session belonged to the keyring that has gone
			keyring.restartKeyring();
			assertThat(store(keyring).read()).isEqualTo(KEY);
			assertThat(this.libsecret.calls).isEmpty();
		}
	}

	@Test
	void readOnAnotherBusThenConnectsThere() throws Exception {
		try (KeyringSession first = KeyringSession.start(this.temp.resolve("first"), true)) {
			store(first, CLIENT_ID, CACHE, KEY);
			assertThat(store(first).read()).isEqualTo(KEY);
		}
		byte[] other = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
		try (KeyringSession second = KeyringSession.start(this.temp.resolve("second"), true)) {
			store(second, CLIENT_ID, CACHE, other);
			assertThat(store(second).read()).isEqualTo(other);
		}
	}

	@Test
	void readWhenNoItemMatchesThenNullWithoutLibsecret() throws Exception {
		try (KeyringSession keyring = KeyringSession.start(this.temp, true)) {
			store(keyring, CLIENT_ID, "/another/cache", KEY);
			keyring.secretTool("", "store", "--label=without schema", "client-id", CLIENT_ID, "cache", CACHE);
			assertThat(store(keyring).read()).isNull();
			assertThat(this.libsecret.calls).isEmpty();
		}
	}

	@Test
	void readWhenCollectionLockedThenLibsecretAsksToUnlock() throws Exception {
		try (KeyringSession keyring = KeyringSession.start(this.temp, true)) {
			store(keyring, CLIENT_ID, CACHE, KEY);
			keyring.lock(KeyringSession.LOGIN_COLLECTION);
			this.libsecret.secret = "from libsecret".getBytes(StandardCharsets.US_ASCII);
			assertThat(store(keyring).read()).isEqualTo(this.libsecret.secret);
			assertThat(this.libsecret.calls).containsExactly("read");
		}
	}

	@Test
	void readWhenSecretIsNotBase64ThenNull() throws Exception {
		try (KeyringSession keyring = KeyringSession.start(this.temp, true)) {
			keyring.secretTool("not base64!", "store", "--label=damaged", "xdg:schema", SecretServiceStore.SCHEMA,
					"client-id", CLIENT_ID, "cache", CACHE);
			assertThat(store(keyring).read()).isNull();
		}
	}

	@Test
	void readWhenBusHasNoSecretServiceThenFailsNamingTheService() throws Exception {
		try (KeyringSession bus = KeyringSession.start(this.temp, false)) {
			SecretServiceStore store = new SecretServiceStore(CLIENT_ID, CACHE,
					Map.of("DBUS_SESSION_BUS_ADDRESS", bus.address()), this.libsecret);
			// With no keyring to activate, the bus answers that nobody provides the service
			assertThatExceptionOfType(SecretStoreException.class).isThrownBy(store::read)
				.withMessageStartingWith("Failed to read the token cache key from the Secret Service: ")
				.withMessageContaining("org.freedesktop.secrets");
		}
	}

	@Test
	void readWhenBusSocketMissingThenFailsNamingTheSocket() {
		Path missing = this.temp.resolve("no-bus");
		SecretServiceStore store = new SecretServiceStore(CLIENT_ID, CACHE,
				Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + missing), this.libsecret);
		assertThatExceptionOfType(SecretStoreException.class).isThrownBy(store::read)
			.withMessageContaining("cannot connect to the D-Bus session bus at " + missing);
		assertThat(this.libsecret.calls).isEmpty();
	}

	@Test
	void readWhenBusNotAtSocketFileThenLibsecret() throws Exception {
		SecretServiceStore store = new SecretServiceStore(CLIENT_ID, CACHE,
				Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:abstract=/tmp/dbus-abc,guid=0123"), this.libsecret);
		assertThat(store.read()).isNull();
		assertThat(this.libsecret.calls).containsExactly("read");
	}

	@Test
	void writeAndDeleteThenLibsecret() throws Exception {
		SecretServiceStore store = new SecretServiceStore(CLIENT_ID, CACHE, Map.of(), this.libsecret);
		store.write(KEY);
		store.delete();
		assertThat(this.libsecret.calls).containsExactly("write", "delete");
	}

	private SecretServiceStore store(KeyringSession keyring) {
		return new SecretServiceStore(CLIENT_ID, CACHE, Map.of("DBUS_SESSION_BUS_ADDRESS", keyring.address()),
				this.libsecret);
	}

	/**
	 * Return the unique names of the bus's clients but the one that asks.
	 */
	private static List<String> busClients(KeyringSession keyring) throws Exception {
		try (DBusConnection bus = DBusConnection.open(keyring.socket(), Duration.ofSeconds(10))) {
			List<?> names = (List<?>) bus
				.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "ListNames", "",
						List.of(), "as")
				.get(0);
			List<String> clients = new ArrayList<>();
			for (Object name : names) {
				if (((String) name).startsWith(":")) {
					clients.add((String) name);
				}
			}
			// the newest is this connection
			clients.remove(clients.stream().max(Comparator.comparing(SecretServiceStoreTests::serial)).orElseThrow());
			return clients.stream().sorted().toList();
		}
	}

	private static long serial(String uniqueName) {
		return Long.parseLong(uniqueName.substring(uniqueName.lastIndexOf('.') + 1));
	}

	private static void store(KeyringSession keyring, String clientId, String cache, byte[] key) throws Exception {
		keyring.secretTool(Base64.getEncoder().encodeToString(key), "store", "--label=key", "xdg:schema",
				SecretServiceStore.SCHEMA, "client-id", clientId, "cache", cache);
	}

	/**
	 * Stands in for libsecret, recording what it is asked.
	 */
	private static final class Libsecret implements SecretStore {

		final List<String> calls = new ArrayList<>();

		byte @Nullable [] secret;

		@Override
		public String name() {
			return "libsecret";
		}

		@Override
		public byte @Nullable [] read() {
			this.calls.add("read");
			return this.secret;
		}

		@Override
		public void write(byte[] secret) {
			this.calls.add("write");
		}

		@Override
		public void delete() {
			this.calls.add("delete");
		}

	}

}
