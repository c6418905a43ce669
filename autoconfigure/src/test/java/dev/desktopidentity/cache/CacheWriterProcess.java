package dev.desktopidentity.cache;

import java.io.FileInputStream;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.aad.msal4j.TokenCache;
import com.microsoft.aad.msal4j.TokenCacheAccessContext;

/**
 * Main class of the child JVMs that share a cache: writes accounts to it, takes its lock
 * and keeps it, or counts its accounts.
 * <p>
 * Arguments: cache directory, protection ({@code none} or {@code os}, the real secret
 * store), command ({@code write <name> <count>}, {@code hold-lock}, {@code count},
 * {@code hold-open <file> <millis>}: keep a file open as {@code java.io} does, which on
 * Windows stops other processes from replacing it).
 */
final class CacheWriterProcess {

	private CacheWriterProcess() {
	}

	public static void main(String[] args) throws Exception {
		Path directory = Path.of(args[0]);
		PersistentTokenCache aspect = "os".equals(args[1])
				? new PersistentTokenCache(directory, TestCaches.CLIENT_ID, CacheProtection.OS, false)
				: TestCaches.plain(directory);
		TokenCache cache = new TokenCache();
		switch (args[2]) {
			case "write" -> {
				String name = args[3];
				int count = Integer.parseInt(args[4]);
				for (int i = 0; i < count; i++) {
					TestCaches.addAccount(aspect, cache, name + "-" + i);
					System.out.println("wrote " + i);
				}
				System.out.println("done");
			}
			case "hold-lock" -> {
				aspect.beforeCacheAccess(TokenCacheAccessContext.builder()
					.tokenCache(cache)
					.clientId(TestCaches.CLIENT_ID)
					.hasCacheChanged(false)
					.build());
				System.out.println("locked");
				Thread.sleep(Long.MAX_VALUE);
			}
			case "count" -> {
				Matcher users = Pattern.compile("\"username\":\"[^\"]*@example.test\"")
					.matcher(TestCaches.read(aspect));
				int count = 0;
				while (users.find()) {
					count++;
				}
				System.out.println("USERS " + count);
			}
			case "hold-open" -> {
				try (FileInputStream open = new FileInputStream(directory.resolve(args[3]).toFile())) {
					System.out.println("open");
					Thread.sleep(Long.parseLong(args[4]));
				}
				System.out.println("closed");
			}
			default -> throw new IllegalArgumentException(args[2]);
		}
	}

}
