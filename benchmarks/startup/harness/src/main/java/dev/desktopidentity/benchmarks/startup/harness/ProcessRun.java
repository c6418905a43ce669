package dev.desktopidentity.benchmarks.startup.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One process, timed from just before it is started until it has exited, as a user
 * would time it.
 *
 * @param command the command
 * @param exitCode the exit code
 * @param output standard output and standard error, interleaved
 * @param nanos wall time
 */
record ProcessRun(List<String> command, int exitCode, String output, long nanos) {

	private static final long TIMEOUT_SECONDS = 300;

	static ProcessRun run(List<String> command, Path directory) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
		builder.environment().remove("JAVA_TOOL_OPTIONS");
		builder.environment().remove("JDK_JAVA_OPTIONS");
		try {
			long start = System.nanoTime();
			Process process = builder.start();
			CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Still running after " + TIMEOUT_SECONDS + " s: " + command);
			}
			long nanos = System.nanoTime() - start;
			return new ProcessRun(command, process.exitValue(), output.join(), nanos);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * Fail unless the process exited normally and printed what it should.
	 * @param expected text the output must contain
	 * @return this run
	 */
	ProcessRun expect(String expected) {
		if (this.exitCode != 0 || !this.output.contains(expected)) {
			throw new IllegalStateException("Expected exit code 0 and '" + expected + "' from\n  "
					+ String.join(" ", this.command) + "\nbut got exit code " + this.exitCode + " and:\n"
					+ this.output);
		}
		return this;
	}

	double millis() {
		return this.nanos / 1e6;
	}

	private static String read(InputStream input) {
		try (input) {
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
