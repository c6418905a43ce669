package dev.desktopidentity.autoconfigure;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import dev.desktopidentity.cache.CacheProtection;
import org.jspecify.annotations.Nullable;

/**
 * The token cache settings of the {@code identity.cache.*} properties, checked, with the
 * default location resolved. Touches no file.
 *
 * @param directory the cache directory
 * @param clientId the client ID
 * @param mode where tokens may be kept
 * @param allowUnprotected whether {@code auto} may fall back to a plain file
 */
record TokenCacheSettings(Path directory, String clientId, CacheProtection mode, boolean allowUnprotected) {

	static TokenCacheSettings of(IdentityProperties properties) {
		return of(properties, System.getProperty("os.name", ""), System.getenv(), System.getProperty("user.home"));
	}

	static TokenCacheSettings of(IdentityProperties properties, String osName, Map<String, String> environment,
			String userHome) {
		IdentityProperties.Cache cache = properties.getCache();
		String clientId = properties.getClientId();
		if (clientId == null || clientId.isBlank()) {
			throw new InvalidIdentityPropertyException("identity.client-id", null,
					"the application (client) ID is required to sign in, and names the token cache",
					"Set identity.client-id to the 'Application (client) ID' of your app registration, or to the "
							+ "client ID of your OpenID Connect client.");
		}
		if (cache.getProtection() == CacheProtection.OS && cache.isAllowUnprotected()) {
			throw new InvalidIdentityPropertyException("identity.cache.allow-unprotected", true,
					"identity.cache.protection=os never keeps tokens in an unprotected file",
					"Remove identity.cache.allow-unprotected, or set identity.cache.protection=auto to allow a plain "
							+ "file when no operating-system secret store works.");
		}
		Path location = cache.getLocation();
		if (location != null && !location.isAbsolute()) {
			throw new InvalidIdentityPropertyException("identity.cache.location", location,
					"the token cache location must be an absolute path, so that every run finds the same cache",
					"Set identity.cache.location to an absolute directory, such as "
							+ defaultDirectory(clientId.strip(), osName, environment, userHome)
							+ ", or remove it to use that default.");
		}
		Path directory = (location != null) ? location
				: defaultDirectory(clientId.strip(), osName, environment, userHome);
		return new TokenCacheSettings(directory, clientId.strip(), cache.getProtection(),
				cache.isAllowUnprotected());
	}

	static Path defaultDirectory(String clientId, String osName, Map<String, String> environment, String userHome) {
		return userCacheDirectory(osName, environment, userHome).resolve("desktop-identity")
			.resolve(clientId.replaceAll("[^A-Za-z0-9._-]", "_"));
	}

	private static Path userCacheDirectory(String osName, Map<String, String> environment, String userHome) {
		String os = osName.toLowerCase(Locale.ROOT);
		if (os.startsWith("windows")) {
			String localAppData = absolute(environment.get("LOCALAPPDATA"));
			return (localAppData != null) ? Path.of(localAppData) : Path.of(userHome, "AppData", "Local");
		}
		if (os.startsWith("mac")) {
			return Path.of(userHome, "Library", "Caches");
		}
		String xdgCacheHome = absolute(environment.get("XDG_CACHE_HOME"));
		return (xdgCacheHome != null) ? Path.of(xdgCacheHome) : Path.of(userHome, ".cache");
	}

	private static @Nullable String absolute(@Nullable String path) {
		// The XDG base directory specification says to ignore relative paths
		return (path != null && !path.isBlank() && Path.of(path).isAbsolute()) ? path : null;
	}


}
