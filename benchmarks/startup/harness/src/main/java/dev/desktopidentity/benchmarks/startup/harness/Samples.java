package dev.desktopidentity.benchmarks.startup.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

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
	 * Return a 95% confidence interval of the median that assumes nothing of the
	 * distribution: the order statistics k and n + 1 - k, with k the largest rank whose
	 * binomial tail (n samples, one half) is at most 2.5%.
	 * @return the lower and upper bound, or {@code null} with fewer than 6 samples
	 */
	double @Nullable [] medianInterval() {
		int n = size();
		double tail = 0;
		double probability = Math.pow(0.5, n);
		int k = 0;
		// P(X <= k - 1) for X ~ Binomial(n, 1/2), adding P(X = i) term by term
		while (k < n / 2 && tail + probability <= 0.025) {
			tail += probability;
			probability = probability * (n - k) / (k + 1);
			k++;
		}
		if (k == 0) {
			return null;
		}
		List<Double> sorted = sorted();
		return new double[] { sorted.get(k - 1), sorted.get(n - k) };
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
