package dev.desktopidentity.cache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A second JVM on the test class path, whose output lines the test reads and waits for.
 */
public final class ChildJvm implements AutoCloseable {

	private final Process process;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();

	private final PrintWriter input;

	private ChildJvm(Process process) {
		this.process = process;
		this.input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
		Thread reader = new Thread(this::readOutput, "child-jvm-" + process.pid());
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Return the command that starts a JVM running a main class of the test class path.
	 * @param mainClass the main class
	 * @param arguments its arguments
	 * @return the command
	 */
	public static List<String> javaCommand(Class<?> mainClass, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Xshare:auto");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass.getName());
		command.addAll(List.of(arguments));
		return command;
	}

	public static ChildJvm start(Class<?> mainClass, String... arguments) throws IOException {
		return start(javaCommand(mainClass, arguments), Map.of());
	}

	public static ChildJvm start(List<String> command, Map<String, String> environment) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		return new ChildJvm(builder.start());
	}

	private void readOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(line);
				this.unread.add(line);
			}
		}
		catch (IOException ex) {
			// The process has gone
		}
	}

	/**
	 * Wait for an output line.
	 * @param match what the line must be like
	 * @param timeout how long to wait
	 * @return the line
	 * @throws InterruptedException if interrupted
	 */
	public String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			String line = this.unread.poll(50, TimeUnit.MILLISECONDS);
			if (line != null && match.test(line)) {
				return line;
			}
			if (line == null && !this.process.isAlive() && this.unread.isEmpty()) {
				break;
			}
		}
		throw new AssertionError("No matching line from the child JVM; its output:\n" + output());
	}

	public void send(String line) {
		this.input.println(line);
	}

	public int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("The child JVM did not exit in " + timeout + "; its output:\n" + output());
		}
		return this.process.exitValue();
	}

	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	public long pid() {
		return this.process.pid();
	}

	public List<String> lines() {
		return List.copyOf(this.lines);
	}

	public String output() {
		return String.join("\n", this.lines);
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

}
