package dev.desktopidentity.cache;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * The operating system's secret store for the token cache key:
 * <ul>
 * <li>Windows: the data protection API (DPAPI) of the current user, protecting a key
 * file beside the cache ({@link DpapiSecretStore});</li>
 * <li>macOS: a generic password in the user's default (login) keychain
 * ({@link KeychainStore});</li>
 * <li>Linux and other Unix-like systems: the freedesktop.org Secret Service
 * ({@link SecretServiceStore}).</li>
 * </ul>
 */
final class OsSecretStores {

	// Longer than the cache's wait for the store, so that the cache gives up first and
	// the process is ended even when nobody answers a keychain prompt
	private static final Duration KEYCHAIN_TIMEOUT = Duration.ofSeconds(30);

	private OsSecretStores() {
	}

	static SecretStore forCurrentPlatform(String clientId, Path directory) {
		return forPlatform(System.getProperty("os.name", ""), clientId, directory);
	}

	static SecretStore forPlatform(String osName, String clientId, Path directory) {
		Platform platform = Platform.of(osName);
		return switch (platform) {
			// A lambda, not a constructor reference: jna-platform is loaded on first use only
			case WINDOWS -> new DpapiSecretStore(directory, () -> new Crypt32DataProtection(), Clock.systemUTC());
			case MACOS -> new KeychainStore(clientId, directory, CommandRunner.SYSTEM, KEYCHAIN_TIMEOUT);
			case OTHER -> new SecretServiceStore(clientId, directory.toString());
		};
	}

	/**
	 * The platforms whose secret stores differ.
	 */
	enum Platform {

		WINDOWS, MACOS, OTHER;

		static Platform of(String osName) {
			String os = osName.toLowerCase(Locale.ROOT);
			if (os.startsWith("windows")) {
				return WINDOWS;
			}
			if (os.startsWith("mac") || os.startsWith("darwin")) {
				return MACOS;
			}
			return OTHER;
		}

		static Platform current() {
			return of(System.getProperty("os.name", ""));
		}

	}

}
