package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Lock around a read-modify-write of the token cache, between the threads of this JVM and
 * between processes.
 * <p>
 * Between processes it is an operating-system lock on a lock file ({@code fcntl} on
 * POSIX, {@code LockFileEx} on Windows), which the operating system releases when the
 * holder exits or is killed, so a crashed process never leaves a lock behind. The file
 * holds the holder's process ID and the time it took the lock, for diagnostics. The lock
 * covers one byte far past that text rather than the whole file, since Windows locks are
 * mandatory: a waiter could not otherwise read who holds it. Any two lock ranges that
 * processes of this class take overlap, so they exclude each other.
 * <p>
 * A waiter blocks in the operating system's own wait ({@code F_SETLKW}), which wakes it
 * the moment the lock is released, so processes that write in quick succession cannot
 * starve it; on Windows, where a blocked {@code LockFileEx} cannot be given up, it polls
 * every few milliseconds. A live holder that keeps the lock longer than the bound is
 * taken to be stuck: the waiter logs one warning and goes on without the lock. Writes
 * replace the cache file atomically, so the worst outcome is a lost update, never a
 * broken file.
 */
final class CacheLock {

	private static final Log logger = LogFactory.getLog(CacheLock.class);

	// Beyond any holder text; a whole-file lock ([0, Long.MAX_VALUE)) overlaps it too
	static final long LOCK_POSITION = 1L << 32;

	private static final boolean WINDOWS = System.getProperty("os.name", "")
		.toLowerCase(Locale.ROOT)
		.startsWith("windows");

	// Windows only: how long a waiter pauses between attempts
	private static final long POLL_MILLIS = 3;

	private final Path file;

	private final Duration bound;

	// One per lock file, so that two caches on one directory in a JVM never hold
	// overlapping file locks
	private static final Map<Path, Held> jvmLocks = new ConcurrentHashMap<>();

	private final Held held;

	private final ReentrantLock threads;

	private boolean warnedUnusable;

	CacheLock(Path file, Duration bound) {
		this.file = file.toAbsolutePath().normalize();
		this.bound = bound;
		this.held = jvmLocks.computeIfAbsent(this.file, (key) -> new Held());
		this.threads = this.held.threads;
	}

	/**
	 * Take the lock, waiting at most the bound for another process. If the lock file
	 * cannot be created, logs one warning and goes on with the lock between threads only.
	 */
	void lock() {
		this.threads.lock();
		if (this.threads.getHoldCount() > 1) {
			return;
		}
		try {
			acquireFileLock();
		}
		catch (IOException ex) {
			if (!this.warnedUnusable) {
				this.warnedUnusable = true;
				logger.warn("Cannot use the token cache lock " + this.file + " (" + ex.getMessage()
						+ "); other processes may overwrite this one's changes");
			}
		}
		catch (RuntimeException ex) {
			this.threads.unlock();
			throw ex;
		}
	}

	/**
	 * Release the lock.
	 */
	void unlock() {
		try {
			if (this.threads.getHoldCount() == 1) {
				releaseFileLock();
			}
		}
		finally {
			this.threads.unlock();
		}
	}

	private void acquireFileLock() throws IOException {
		CacheFiles.createPrivateDirectory(this.file.toAbsolutePath().getParent());
		FileChannel channel = FileChannel.open(this.file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE), CacheFiles.privateFileAttributes(this.file));
		this.held.channel = channel;
		FileLock lock = tryLock(channel);
		if (lock == null) {
			lock = WINDOWS ? poll(channel) : await(channel);
		}
		if (lock == null) {
			logger.warn("The token cache lock " + this.file + " has been held for more than " + this.bound.toMillis()
					+ " ms (" + describeHolder() + "); going on without it");
			return;
		}
		recordHolder(channel);
	}

	private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
		return channel.tryLock(LOCK_POSITION, 1, false);
	}

	/**
	 * Wait for the lock in the operating system, for at most the bound: past it, the
	 * channel is closed, which ends the wait.
	 * @return the lock, or {@code null} when the bound passed first
	 */
	private @Nullable FileLock await(FileChannel channel) throws IOException {
		AtomicBoolean waiting = new AtomicBoolean(true);
		Executor afterBound = CompletableFuture.delayedExecutor(this.bound.toMillis(), TimeUnit.MILLISECONDS,
				Runnable::run);
		afterBound.execute(() -> {
			if (waiting.compareAndSet(true, false)) {
				closeQuietly(channel);
			}
		});
		try {
			FileLock lock = channel.lock(LOCK_POSITION, 1, false);
			return waiting.compareAndSet(true, false) ? lock : null;
		}
		catch (FileLockInterruptionException | ClosedByInterruptException ex) {
			waiting.set(false);
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for it", ex);
		}
		catch (AsynchronousCloseException ex) {
			// closed when the bound passed
			return null;
		}
	}

	/**
	 * Try for the lock every few milliseconds, for at most the bound.
	 * @return the lock, or {@code null} when the bound passed first
	 */
	private @Nullable FileLock poll(FileChannel channel) throws IOException {
		long deadline = System.nanoTime() + this.bound.toNanos();
		FileLock lock = null;
		while (lock == null && System.nanoTime() < deadline) {
			sleep(POLL_MILLIS);
			lock = tryLock(channel);
		}
		return lock;
	}

	private static void closeQuietly(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			logger.debug("Failed to close the token cache lock file", ex);
		}
	}

	private void recordHolder(FileChannel channel) throws IOException {
		byte[] holder = ("pid=" + ProcessHandle.current().pid() + " since=" + Instant.now() + "\n")
			.getBytes(StandardCharsets.US_ASCII);
		channel.truncate(0);
		channel.write(ByteBuffer.wrap(holder), 0);
	}

	private String describeHolder() {
		try {
			return "holder: " + Files.readString(this.file, StandardCharsets.US_ASCII).strip();
		}
		catch (IOException | RuntimeException ex) {
			return "holder unknown";
		}
	}

	private void releaseFileLock() {
		FileChannel channel = this.held.channel;
		this.held.channel = null;
		if (channel != null) {
			closeQuietly(channel);
		}
	}

	/**
	 * Return whether the calling thread holds the lock.
	 * @return whether the lock is held
	 */
	boolean isHeldByCurrentThread() {
		return this.threads.isHeldByCurrentThread();
	}

	/**
	 * The lock of one lock file in this JVM, and the channel that holds the file lock
	 * while a thread holds it.
	 */
	private static final class Held {

		private final ReentrantLock threads = new ReentrantLock();

		private @Nullable FileChannel channel;

	}

	private static void sleep(long millis) throws IOException {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for it", ex);
		}
	}

}
