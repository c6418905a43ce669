package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * File operations of the token cache: private directories and files (0700 / 0600 on
 * POSIX), atomic replacement and moving a bad file aside.
 */
final class CacheFiles {

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");

	private static final DateTimeFormatter ASIDE_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private CacheFiles() {
	}

	/**
	 * Create the directory and its missing parents, readable only by the user, and make
	 * the directory itself private if it already existed.
	 * @param directory the directory
	 * @throws IOException if it cannot be created
	 */
	static void createPrivateDirectory(Path directory) throws IOException {
		if (Files.isDirectory(directory)) {
			if (POSIX) {
				Files.setPosixFilePermissions(directory, DIRECTORY_PERMISSIONS);
			}
			return;
		}
		if (POSIX) {
			Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS));
		}
		else {
			Files.createDirectories(directory);
		}
	}

	/**
	 * Return the file attributes of a new private file.
	 * @return the attributes, none where POSIX permissions are not supported
	 */
	static FileAttribute<?>[] privateFileAttributes() {
		return POSIX ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS) }
				: new FileAttribute<?>[0];
	}

	/**
	 * Read a file.
	 * @param file the file
	 * @return its content, or {@code null} if it does not exist
	 * @throws IOException if it cannot be read
	 */
	static byte @Nullable [] readIfExists(Path file) throws IOException {
		try {
			return Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	/**
	 * Replace a file's content atomically: write a private temporary file in the same
	 * directory, flush it to the disk and move it over the file. Readers see the old or
	 * the new content, never a part.
	 * @param file the file
	 * @param content the new content
	 * @throws IOException if the file cannot be written
	 */
	static void writeAtomically(Path file, byte[] content) throws IOException {
		Path directory = file.toAbsolutePath().getParent();
		createPrivateDirectory(directory);
		Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp", privateFileAttributes());
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				ByteBuffer buffer = ByteBuffer.wrap(content);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
		syncDirectory(directory);
	}

	private static void syncDirectory(Path directory) {
		if (!POSIX) {
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
		String suffix = ".unreadable-" + ASIDE_SUFFIX.format(clock.instant());
		Path target = file.resolveSibling(file.getFileName() + suffix);
		for (int attempt = 1; Files.exists(target); attempt++) {
			target = file.resolveSibling(file.getFileName() + suffix + "-" + attempt);
		}
		return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
	}

}
