package dev.desktopidentity.internal.cache;

import java.nio.file.Path;

import com.microsoft.aad.msal4j.TokenCache;
import com.microsoft.aad.msal4j.TokenCacheAccessContext;

/**
 * Main class of the child JVMs of {@link CrossProcessTokenCacheTests}: writes accounts
 * to a cache, or takes the cache lock and keeps it.
 */
final class CacheWriterProcess {

	private CacheWriterProcess() {
	}

	public static void main(String[] args) throws Exception {
		Path directory = Path.of(args[0]);
		PersistentTokenCache aspect = TestCaches.plain(directory);
		TokenCache cache = new TokenCache();
		if ("write".equals(args[1])) {
			String name = args[2];
			int count = Integer.parseInt(args[3]);
			for (int i = 0; i < count; i++) {
				TestCaches.addAccount(aspect, cache, name + "-" + i);
				System.out.println("wrote " + i);
			}
			System.out.println("done");
		}
		else if ("hold-lock".equals(args[1])) {
			aspect.beforeCacheAccess(TokenCacheAccessContext.builder()
				.tokenCache(cache)
				.clientId(TestCaches.CLIENT_ID)
				.hasCacheChanged(false)
				.build());
			System.out.println("locked");
			Thread.sleep(Long.MAX_VALUE);
		}
	}

}
