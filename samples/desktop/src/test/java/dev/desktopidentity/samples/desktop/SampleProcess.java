package dev.desktopidentity.samples.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample application running in a second JVM, on the test's class path, on a
 * {@link VirtualDisplay}; its output is collected line by line, and written to a log file
 * when it is stopped.
 */
public final class SampleProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private final List<String> lines = new ArrayList<>();

	private int cursor;

	private SampleProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
		Thread reader = new Thread(this::collect, "sample-output");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start {@link DesktopSampleApplication} with the given arguments.
	 * @param display the display to show the window on
	 * @param arguments the application's arguments
	 * @param log where to write the output when the sample is stopped
	 * @return the running sample
	 */
	public static SampleProcess start(VirtualDisplay display, List<String> arguments, Path log) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				DesktopSampleApplication.class.getName()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("DISPLAY", display.name());
		try {
			return new SampleProcess(builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void collect() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				synchronized (this.lines) {
					this.lines.add(line);
					this.lines.notifyAll();
				}
			}
		}
		catch (IOException ex) {
			// The process has ended.
		}
	}

	/**
	 * Wait for a line of output, after the last one awaited, that contains the pattern.
	 * @param pattern the pattern
	 * @param timeout how long to wait
	 * @return the match
	 * @throws AssertionError with all output when no such line comes in time
	 */
	public Matcher awaitOutput(String pattern, Duration timeout) {
		Pattern compiled = Pattern.compile(pattern);
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lines) {
			while (true) {
				while (this.cursor < this.lines.size()) {
					Matcher matcher = compiled.matcher(this.lines.get(this.cursor++));
					if (matcher.find()) {
						return matcher;
					}
				}
				long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (left <= 0 || !this.process.isAlive() && this.cursor == this.lines.size()) {
					throw new AssertionError("No output matching '" + pattern + "' within " + timeout
							+ (this.process.isAlive() ? "" : " (the sample has exited)") + "; output:\n"
							+ String.join("\n", this.lines));
				}
				try {
					this.lines.wait(Math.min(left, 200));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AssertionError("Interrupted", ex);
				}
			}
		}
	}

	/**
	 * Return whether a line that contains the pattern has come after the last one awaited,
	 * without waiting.
	 * @param pattern the pattern
	 * @return whether such a line has come
	 */
	public boolean hasOutput(String pattern) {
		Pattern compiled = Pattern.compile(pattern);
		synchronized (this.lines) {
			return this.lines.subList(this.cursor, this.lines.size())
				.stream()
				.anyMatch((line) -> compiled.matcher(line).find());
		}
	}

	@Override
	public void close() {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		synchronized (this.lines) {
			try {
				Files.write(this.log, this.lines, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

}
