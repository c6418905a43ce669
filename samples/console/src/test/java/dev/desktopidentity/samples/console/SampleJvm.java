package dev.desktopidentity.samples.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The console sample run in a JVM of its own, as a user runs it: its standard output and
 * error together, its exit status. The environment has no graphical session, so that
 * what happens does not depend on the machine that runs the test.
 */
final class SampleJvm {

	private static final int TIMEOUT_SECONDS = 90;

	private SampleJvm() {
	}

	/**
	 * Run the sample to its end.
	 * @param arguments the command line arguments
	 * @param environment variables to set
	 * @param onLine called with each line of output as it comes
	 * @return how it ended
	 */
	static Run run(List<String> arguments, Map<String, String> environment, Consumer<String> onLine)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				ConsoleSampleApplication.class.getName()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().keySet().removeAll(List.of("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"));
		builder.environment().putAll(environment);
		Process process = builder.start();
		process.getOutputStream().close();
		StringBuilder output = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				output.append(line).append('\n');
				onLine.accept(line);
			}
		}
		if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IOException("The sample did not exit within " + TIMEOUT_SECONDS + " s:\n" + output);
		}
		return new Run(process.exitValue(), output.toString());
	}

	/**
	 * How a run ended.
	 *
	 * @param exitCode the exit status
	 * @param output everything it wrote
	 */
	record Run(int exitCode, String output) {

		/**
		 * Return the lines that are not blank.
		 * @return the lines
		 */
		List<String> lines() {
			return this.output.lines().filter((line) -> !line.isBlank()).toList();
		}

	}

}
