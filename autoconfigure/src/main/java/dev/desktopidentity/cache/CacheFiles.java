package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * File operations of the token cache: private directories and files (see
 * {@link PrivateAccess}), atomic replacement and moving a bad file aside.
 * <p>
 * On Windows another process may hold a cache file open while this one replaces or moves
 * it: {@link SharingRetry} tries again while it does. Files are read through NIO, which
 * on Windows opens them with {@code FILE_SHARE_DELETE} (unlike {@code java.io} streams),
 * so a reader never stops another process from replacing the file.
 */
final class CacheFiles {

	private static final DateTimeFormatter ASIDE_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	// How far a replacement's modification time is moved past its predecessor's when the
	// clock did not move on (NTFS: 100 ns ticks of a clock that may advance every 16 ms;
	// FAT: 2 s)
	private static final List<Duration> TIME_STEPS = List.of(Duration.ofMillis(1), Duration.ofSeconds(2));

	private CacheFiles() {
	}

	/**
	 * Create the directory and its missing parents, readable only by the user, and make
	 * the directory itself private if it already existed (where the file system allows,
	 * see {@link PrivateAccess}).
	 * @param directory the directory
	 * @throws IOException if it cannot be created
	 */
	static void createPrivateDirectory(Path directory) throws IOException {
		PrivateAccess.createDirectory(directory);
	}

	/**
	 * Return the file attributes of a new private file.
	 * @param file the file to create
	 * @return the attributes, none where POSIX permissions are not supported
	 */
	static FileAttribute<?>[] privateFileAttributes(Path file) {
		return PrivateAccess.fileAttributes(file);
	}

	/**
	 * Read a file.
	 * @param file the file
	 * @return its content, or {@code null} if it does not exist
	 * @throws IOException if it cannot be read
	 */
	static byte @Nullable [] readIfExists(Path file) throws IOException {
		try {
			return SharingRetry.forPath(file).run(() -> Files.readAllBytes(file));
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	/**
	 * Replace a file's content atomically: write a private temporary file in the same
	 * directory, flush it to the disk and move it over the file. Readers see the old or
	 * the new content, never a part. The new file's modification time is later than the
	 * old one's, so that a check of size and time sees the change where the file system
	 * has no file identity (Windows).
	 * @param file the file
	 * @param content the new content
	 * @throws IOException if the file cannot be written
	 */
	static void writeAtomically(Path file, byte[] content) throws IOException {
		writeAtomically(file, content, FileMover.SYSTEM, SharingRetry.forPath(file));
	}

	static void writeAtomically(Path file, byte[] content, FileMover mover, SharingRetry retry) throws IOException {
		Path directory = file.toAbsolutePath().getParent();
		createPrivateDirectory(directory);
		Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp",
				privateFileAttributes(file));
		boolean moved = false;
		try {
			PrivateAccess.restrictFile(temporary);
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				ByteBuffer buffer = ByteBuffer.wrap(content);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			laterThan(lastModified(file), temporary);
			retry.run(() -> mover.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING));
			moved = true;
		}
		finally {
			if (!moved) {
				deleteQuietly(temporary, retry);
			}
		}
		syncDirectory(directory);
	}

	private static void deleteQuietly(Path temporary, SharingRetry retry) {
		try {
			retry.run(() -> Files.deleteIfExists(temporary));
		}
		catch (IOException ex) {
			// deleteAbandonedTemporaryFiles will, on a later run
		}
	}

	private static @Nullable FileTime lastModified(Path file) {
		try {
			return Files.getLastModifiedTime(file);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static void laterThan(@Nullable FileTime previous, Path file) throws IOException {
		if (previous == null) {
			return;
		}
		for (Duration step : TIME_STEPS) {
			if (Files.getLastModifiedTime(file).compareTo(previous) > 0) {
				return;
			}
			Files.setLastModifiedTime(file, FileTime.from(previous.toInstant().plus(step)));
		}
	}

	private static void syncDirectory(Path directory) {
		if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return;
		}
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Some file systems cannot sync a directory; the rename is still atomic.
		}
	}

	/**
	 * Delete the temporary files that {@link #writeAtomically} left behind when its
	 * process was killed between writing and moving, if they are older than a minute.
	 * @param file the file whose temporary files to delete
	 * @param clock the clock
	 */
	static void deleteAbandonedTemporaryFiles(Path file, Clock clock) {
		Path directory = file.toAbsolutePath().getParent();
		String prefix = "." + file.getFileName();
		long before = clock.millis() - 60_000;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, prefix + "*.tmp")) {
			for (Path temporary : files) {
				if (Files.getLastModifiedTime(temporary).toMillis() < before) {
					Files.deleteIfExists(temporary);
				}
			}
		}
		catch (IOException ex) {
			// Nothing to clean up, or the next run will
		}
	}

	/**
	 * Move a file that cannot be read aside, to a name with the current time, such as
	 * {@code msal-cache.bin.unreadable-20261125T150102.123Z}.
	 * @param file the file
	 * @param clock the clock
	 * @return the new name
	 * @throws IOException if the file cannot be moved
	 */
	static Path moveAside(Path file, Clock clock) throws IOException {
		return moveAside(file, clock, FileMover.SYSTEM, SharingRetry.forPath(file));
	}

	static Path moveAside(Path file, Clock clock, FileMover mover, SharingRetry retry) throws IOException {
		String suffix = ".unreadable-" + ASIDE_SUFFIX.format(clock.instant());
		Path target = file.resolveSibling(file.getFileName() + suffix);
		for (int attempt = 1; Files.exists(target); attempt++) {
			target = file.resolveSibling(file.getFileName() + suffix + "-" + attempt);
		}
		Path aside = target;
		return retry.run(() -> mover.move(file, aside, StandardCopyOption.ATOMIC_MOVE));
	}

}
