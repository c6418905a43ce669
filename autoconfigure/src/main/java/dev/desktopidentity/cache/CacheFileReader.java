package dev.desktopidentity.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

import org.jspecify.annotations.Nullable;

/**
 * Reads the token cache file, refusing what is not a cache file the user can read: a
 * directory, a symbolic link (never followed), a device or pipe (which would block), a
 * file over {@value #MAX_SIZE_MB} MB (a cache of dozens of accounts is a few hundred
 * kilobytes) or one the user may not read. Each is a damaged cache, to be moved aside.
 */
final class CacheFileReader {

	private static final int MAX_SIZE_MB = 32;

	static final int MAX_SIZE = MAX_SIZE_MB * 1024 * 1024;

	private CacheFileReader() {
	}

	/**
	 * Read the cache file.
	 * @param file the file
	 * @return its content, or {@code null} if there is no file
	 * @throws UnreadableCacheException if what is there is not a readable cache file
	 * @throws IOException if reading failed otherwise, for example with an I/O error
	 */
	static byte @Nullable [] read(Path file) throws UnreadableCacheException, IOException {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		if (attributes.isSymbolicLink()) {
			throw new UnreadableCacheException("it is a symbolic link, not a file");
		}
		if (attributes.isDirectory()) {
			throw new UnreadableCacheException("it is a directory, not a file");
		}
		if (!attributes.isRegularFile()) {
			throw new UnreadableCacheException("it is not a regular file");
		}
		if (attributes.size() > MAX_SIZE) {
			throw tooLarge();
		}
		try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
			byte[] content = in.readNBytes(MAX_SIZE + 1);
			if (content.length > MAX_SIZE) {
				throw tooLarge();
			}
			return content;
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (AccessDeniedException ex) {
			throw new UnreadableCacheException("the user may not read it (permission denied)");
		}
	}

	private static UnreadableCacheException tooLarge() {
		return new UnreadableCacheException("it is larger than " + MAX_SIZE_MB + " MB");
	}

}
