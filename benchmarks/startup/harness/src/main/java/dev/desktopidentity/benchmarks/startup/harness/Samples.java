package dev.desktopidentity.benchmarks.startup.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Times of one app in one setting, in milliseconds.
 */
final class Samples {

	private final List<Double> values = new ArrayList<>();

	void add(double millis) {
		this.values.add(millis);
	}

	int size() {
		return this.values.size();
	}

	boolean isEmpty() {
		return this.values.isEmpty();
	}

	double get(int index) {
		return this.values.get(index);
	}

	double median() {
		return quantile(0.5);
	}

	double min() {
		return sorted().get(0);
	}

	double max() {
		List<Double> sorted = sorted();
		return sorted.get(sorted.size() - 1);
	}

	/**
	 * Linear interpolation between the closest ranks.
	 */
	double quantile(double q) {
		List<Double> sorted = sorted();
		double position = q * (sorted.size() - 1);
		int lower = (int) Math.floor(position);
		int upper = (int) Math.ceil(position);
		return sorted.get(lower) + (sorted.get(upper) - sorted.get(lower)) * (position - lower);
	}

	/**
	 * Return the differences to another app's runs of the same rounds.
	 */
	Samples minus(Samples other) {
		Samples differences = new Samples();
		for (int i = 0; i < Math.min(size(), other.size()); i++) {
			differences.add(get(i) - other.get(i));
		}
		return differences;
	}

	private List<Double> sorted() {
		List<Double> sorted = new ArrayList<>(this.values);
		Collections.sort(sorted);
		return sorted;
	}

}
