package dev.desktopidentity.cache;

import java.nio.file.Path;
import java.util.Locale;
import javax.crypto.SecretKey;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The file that keeps the token cache, decided on first use from the protection mode and
 * whether the operating system's secret store answers.
 *
 * @param file the cache file
 * @param encrypted whether the file is encrypted with the key in the secret store
 * @param key the key found in the secret store, or {@code null} if it has none yet or the
 * file is not encrypted
 * @param status where and how tokens are kept
 */
record CacheBacking(Path file, boolean encrypted, @Nullable SecretKey key, TokenCacheStatus status) {

	// Logged as the cache that users configure logging for
	private static final Log logger = LogFactory.getLog(PersistentTokenCache.class);

	/**
	 * Decide where the cache keeps tokens, looking for the key in the secret store unless
	 * the mode is {@link CacheProtection#NONE}. Logs one warning when falling back to
	 * a plain file.
	 * @param directory the cache directory
	 * @param mode the protection mode
	 * @param allowUnprotected whether {@link CacheProtection#AUTO} may fall back
	 * @param keys the key in the secret store
	 * @param lookup a lookup of the key already under way, or {@code null} to look it up
	 * now
	 * @return the backing
	 * @throws TokenCacheUnavailableException if the mode needs a secret store and none
	 * works
	 */
	static CacheBacking resolve(Path directory, CacheProtection mode, boolean allowUnprotected, CacheKeySource keys,
			CacheKeySource.@Nullable Lookup lookup) {
		Path plain = directory.resolve(PersistentTokenCache.PLAIN_FILE);
		if (mode == CacheProtection.NONE) {
			return new CacheBacking(plain, false, null,
					new TokenCacheStatus(TokenCacheProtection.UNPROTECTED_FILE, directory,
							"plain file readable only by the user (identity.cache.protection=none): " + plain));
		}
		try {
			SecretKey key = (lookup != null) ? keys.find(lookup) : keys.find();
			Path encrypted = directory.resolve(PersistentTokenCache.ENCRYPTED_FILE);
			return new CacheBacking(encrypted, true, key, new TokenCacheStatus(TokenCacheProtection.OS_STORE, directory,
					"encrypted (AES-256-GCM) with a key kept in the " + keys.storeName() + ": " + encrypted));
		}
		catch (SecretStoreException ex) {
			if (mode == CacheProtection.AUTO && allowUnprotected) {
				logger.warn("No operating-system secret store for the token cache (" + ex.getMessage()
						+ "); keeping tokens in a plain file readable only by you, " + plain
						+ ", since identity.cache.allow-unprotected=true");
				return new CacheBacking(plain, false, null,
						new TokenCacheStatus(TokenCacheProtection.UNPROTECTED_FILE, directory,
								"plain file readable only by the user, since no operating-system secret store works ("
										+ ex.getMessage() + "): " + plain));
			}
			throw new TokenCacheUnavailableException(unavailableMessage(mode, ex.getMessage()));
		}
	}

	private static String unavailableMessage(CacheProtection mode, String reason) {
		String optIn = (mode == CacheProtection.OS)
				? "Or set identity.cache.protection=none to keep tokens in a plain file readable only by you."
				: "Or set identity.cache.allow-unprotected=true (or identity.cache.protection=none) to keep tokens "
						+ "in a plain file readable only by you.";
		return "The token cache needs an operating-system secret store (identity.cache.protection="
				+ mode.name().toLowerCase(Locale.ROOT) + "), but none works: " + reason + ". "
				+ howToEnable(OsSecretStores.Platform.current()) + " " + optIn;
	}

	static String howToEnable(OsSecretStores.Platform platform) {
		return switch (platform) {
			case WINDOWS -> "Windows data protection (DPAPI) works for a user signed in to Windows with their "
					+ "profile loaded; run the application as that user, not as a service or a scheduled task set to "
					+ "'Do not store password'.";
			case MACOS -> "Unlock the login keychain and allow access when macOS asks: sign in at the Mac, or over "
					+ "SSH run 'security unlock-keychain ~/Library/Keychains/login.keychain-db' first.";
			case OTHER -> "Run a Secret Service provider and unlock it: install gnome-keyring (or KeePassXC with its "
					+ "Secret Service integration) and sign in to a desktop session, or in a terminal run "
					+ "'gnome-keyring-daemon --unlock --components=secrets' inside a D-Bus session.";
		};
	}

}
