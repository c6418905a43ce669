package dev.desktopidentity.benchmarks.startup.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.nio.file.attribute.FileTime;

/**
 * Times a bare Spring Boot command-line app against the same app with the starter (and
 * the console sample's {@code --status}), each as a whole process, over interleaved
 * rounds, on each JDK and launch mode; prints medians, spreads and what the starter adds.
 * <p>
 * Options: {@code --work DIR}, {@code --bare JAR}, {@code --app JAR},
 * {@code [--console JAR]}, {@code --jdk HOME} (repeatable), {@code [--modes jar,extracted,archive]},
 * {@code [--runs 10]}, {@code [--warmup 2]}, {@code [--protection none[,os]]} (with several, a
 * starter app for each, each with a token cache of its own),
 * {@code [--steps STEPS_JAR [--step-runs 6]]}.
 * <p>
 * With {@code --steps}, after the timed runs on each JDK, the bare and the starter app run
 * extracted under the steps tool ({@code steps.jar}), {@code --warmup} and
 * {@code --step-runs} interleaved rounds, and a table shows per startup step the median self
 * time of each and what the starter adds (see {@link StepComparison}), then the sum of
 * all steps, the runners (the first {@code getToken()}), {@code new SpringApplication},
 * {@code run()} and the time from the JVM's start. {@code --runs 0} skips the timed runs.
 */
public final class StartupBenchmark {

	private StartupBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		Files.createDirectories(options.work());
		try (BenchmarkProvider provider = BenchmarkProvider.start(options.work(), options.protections())) {
			System.out.println("Signed in as " + provider.signIn() + " to warm the token cache in "
					+ provider.cache());
			List<TimedApp> apps = apps(options, provider);
			// to run an app by hand while the cached token is valid (12 hours): java -jar app.jar $(cat arguments)
			Files.write(options.work().resolve("arguments"), provider.arguments());
			int requestsAfterSignIn = provider.requestCount();
			List<Result> results = new ArrayList<>();
			for (Jdk jdk : options.jdks()) {
				prepare(options, provider, apps, jdk);
				for (Mode mode : options.modes()) {
					results.add(measure(options, apps, jdk, mode));
				}
				if (options.steps() != null) {
					StepComparison.run(options, apps.get(0), apps.get(1), jdk);
				}
			}
			int timedRequests = provider.requestCount() - requestsAfterSignIn;
			if (!results.isEmpty()) {
				Report.print(results, apps, options, timedRequests);
			}
			if (timedRequests != 0) {
				throw new IllegalStateException("The runs after the sign-in sent " + timedRequests
						+ " requests to the identity provider: the token cache was not warm");
			}
		}
	}

	private static List<TimedApp> apps(Options options, BenchmarkProvider provider) {
		List<TimedApp> apps = new ArrayList<>();
		// The same command line for both: the local provider's certificate is trusted through
		// an SSL bundle (spring.ssl.bundle.*), which Spring Boot loads at start-up in any app
		apps.add(new TimedApp("bare", options.bare(), provider.arguments(), "Hello from a bare Spring Boot app"));
		// with several protections, one starter app each, timed in the same rounds
		for (String protection : options.protections()) {
			String name = (options.protections().size() > 1) ? "starter " + protection : "starter";
			apps.add(new TimedApp(name, options.app(), provider.arguments(protection),
					"Signed in as " + BenchmarkProvider.USERNAME));
		}
		if (options.console() != null) {
			List<String> arguments = new ArrayList<>(List.of("--status"));
			arguments.addAll(provider.arguments());
			apps.add(new TimedApp("console --status", options.console(), arguments, "Access token valid until"));
		}
		return apps;
	}

	/**
	 * Extract each jar and, for the archive mode, run the training run, checking that it
	 * neither reaches the identity provider nor writes the token cache.
	 */
	private static void prepare(Options options, BenchmarkProvider provider, List<TimedApp> apps, Jdk jdk)
			throws Exception {
		boolean archive = options.modes().contains(Mode.ARCHIVE);
		for (TimedApp app : apps) {
			if (archive || options.modes().contains(Mode.EXTRACTED) || options.steps() != null) {
				app.extract(options.work(), jdk);
			}
			if (archive) {
				int requests = provider.requestCount();
				Map<Path, FileTime> cache = BenchmarkFiles.snapshot(provider.cache());
				ProcessRun training = app.train(options.work(), jdk);
				if (training.exitCode() != 0 || training.output().contains(app.expected())) {
					throw new IllegalStateException("The training run of " + app.name() + " on " + jdk.name()
							+ " should refresh the context and exit before the app runs:\n" + training.output());
				}
				if (provider.requestCount() != requests || !cache.equals(BenchmarkFiles.snapshot(provider.cache()))) {
					throw new IllegalStateException("The training run of " + app.name() + " on " + jdk.name()
							+ " reached the identity provider or wrote the token cache");
				}
				System.out.printf(Locale.ROOT, "%s: trained %s (%.0f ms), %d kB archive%n", jdk.name(), app.name(),
						training.millis(), Files.size(app.archive(options.work(), jdk)) / 1024);
			}
		}
	}

	private static Result measure(Options options, List<TimedApp> apps, Jdk jdk, Mode mode) {
		for (TimedApp app : apps) {
			// once strictly: the archive must be usable, or the numbers would not be about it
			ProcessRun.run(app.command(options.work(), jdk, mode, true), options.work()).expect(app.expected());
		}
		Map<String, Samples> samples = new LinkedHashMap<>();
		Map<String, Samples> cpu = new LinkedHashMap<>();
		apps.forEach((app) -> samples.put(app.name(), new Samples()));
		apps.forEach((app) -> cpu.put(app.name(), new Samples()));
		int rounds = options.warmup() + options.runs();
		for (int round = 0; round < rounds; round++) {
			for (int i = 0; i < apps.size(); i++) {
				TimedApp app = apps.get((round + i) % apps.size());
				ProcessRun run = ProcessRun.run(app.command(options.work(), jdk, mode, false), options.work())
					.expect(app.expected());
				if (round >= options.warmup()) {
					samples.get(app.name()).add(run.millis());
					if (run.cpuNanos() >= 0) {
						cpu.get(app.name()).add(run.cpuMillis());
					}
				}
			}
		}
		Result result = new Result(jdk, mode, samples, cpu);
		Report.printResult(result, apps);
		return result;
	}

	/**
	 * The runs of each app in one setting.
	 *
	 * @param jdk the JDK
	 * @param mode how the apps were launched
	 * @param samples wall times by app
	 * @param cpu CPU times by app, empty without GNU time
	 */
	record Result(Jdk jdk, Mode mode, Map<String, Samples> samples, Map<String, Samples> cpu) {

	}

}
