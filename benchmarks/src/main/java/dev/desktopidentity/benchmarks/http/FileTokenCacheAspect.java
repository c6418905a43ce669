package dev.desktopidentity.benchmarks.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;

/**
 * A persistent MSAL4J token cache as msal4j-persistence-extension keeps one, without the
 * OS-specific encryption and locking: the serialized cache is read from a file before
 * every cache access and written back after an access that changed it.
 */
final class FileTokenCacheAspect implements ITokenCacheAccessAspect {

	private final Path file;

	FileTokenCacheAspect(Path file) {
		this.file = file;
	}

	@Override
	public void beforeCacheAccess(ITokenCacheAccessContext context) {
		try {
			if (Files.exists(this.file)) {
				context.tokenCache().deserialize(Files.readString(this.file, StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void afterCacheAccess(ITokenCacheAccessContext context) {
		if (!context.hasCacheChanged()) {
			return;
		}
		try {
			Files.writeString(this.file, context.tokenCache().serialize(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
