package dev.desktopidentity.benchmarks.startup.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One process, timed from just before it is started until it has exited, as a user
 * would time it; with GNU time ({@code /usr/bin/time}), also the CPU time it used, which
 * other work on a busy machine changes less than the wall time.
 *
 * @param command the command
 * @param exitCode the exit code
 * @param output standard output and standard error, interleaved
 * @param nanos wall time
 * @param cpuNanos user and system CPU time, or -1 without GNU time
 */
record ProcessRun(List<String> command, int exitCode, String output, long nanos, long cpuNanos) {

	private static final long TIMEOUT_SECONDS = 300;

	private static final Path GNU_TIME = Path.of("/usr/bin/time");

	static ProcessRun run(List<String> command, Path directory) {
		try {
			Path cpu = Files.isExecutable(GNU_TIME) ? Files.createTempFile("startup-cpu", ".txt") : null;
			List<String> launched = new ArrayList<>();
			if (cpu != null) {
				launched.addAll(List.of(GNU_TIME.toString(), "-q", "-f", "%U %S", "-o", cpu.toString()));
			}
			launched.addAll(command);
			ProcessBuilder builder = new ProcessBuilder(launched).directory(directory.toFile())
				.redirectErrorStream(true);
			builder.environment().remove("JAVA_TOOL_OPTIONS");
			builder.environment().remove("JDK_JAVA_OPTIONS");
			long start = System.nanoTime();
			Process process = builder.start();
			CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Still running after " + TIMEOUT_SECONDS + " s: " + command);
			}
			long nanos = System.nanoTime() - start;
			return new ProcessRun(command, process.exitValue(), output.join(), nanos, cpuNanos(cpu));
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

	double cpuMillis() {
		return this.cpuNanos / 1e6;
	}

	private static long cpuNanos(Path file) throws IOException {
		if (file == null) {
			return -1;
		}
		try {
			String[] seconds = Files.readString(file).strip().split("\\s+");
			double total = Double.parseDouble(seconds[seconds.length - 2]) + Double.parseDouble(seconds[seconds.length - 1]);
			return Math.round(total * 1e9);
		}
		catch (RuntimeException ex) {
			return -1;
		}
		finally {
			Files.deleteIfExists(file);
		}
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
