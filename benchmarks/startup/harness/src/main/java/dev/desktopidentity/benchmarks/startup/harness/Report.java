package dev.desktopidentity.benchmarks.startup.harness;

import java.util.List;
import java.util.Locale;

import dev.desktopidentity.benchmarks.startup.harness.StartupBenchmark.Result;

/**
 * Prints the results: per setting as they come, then one Markdown table.
 */
final class Report {

	private Report() {
	}

	static void printResult(Result result, List<TimedApp> apps) {
		System.out.printf(Locale.ROOT, "%n%s, %s, %d runs each (ms):%n", result.jdk().name(), result.mode().label(),
				result.samples().get("bare").size());
		Samples bare = result.samples().get("bare");
		for (TimedApp app : apps) {
			Samples samples = result.samples().get(app.name());
			System.out.printf(Locale.ROOT, "  %-18s median %6.0f  IQR %6.0f-%-6.0f min %6.0f  max %6.0f%s%n",
					app.name(), samples.median(), samples.quantile(0.25), samples.quantile(0.75), samples.min(),
					samples.max(), (samples == bare) ? "" : "  " + added(samples, bare));
		}
	}

	static void print(List<Result> results, List<TimedApp> apps, Options options, int timedRequests) {
		System.out.printf(Locale.ROOT, "%nWall time per process, median of %d interleaved runs (IQR), ms; "
				+ "token cache protection '%s'; requests to the identity provider during timed runs: %d%n%n",
				options.runs(), options.protection(), timedRequests);
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
			Samples bare = result.samples().get("bare");
			StringBuilder row = new StringBuilder("| " + result.jdk().feature() + " | " + result.mode().label() + " |");
			for (TimedApp app : apps) {
				Samples samples = result.samples().get(app.name());
				row.append(String.format(Locale.ROOT, " %.0f (%.0f-%.0f) |", samples.median(), samples.quantile(0.25),
						samples.quantile(0.75)));
				if (samples != bare) {
					Samples added = samples.minus(bare);
					row.append(String.format(Locale.ROOT, " %+.0f (%+.0f to %+.0f) |", added.median(),
							added.quantile(0.25), added.quantile(0.75)));
				}
			}
			System.out.println(row);
		}
		System.out.println();
		System.out.println("'added': median and IQR of the differences to the bare app's run of the same round.");
	}

	private static String added(Samples samples, Samples bare) {
		Samples added = samples.minus(bare);
		return String.format(Locale.ROOT, "added %+.0f (IQR %+.0f to %+.0f)", added.median(), added.quantile(0.25),
				added.quantile(0.75));
	}

}
