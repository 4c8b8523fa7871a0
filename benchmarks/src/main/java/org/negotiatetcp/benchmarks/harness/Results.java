package org.negotiatetcp.benchmarks.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The samples of a run by row and subject, one per round, and the heap figures of the idle-channel measurement.
 */
final class Results {

	private final Map<Row, Map<Subject, List<Sample>>> samples = new LinkedHashMap<>();

	private final Map<Subject, IdleHeap.Figures> heap = new LinkedHashMap<>();

	private String tls = "";

	private boolean ownProtection;

	private long wallNanos;

	void tls(String negotiated) {
		this.tls = negotiated;
	}

	String tls() {
		return this.tls;
	}

	void ownProtection(boolean own) {
		this.ownProtection = own;
	}

	boolean ownProtection() {
		return this.ownProtection;
	}

	void wallNanos(long nanos) {
		this.wallNanos = nanos;
	}

	long wallNanos() {
		return this.wallNanos;
	}

	void add(Row row, Subject subject, Sample sample) {
		this.samples.computeIfAbsent(row, (key) -> new LinkedHashMap<>())
			.computeIfAbsent(subject, (key) -> new ArrayList<>())
			.add(sample);
	}

	void heap(Subject subject, IdleHeap.Figures figures) {
		this.heap.put(subject, figures);
	}

	IdleHeap.Figures heap(Subject subject) {
		IdleHeap.Figures figures = this.heap.get(subject);
		if (figures == null) {
			throw new IllegalStateException("No heap figures for " + subject);
		}
		return figures;
	}

	boolean hasHeap(Subject subject) {
		return this.heap.containsKey(subject);
	}

	List<Sample> samples(Row row, Subject subject) {
		return this.samples.getOrDefault(row, Map.of()).getOrDefault(subject, List.of());
	}

	/**
	 * Return one figure of a cell in every round.
	 * @param row the row
	 * @param subject the subject
	 * @param figure which figure
	 * @return the values, in round order
	 */
	List<Double> values(Row row, Subject subject, ToDoubleFunction<Sample> figure) {
		List<Double> values = new ArrayList<>();
		for (Sample sample : samples(row, subject)) {
			values.add(figure.applyAsDouble(sample));
		}
		return values;
	}

	/**
	 * Return the median of one figure of a cell over the rounds.
	 * @param row the row
	 * @param subject the subject
	 * @param figure which figure
	 * @return the median, NaN without samples
	 */
	double median(Row row, Subject subject, ToDoubleFunction<Sample> figure) {
		return Spread.of(values(row, subject, figure)).median();
	}

	/**
	 * A value's spread over the rounds: median, lowest, highest.
	 *
	 * @param median the median
	 * @param min the lowest
	 * @param max the highest
	 * @param count how many values
	 */
	record Spread(double median, double min, double max, int count) {

		static Spread of(List<Double> values) {
			if (values.isEmpty()) {
				return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
			}
			List<Double> sorted = new ArrayList<>(values);
			Collections.sort(sorted);
			int middle = sorted.size() / 2;
			double median = (sorted.size() % 2 == 1) ? sorted.get(middle)
					: (sorted.get(middle - 1) + sorted.get(middle)) / 2;
			return new Spread(median, sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
		}

		/**
		 * Ratios of two figures measured in the same rounds.
		 * @param numerators one per round
		 * @param denominators one per round
		 * @return the spread of the ratios
		 */
		static Spread ratios(List<Double> numerators, List<Double> denominators) {
			List<Double> ratios = new ArrayList<>();
			for (int i = 0; i < Math.min(numerators.size(), denominators.size()); i++) {
				ratios.add(numerators.get(i) / denominators.get(i));
			}
			return of(ratios);
		}

	}

}
