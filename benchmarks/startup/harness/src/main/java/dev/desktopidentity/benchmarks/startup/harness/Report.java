package dev.desktopidentity.benchmarks.startup.harness;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.desktopidentity.benchmarks.startup.harness.StartupBenchmark.Result;

/**
 * Prints the results: per setting as they come, then Markdown tables of the wall time and
 * of the CPU time.
 */
final class Report {

	private Report() {
	}

	static void printResult(Result result, List<TimedApp> apps) {
		System.out.printf(Locale.ROOT, "%n%s, %s, %d runs each (ms):%n", result.jdk().name(), result.mode().label(),
				result.samples().get("bare").size());
		print("wall", result.samples(), apps);
		if (!result.cpu().get("bare").isEmpty()) {
			print("cpu", result.cpu(), apps);
		}
	}

	private static void print(String kind, Map<String, Samples> samples, List<TimedApp> apps) {
		Samples bare = samples.get("bare");
		for (TimedApp app : apps) {
			Samples times = samples.get(app.name());
			String added = "";
			if (times != bare) {
				Samples differences = times.minus(bare);
				added = "  added " + range(differences) + interval(differences);
			}
			System.out.printf(Locale.ROOT, "  %-4s %-18s median %6.0f  IQR %6.0f-%-6.0f min %6.0f  max %6.0f%s%n", kind,
					app.name(), times.median(), times.quantile(0.25), times.quantile(0.75), times.min(), times.max(),
					added);
		}
	}

	static void print(List<Result> results, List<TimedApp> apps, Options options, int timedRequests) {
		System.out.printf(Locale.ROOT,
				"%nMedian of %d interleaved runs per process (IQR), ms; token cache protection '%s'; requests to the "
						+ "identity provider during timed runs: %d%n",
				options.runs(), String.join("', '", options.protections()), timedRequests);
		System.out.printf("%nWall time:%n%n");
		table(results, apps, Result::samples);
		if (!results.isEmpty() && !results.get(0).cpu().get("bare").isEmpty()) {
			System.out.printf("%nCPU time (user + system):%n%n");
			table(results, apps, Result::cpu);
		}
		System.out.println();
		System.out.println("'added': median (IQR) of the differences to the bare app's run of the same round; "
				+ "above, the interval that holds their true median with 95% confidence (order statistics).");
	}

	private static void table(List<Result> results, List<TimedApp> apps, Function<Result, Map<String, Samples>> kind) {
		StringBuilder header = new StringBuilder("| JDK | Launch |");
		StringBuilder rule = new StringBuilder("| --- | --- |");
		for (TimedApp app : apps) {
			header.append(' ').append(app.name()).append(" |");
			rule.append(" ---: |");
			if (!app.name().equals("bare")) {
				header.append(" added by ").append(app.name()).append(" |");
				rule.append(" ---: |");
			}
		}
		System.out.println(header);
		System.out.println(rule);
		for (Result result : results) {
			Map<String, Samples> samples = kind.apply(result);
			Samples bare = samples.get("bare");
			StringBuilder row = new StringBuilder("| " + result.jdk().feature() + " | " + result.mode().label() + " |");
			for (TimedApp app : apps) {
				Samples times = samples.get(app.name());
				row.append(String.format(Locale.ROOT, " %.0f (%.0f-%.0f) |", times.median(), times.quantile(0.25),
						times.quantile(0.75)));
				if (times != bare) {
					row.append(' ').append(range(times.minus(bare))).append(" |");
				}
			}
			System.out.println(row);
		}
	}

	private static String interval(Samples added) {
		double[] interval = added.medianInterval();
		return (interval != null)
				? String.format(Locale.ROOT, ", median within %+.0f to %+.0f (95%%)", interval[0], interval[1]) : "";
	}

	private static String range(Samples added) {
		return String.format(Locale.ROOT, "%+.0f (%+.0f to %+.0f)", added.median(), added.quantile(0.25),
				added.quantile(0.75));
	}

}
