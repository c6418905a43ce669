package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The lock that one process of an application holds while it signs the user in
 * interactively, so that the others that need a sign-in at the same time wait for it and
 * then use the tokens it put in the shared token cache, rather than open a browser each.
 * <p>
 * It is an operating-system lock on {@code sign-in-<client id>.lock} in the token cache
 * directory (one per client ID), which the operating system releases when its holder
 * exits or is killed. The file holds the holder's process ID; the lock covers a byte
 * range past it, so that waiters can read it on every platform. Within one JVM, a
 * second holder of the same file waits like another process would.
 *
 * @since 0.1.0
 */
public final class SignInLock {

	// far past the content, which stays readable where locks are mandatory
	private static final long LOCKED_POSITION = Long.MAX_VALUE - 1;

	private static final Map<Path, Semaphore> jvmLocks = new ConcurrentHashMap<>();

	private final Path file;

	private final Semaphore jvmLock;

	/**
	 * Create the lock of a client ID in a token cache directory. Touches no file.
	 * @param directory the token cache directory
	 * @param clientId the client ID
	 */
	public SignInLock(Path directory, String clientId) {
		Assert.notNull(directory, "'directory' must not be null");
		Assert.hasText(clientId, "'clientId' must not be empty");
		this.file = directory.toAbsolutePath()
			.normalize()
			.resolve("sign-in-" + clientId.strip().replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
		this.jvmLock = jvmLocks.computeIfAbsent(this.file, (key) -> new Semaphore(1));
	}

	/**
	 * Return the lock file.
	 * @return the file
	 */
	public Path file() {
		return this.file;
	}

	/**
	 * Take the lock if no other process (or other holder in this JVM) has it.
	 * @return the lock, to be closed when sign-in is over, or {@code null} if another
	 * holder has it
	 * @throws IOException if the lock file cannot be created or locked
	 */
	public @Nullable Held tryAcquire() throws IOException {
		if (!this.jvmLock.tryAcquire()) {
			return null;
		}
		FileChannel channel = null;
		try {
			CacheFiles.createPrivateDirectory(this.file.getParent());
			channel = FileChannel.open(this.file,
					Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
					CacheFiles.privateFileAttributes(this.file));
			FileLock lock = channel.tryLock(LOCKED_POSITION, 1, false);
			if (lock == null) {
				channel.close();
				this.jvmLock.release();
				return null;
			}
			byte[] holder = ("pid=" + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
			channel.truncate(0);
			channel.write(ByteBuffer.wrap(holder), 0);
			return new Held(channel);
		}
		catch (IOException | RuntimeException ex) {
			if (channel != null) {
				channel.close();
			}
			this.jvmLock.release();
			throw ex;
		}
	}

	/**
	 * Return the process ID of the last holder, which is the current one while the lock
	 * is held.
	 * @return the process ID, or {@code -1} if unknown
	 */
	public long holderProcessId() {
		try {
			String content = Files.readString(this.file, StandardCharsets.US_ASCII).strip();
			return content.startsWith("pid=") ? Long.parseLong(content.substring(4).strip()) : -1;
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
	}

	@Override
	public String toString() {
		return "SignInLock[" + this.file + "]";
	}

	/**
	 * The lock while this process holds it.
	 */
	public final class Held implements AutoCloseable {

		private final FileChannel channel;

		private boolean released;

		private Held(FileChannel channel) {
			this.channel = channel;
		}

		/**
		 * Release the lock. Does nothing when already released.
		 */
		@Override
		public synchronized void close() {
			if (this.released) {
				return;
			}
			this.released = true;
			try {
				// closing the channel releases the operating-system lock
				this.channel.close();
			}
			catch (IOException ex) {
				// the lock goes with the channel however it closes
			}
			finally {
				SignInLock.this.jvmLock.release();
			}
		}

	}

}
