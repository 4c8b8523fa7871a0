package org.negotiatetcp.benchmarks.harness;

/**
 * Round-trip times at one microsecond's resolution up to {@value #RANGE_MICROS} µs (longer ones count as that), recorded
 * without allocating. One instance per connection, written by its event loop only.
 */
final class Latencies {

	static final int RANGE_MICROS = 100_000;

	private final int[] counts = new int[RANGE_MICROS + 1];

	private long total;

	void record(long nanos) {
		int micros = (int) Math.min(RANGE_MICROS, Math.max(0, nanos / 1000));
		this.counts[micros]++;
		this.total++;
	}

	/**
	 * Add another's counts to this one's.
	 * @param other the other
	 */
	void add(Latencies other) {
		for (int i = 0; i < this.counts.length; i++) {
			this.counts[i] += other.counts[i];
		}
		this.total += other.total;
	}

	/**
	 * Return a percentile.
	 * @param percentile for example 99
	 * @return the round-trip time in microseconds at or below which that share of the round trips were, or NaN
	 * without any
	 */
	double percentileMicros(double percentile) {
		if (this.total == 0) {
			return Double.NaN;
		}
		long rank = (long) Math.ceil(this.total * percentile / 100.0);
		long seen = 0;
		for (int i = 0; i < this.counts.length; i++) {
			seen += this.counts[i];
			if (seen >= rank) {
				return i;
			}
		}
		return RANGE_MICROS;
	}

}
