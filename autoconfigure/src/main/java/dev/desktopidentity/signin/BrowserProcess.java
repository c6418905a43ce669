package dev.desktopidentity.signin;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program that opens a browser as a process of its own: an argument vector, never
 * a shell command line, with its standard streams discarded. Openers usually hand the URL
 * to the browser and exit; one still running after {@link #EXIT_TIMEOUT} is taken to
 * have launched the browser and stay attached to it.
 * <p>
 * Messages name the program, never its arguments, since one of them is the sign-in URL.
 */
final class BrowserProcess implements ProcessStarter {

	static final BrowserProcess INSTANCE = new BrowserProcess();

	static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);

	private BrowserProcess() {
	}

	@Override
	public OptionalInt start(List<String> command) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(Redirect.DISCARD)
			.redirectError(Redirect.DISCARD);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new IOException("Could not start '" + command.get(0) + "' to open a browser", ex);
		}
		process.getOutputStream().close();
		try {
			return process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) ? OptionalInt.of(process.exitValue())
					: OptionalInt.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while waiting for '" + command.get(0) + "' to open a browser");
		}
	}

	/**
	 * Start the command with the given starter and fail if it exited with a non-zero
	 * status.
	 * @param starter the process starter
	 * @param command the program and its arguments
	 * @throws IOException if the program could not be started or failed
	 */
	static void launch(ProcessStarter starter, List<String> command) throws IOException {
		OptionalInt status = starter.start(command);
		if (status.isPresent() && status.getAsInt() != 0) {
			throw new IOException("'" + command.get(0) + "' exited with status "
					+ status.getAsInt());
		}
	}

}
