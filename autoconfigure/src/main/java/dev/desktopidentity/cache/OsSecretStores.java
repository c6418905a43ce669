package dev.desktopidentity.cache;

import java.nio.file.Path;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The operating system's secret store for the token cache key.
 */
final class OsSecretStores {

	private OsSecretStores() {
	}

	static SecretStore forCurrentPlatform(String clientId, Path directory) {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		if (os.startsWith("windows") || os.startsWith("mac")) {
			return new Unsupported(System.getProperty("os.name"));
		}
		return new SecretServiceStore(clientId, directory.toString());
	}

	/**
	 * A platform whose store this version does not use: Windows (DPAPI) and macOS
	 * (Keychain).
	 */
	private record Unsupported(String os) implements SecretStore {

		@Override
		public String name() {
			return this.os + " secret store";
		}

		@Override
		public byte @Nullable [] read() throws SecretStoreException {
			throw unsupported();
		}

		@Override
		public void write(byte[] secret) throws SecretStoreException {
			throw unsupported();
		}

		@Override
		public void delete() throws SecretStoreException {
			throw unsupported();
		}

		private SecretStoreException unsupported() {
			return new SecretStoreException(
					"this version of desktop-identity does not use the secret store of " + this.os);
		}

	}

}
