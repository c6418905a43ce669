package dev.desktopidentity.benchmarks.startup.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The harness's command-line options.
 */
record Options(Path work, Path bare, Path app, @Nullable Path console, List<Jdk> jdks, List<Mode> modes, int runs,
		int warmup, List<String> protections, @Nullable Path steps, int stepRuns) {

	static Options parse(String[] args) throws IOException {
		Path work = null;
		Path bare = null;
		Path app = null;
		Path console = null;
		List<Jdk> jdks = new ArrayList<>();
		List<Mode> modes = List.of(Mode.JAR, Mode.EXTRACTED, Mode.ARCHIVE);
		int runs = 10;
		int warmup = 2;
		List<String> protections = List.of("none");
		Path steps = null;
		int stepRuns = 6;
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("Option " + option + " needs a value");
			}
			String value = args[++i];
			switch (option) {
				case "--work" -> work = Path.of(value).toAbsolutePath();
				case "--bare" -> bare = Path.of(value).toAbsolutePath();
				case "--app" -> app = Path.of(value).toAbsolutePath();
				case "--console" -> console = Path.of(value).toAbsolutePath();
				case "--jdk" -> jdks.add(Jdk.of(Path.of(value)));
				case "--modes" -> modes = Arrays.stream(value.split(",")).map(String::strip).map(Mode::of).toList();
				case "--runs" -> runs = Integer.parseInt(value);
				case "--warmup" -> warmup = Integer.parseInt(value);
				case "--protection" -> protections = Arrays.stream(value.split(",")).map(String::strip).distinct().toList();
				case "--steps" -> steps = Path.of(value).toAbsolutePath();
				case "--step-runs" -> stepRuns = Integer.parseInt(value);
				default -> throw new IllegalArgumentException("Unknown option " + option);
			}
		}
		if (work == null || bare == null || app == null || jdks.isEmpty()) {
			throw new IllegalArgumentException("Required: --work DIR --bare JAR --app JAR --jdk HOME");
		}
		if (protections.isEmpty() || protections.contains("")) {
			throw new IllegalArgumentException("--protection needs one or more of none, auto and os, separated by commas");
		}
		if (runs < ((steps != null) ? 0 : 1) || stepRuns < 1) {
			throw new IllegalArgumentException("--runs must be at least 1 (or 0 with --steps), --step-runs at least 1");
		}
		return new Options(work, bare, app, console, List.copyOf(jdks), (runs > 0) ? modes : List.of(), runs, warmup,
				protections, steps, stepRuns);
	}

}
