package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.microsoft.aad.msal4j.TokenCache;
import com.microsoft.aad.msal4j.TokenCacheAccessContext;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cache content and access for tests: MSAL4J cache JSON of made-up accounts, and cache
 * accesses the way MSAL4J makes them.
 */
final class TestCaches {

	static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";

	static final String ENVIRONMENT = "login.example.test";

	private TestCaches() {
	}

	/**
	 * Return the cache JSON of one account with a refresh token whose secret is
	 * {@code RT-<name>}.
	 * @param name the account's unique name
	 * @return the JSON
	 */
	static String account(String name) {
		String home = name + ".tenant";
		return "{\"Account\":{\"" + home + "-" + ENVIRONMENT + "-tenant\":{\"home_account_id\":\"" + home
				+ "\",\"environment\":\"" + ENVIRONMENT + "\",\"realm\":\"tenant\",\"local_account_id\":\"" + name
				+ "\",\"username\":\"" + name + "@example.test\",\"authority_type\":\"MSSTS\"}},"
				+ "\"RefreshToken\":{\"" + home + "-" + ENVIRONMENT + "-refreshtoken-" + CLIENT_ID
				+ "--\":{\"home_account_id\":\"" + home + "\",\"environment\":\"" + ENVIRONMENT
				+ "\",\"credential_type\":\"RefreshToken\",\"client_id\":\"" + CLIENT_ID + "\",\"secret\":\"RT-"
				+ name + "\"}}}";
	}

	/**
	 * Access the cache as MSAL4J does: before, the change if any, after.
	 * @param aspect the persistent cache
	 * @param cache the in-memory cache
	 * @param change the change, or {@code null} for a read
	 */
	static void access(PersistentTokenCache aspect, TokenCache cache, @Nullable Consumer<TokenCache> change) {
		TokenCacheAccessContext context = TokenCacheAccessContext.builder()
			.tokenCache(cache)
			.clientId(CLIENT_ID)
			.hasCacheChanged(change != null)
			.build();
		aspect.beforeCacheAccess(context);
		try {
			if (change != null) {
				change.accept(cache);
			}
		}
		finally {
			aspect.afterCacheAccess(context);
		}
	}

	static void addAccount(PersistentTokenCache aspect, TokenCache cache, String name) {
		access(aspect, cache, (tokens) -> tokens.deserialize(account(name)));
	}

	static String read(PersistentTokenCache aspect) {
		TokenCache cache = new TokenCache();
		access(aspect, cache, null);
		return cache.serialize();
	}

	/**
	 * Assert that only the user may use a file or directory: POSIX permissions
	 * {@code rw-------} / {@code rwx------}, or, where there are none (Windows), an ACL
	 * whose every entry allows the account that runs the tests.
	 * @param path the file or directory
	 * @throws IOException if its permissions cannot be read
	 */
	static void assertReadableOnlyByOwner(Path path) throws IOException {
		if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
				.isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
			return;
		}
		AclFileAttributeView view = Files.getFileAttributeView(path, AclFileAttributeView.class);
		UserPrincipal user = PrivateAccess.user(path, view);
		if (path.getFileSystem() == FileSystems.getDefault()) {
			assertThat(user.getName()).endsWithIgnoringCase("\\" + System.getProperty("user.name"));
		}
		assertThat(view.getAcl()).as("ACL of %s", path).isNotEmpty().allSatisfy((entry) -> {
			assertThat(entry.type()).isEqualTo(AclEntryType.ALLOW);
			assertThat(entry.principal()).isEqualTo(user);
		});
	}

	static PersistentTokenCache plain(Path directory) {
		return new PersistentTokenCache(directory, CacheProtection.NONE, false,
				new CacheKeySource(new InMemorySecretStore(), Duration.ofSeconds(3)), Duration.ofSeconds(10),
				Clock.systemUTC());
	}

	static PersistentTokenCache protectedBy(Path directory, SecretStore store, CacheProtection mode,
			boolean allowUnprotected) {
		return new PersistentTokenCache(directory, mode, allowUnprotected,
				new CacheKeySource(store, Duration.ofMillis(500)), Duration.ofSeconds(10), Clock.systemUTC());
	}

	/**
	 * A secret store in memory, for tests of one class; the Secret Service itself is
	 * tested in {@code SecretServiceTokenCacheTests}.
	 */
	static final class InMemorySecretStore implements SecretStore {

		private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();

		@Override
		public String name() {
			return "test store";
		}

		@Override
		public byte @Nullable [] read() {
			return this.secrets.get("key");
		}

		@Override
		public void write(byte[] secret) {
			this.secrets.put("key", secret.clone());
		}

		@Override
		public void delete() {
			this.secrets.remove("key");
		}

	}

	/**
	 * A secret store that is not there.
	 */
	static final class MissingSecretStore implements SecretStore {

		@Override
		public String name() {
			return "test store";
		}

		@Override
		public byte @Nullable [] read() throws SecretStoreException {
			throw new SecretStoreException("no test store");
		}

		@Override
		public void write(byte[] secret) throws SecretStoreException {
			throw new SecretStoreException("no test store");
		}

		@Override
		public void delete() throws SecretStoreException {
			throw new SecretStoreException("no test store");
		}

	}

	/**
	 * A secret store that never answers, like a locked keyring waiting for a prompt.
	 */
	static final class HangingSecretStore implements SecretStore {

		@Override
		public String name() {
			return "test store";
		}

		@Override
		public byte @Nullable [] read() {
			return hang();
		}

		@Override
		public void write(byte[] secret) {
			hang();
		}

		@Override
		public void delete() {
			hang();
		}

		private static byte @Nullable [] hang() {
			try {
				Thread.sleep(Long.MAX_VALUE);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return null;
		}

	}

}
