package dev.desktopidentity.cache;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Retries a file operation that Windows refused because another process has the file
 * open. Windows does not rename over, move or delete a file that another process opened
 * without {@code FILE_SHARE_DELETE} (virus scanners, indexers, backup and sync tools do,
 * briefly), nor, with {@code MoveFileEx}, rename over a file that is open at all; the JDK
 * reports that as an {@link AccessDeniedException} or as a plain
 * {@link FileSystemException} ("being used by another process"). Such a refusal is tried
 * again after a pause that doubles each time, for about two seconds in all.
 * <p>
 * Elsewhere nothing is retried: a POSIX {@code rename} is not refused for an open file,
 * so an access error there is lasting.
 */
final class SharingRetry {

	private static final Log logger = LogFactory.getLog(SharingRetry.class);

	private static final boolean WINDOWS = System.getProperty("os.name", "")
		.toLowerCase(Locale.ROOT)
		.startsWith("windows");

	/**
	 * Pauses between the attempts on Windows: eleven attempts over about two seconds.
	 */
	static final List<Duration> WINDOWS_PAUSES = List.of(Duration.ofMillis(2), Duration.ofMillis(5),
			Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(80),
			Duration.ofMillis(160), Duration.ofMillis(250), Duration.ofMillis(400), Duration.ofMillis(1000));

	static final SharingRetry NONE = new SharingRetry(List.of(), SharingRetry::sleep);

	private static final SharingRetry ON_WINDOWS = new SharingRetry(WINDOWS_PAUSES, SharingRetry::sleep);

	private final List<Duration> pauses;

	private final Sleeper sleeper;

	SharingRetry(List<Duration> pauses, Sleeper sleeper) {
		this.pauses = List.copyOf(pauses);
		this.sleeper = sleeper;
	}

	/**
	 * Return the retry for files of the given path: {@link #WINDOWS_PAUSES} on the
	 * default file system of Windows, none elsewhere.
	 * @param path the path
	 * @return the retry
	 */
	static SharingRetry forPath(Path path) {
		return (WINDOWS && path.getFileSystem() == FileSystems.getDefault()) ? ON_WINDOWS : NONE;
	}

	/**
	 * Run the operation, again after a pause while another process's open handle is the
	 * likely reason it fails.
	 * @param <T> the result type
	 * @param operation the operation
	 * @return its result
	 * @throws IOException the last failure, if every attempt failed or the failure is not
	 * one to retry
	 */
	<T> T run(Operation<T> operation) throws IOException {
		for (int attempt = 0;; attempt++) {
			try {
				return operation.run();
			}
			catch (IOException ex) {
				if (attempt >= this.pauses.size() || !isSharingViolation(ex)) {
					throw ex;
				}
				if (logger.isDebugEnabled()) {
					logger.debug("File operation refused (" + ex.getMessage() + "); trying again in "
							+ this.pauses.get(attempt).toMillis() + " ms");
				}
				this.sleeper.sleep(this.pauses.get(attempt));
			}
		}
	}

	/**
	 * Return whether the failure is what Windows reports for a file that another process
	 * has open: access denied, or a file system error of no more specific kind (a sharing
	 * or lock violation). A missing file, an existing target and the like are not.
	 * @param ex the failure
	 * @return whether to try again
	 */
	static boolean isSharingViolation(IOException ex) {
		return ex instanceof AccessDeniedException || ex.getClass() == FileSystemException.class;
	}

	private static void sleep(Duration pause) throws IOException {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for another process to close the file");
		}
	}

	/**
	 * A file operation.
	 *
	 * @param <T> the result type
	 */
	@FunctionalInterface
	interface Operation<T> {

		T run() throws IOException;

	}

	/**
	 * Waits between two attempts.
	 */
	@FunctionalInterface
	interface Sleeper {

		void sleep(Duration pause) throws IOException;

	}

}
