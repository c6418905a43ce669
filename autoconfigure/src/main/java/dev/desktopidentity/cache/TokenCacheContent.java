package dev.desktopidentity.cache;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.aad.msal4j.ITokenCache;
import com.microsoft.aad.msal4j.TokenCache;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Replaces what an MSAL4J token cache holds in memory with what a cache file holds.
 * <p>
 * MSAL4J's {@code deserialize} adds the entries of the JSON to those in memory and
 * removes none, so an account that another process signed out would come back with this
 * process's next write. The entry maps of {@link TokenCache} are cleared first; if a
 * future MSAL4J changes them, this falls back to plain {@code deserialize}.
 */
final class TokenCacheContent {

	private static final Log logger = LogFactory.getLog(TokenCacheContent.class);

	private static final String EMPTY = "{}";

	/**
	 * The fields of {@link TokenCache} that are cleared (see {@link CacheRuntimeHints}).
	 */
	static final List<String> ENTRY_MAP_FIELDS = List.of("accessTokens", "refreshTokens", "idTokens", "accounts",
			"appMetadata");

	private static final List<Field> ENTRY_MAPS = entryMaps();

	private TokenCacheContent() {
	}

	/**
	 * Make the cache hold exactly the entries of the JSON.
	 * @param cache the cache
	 * @param json the JSON written by {@link ITokenCache#serialize()}
	 */
	static void replace(ITokenCache cache, String json) {
		clearEntries(cache);
		cache.deserialize(json);
	}

	/**
	 * Make the cache empty.
	 * @param cache the cache
	 */
	static void clear(ITokenCache cache) {
		replace(cache, EMPTY);
	}

	private static void clearEntries(ITokenCache cache) {
		if (cache instanceof TokenCache) {
			for (Field field : ENTRY_MAPS) {
				try {
					((Map<?, ?>) field.get(cache)).clear();
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					logger.debug("Cannot clear MSAL4J token cache entries", ex);
				}
			}
		}
	}

	private static List<Field> entryMaps() {
		List<Field> fields = new ArrayList<>();
		for (String name : ENTRY_MAP_FIELDS) {
			try {
				Field field = TokenCache.class.getDeclaredField(name);
				if (Map.class.isAssignableFrom(field.getType())) {
					field.setAccessible(true);
					fields.add(field);
				}
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				logger.debug("MSAL4J token cache has no entry map '" + name + "'", ex);
			}
		}
		return List.copyOf(fields);
	}

}
