package dev.desktopidentity.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Runs a program to its end: an argument vector, never a shell command line, with what
 * to write to its standard input. The process runs in a real program; a test double
 * records the command in tests.
 */
@FunctionalInterface
interface CommandRunner {

	/**
	 * The runner that starts processes.
	 */
	CommandRunner SYSTEM = CommandRunner::runProcess;

	/**
	 * Run the command.
	 * @param command the program and its arguments
	 * @param input what to write to its standard input before closing it, or
	 * {@code null} for nothing
	 * @param timeout how long to wait for it to exit; it is killed then
	 * @return what it printed and its exit status
	 * @throws IOException if it cannot be started, or did not exit in time
	 */
	Result run(List<String> command, @Nullable String input, Duration timeout) throws IOException;

	private static Result runProcess(List<String> command, @Nullable String input, Duration timeout)
			throws IOException {
		Process process = new ProcessBuilder(command).start();
		try {
			CompletableFuture<byte[]> output = drain(process.getInputStream());
			CompletableFuture<byte[]> error = drain(process.getErrorStream());
			try (OutputStream stdin = process.getOutputStream()) {
				if (input != null) {
					stdin.write(input.getBytes(StandardCharsets.UTF_8));
				}
			}
			catch (IOException ex) {
				// It exited without reading; its status says why
			}
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IOException("'" + command.get(0) + "' did not exit within " + timeout.toMillis() + " ms");
			}
			return new Result(process.exitValue(), text(output, timeout), text(error, timeout));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for '" + command.get(0) + "'", ex);
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static CompletableFuture<byte[]> drain(InputStream stream) {
		return CompletableFuture.supplyAsync(() -> {
			try (stream) {
				ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				stream.transferTo(bytes);
				return bytes.toByteArray();
			}
			catch (IOException ex) {
				return new byte[0];
			}
		}, (task) -> {
			Thread thread = new Thread(task, "desktop-identity-command-output");
			thread.setDaemon(true);
			thread.start();
		});
	}

	private static String text(CompletableFuture<byte[]> output, Duration timeout)
			throws InterruptedException, IOException {
		try {
			return new String(output.get(timeout.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IOException("cannot read the output of the command", ex);
		}
	}

	/**
	 * What a command printed, and how it exited.
	 *
	 * @param exitStatus the exit status
	 * @param output its standard output
	 * @param error its standard error
	 */
	record Result(int exitStatus, String output, String error) {

		@Override
		public String toString() {
			// The output may hold a secret
			return "Result[exitStatus=" + this.exitStatus + "]";
		}

	}

}
