package dev.desktopidentity.benchmarks.startup.harness;

import java.util.HashMap;
import java.util.Map;

/**
 * What the steps tool printed after one run of an app, in milliseconds: the self time of
 * each step, summed over the steps with the same key, and the time of each phase of the run.
 *
 * @param selfTimes self times by step key
 * @param phases times by phase: {@code jvm-start-to-main}, {@code main-to-run}, {@code run}
 * and {@code runners}
 */
record StepRun(Map<String, Double> selfTimes, Map<String, Double> phases) {

	static StepRun parse(String output) {
		Map<String, Double> selfTimes = new HashMap<>();
		Map<String, Double> phases = new HashMap<>();
		for (String line : output.split("\\R")) {
			String[] fields = line.split("\t", 4);
			if (fields.length == 4 && fields[0].equals("startup-step")) {
				selfTimes.merge(fields[3], Long.parseLong(fields[1]) / 1e3, Double::sum);
			}
			else if (fields.length == 3 && fields[0].equals("startup-time")) {
				phases.put(fields[1], Long.parseLong(fields[2]) / 1e3);
			}
		}
		if (selfTimes.isEmpty() || phases.isEmpty()) {
			throw new IllegalStateException("No startup steps in the output:\n" + output);
		}
		return new StepRun(selfTimes, phases);
	}

	/**
	 * Return the self time of the steps with a key, 0 if the run had none.
	 */
	double selfTime(String key) {
		return this.selfTimes.getOrDefault(key, 0.0);
	}

	double allSteps() {
		return this.selfTimes.values().stream().mapToDouble(Double::doubleValue).sum();
	}

	double phase(String name) {
		Double millis = this.phases.get(name);
		if (millis == null) {
			throw new IllegalStateException("No phase '" + name + "' in " + this.phases.keySet());
		}
		return millis;
	}

}
