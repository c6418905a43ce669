package dev.desktopidentity.benchmarks.startup.harness;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Compares where the bare app and the starter app spend their start-up, step by step.
 * Runs each from its extracted jar under the steps tool ({@code steps.jar} on the class
 * path, the app's main class from the jar's manifest named by a system property), over
 * interleaved rounds, and prints per startup step the median self time of each app and
 * what the starter adds: the median of the differences between the runs of the same round.
 * A step only one app has counts as 0 in the other. The steps are sorted by what the
 * starter adds; the first 30 are shown, and any other that differs by a millisecond or more
 * either way, as a measure of the noise; the rest are summed in one line.
 */
final class StepComparison {

	private static final String STEPS_MAIN = "dev.desktopidentity.benchmarks.startup.steps.StepsMain";

	private static final String MAIN_CLASS_PROPERTY = "startup.steps.main-class";

	private static final int TOP = 30;

	private static final double NOTABLE_MILLIS = 1.0;

	private StepComparison() {
	}

	/**
	 * Run the two apps' {@code --warmup} and {@code --step-runs} rounds and print the comparison.
	 */
	static void run(Options options, TimedApp bare, TimedApp starter, Jdk jdk) throws IOException {
		List<TimedApp> apps = List.of(bare, starter);
		List<List<String>> commands = List.of(command(options, bare, jdk), command(options, starter, jdk));
		List<List<StepRun>> runs = List.of(new ArrayList<>(), new ArrayList<>());
		int rounds = options.warmup() + options.stepRuns();
		for (int round = 0; round < rounds; round++) {
			for (int i = 0; i < apps.size(); i++) {
				int app = (round + i) % apps.size();
				ProcessRun run = ProcessRun.run(commands.get(app), options.work()).expect(apps.get(app).expected());
				if (round >= options.warmup()) {
					runs.get(app).add(StepRun.parse(run.output()));
				}
			}
		}
		print(jdk, runs.get(0), runs.get(1));
	}

	private static List<String> command(Options options, TimedApp app, Jdk jdk) throws IOException {
		Path jar = app.extractedJar(options.work(), jdk);
		List<String> command = new ArrayList<>(List.of(jdk.java(), "-cp", jar + File.pathSeparator + options.steps(),
				"-D" + MAIN_CLASS_PROPERTY + "=" + app.mainClass(options.work(), jdk), STEPS_MAIN));
		command.addAll(app.arguments());
		return command;
	}

	private static void print(Jdk jdk, List<StepRun> bare, List<StepRun> starter) {
		System.out.printf(Locale.ROOT, "%n%s, extracted, self time of each startup step, median of %d interleaved runs "
				+ "each (ms):%n%n", jdk.name(), bare.size());
		System.out.println("| Step | bare | starter | added |");
		System.out.println("| --- | ---: | ---: | ---: |");
		printSteps(bare, starter);
		Row.of("all steps", bare, starter, StepRun::allSteps).print();
		Row.of("runners (first getToken())", bare, starter, (run) -> run.phase("runners")).print();
		Row.of("main() to run() (new SpringApplication)", bare, starter, (run) -> run.phase("main-to-run")).print();
		Row.of("run()", bare, starter, (run) -> run.phase("run")).print();
		Row.of("JVM start to end of run() (start to the ms)", bare, starter,
				(run) -> run.phase("jvm-start-to-main") + run.phase("main-to-run") + run.phase("run")).print();
		System.out.printf("%nSelf time: a step's duration less its direct children's. 'added': median of the "
				+ "differences between the runs of the same round. A step that runs in the runners (a bean first "
				+ "created there) counts in the runners' time too; run() is SpringApplication.run, runners included.%n");
	}

	private static void printSteps(List<StepRun> bare, List<StepRun> starter) {
		Set<String> keys = new TreeSet<>();
		bare.forEach((run) -> keys.addAll(run.selfTimes().keySet()));
		starter.forEach((run) -> keys.addAll(run.selfTimes().keySet()));
		List<Row> steps = keys.stream()
			.map((key) -> Row.of(key, bare, starter, (run) -> run.selfTime(key)))
			.sorted(Comparator.comparingDouble(Row::added).reversed())
			.toList();
		Set<String> others = new TreeSet<>();
		for (int i = 0; i < steps.size(); i++) {
			if (i < TOP || Math.abs(steps.get(i).added()) >= NOTABLE_MILLIS) {
				steps.get(i).print();
			}
			else {
				others.add(steps.get(i).label());
			}
		}
		if (!others.isEmpty()) {
			Row.of(others.size() + " other steps", bare, starter,
					(run) -> others.stream().mapToDouble(run::selfTime).sum()).print();
		}
	}

	/**
	 * One line of the comparison, in milliseconds.
	 *
	 * @param label what was timed
	 * @param bare the bare app's median
	 * @param starter the starter app's median
	 * @param added the median of the differences between the runs of the same round
	 */
	private record Row(String label, double bare, double starter, double added) {

		static Row of(String label, List<StepRun> bare, List<StepRun> starter, ToDoubleFunction<StepRun> time) {
			Samples bareTimes = samples(bare, time);
			Samples starterTimes = samples(starter, time);
			return new Row(label, bareTimes.median(), starterTimes.median(), starterTimes.minus(bareTimes).median());
		}

		private static Samples samples(List<StepRun> runs, ToDoubleFunction<StepRun> time) {
			Samples samples = new Samples();
			runs.forEach((run) -> samples.add(time.applyAsDouble(run)));
			return samples;
		}

		void print() {
			System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %+.1f |%n", this.label, this.bare, this.starter,
					this.added);
		}

	}

}
