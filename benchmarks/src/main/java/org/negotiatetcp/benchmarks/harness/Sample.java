package org.negotiatetcp.benchmarks.harness;

import org.jspecify.annotations.Nullable;

/**
 * What one cell measured in one round.
 *
 * @param operations round trips, messages echoed, wrap+unwrap pairs or open+close cycles completed
 * @param nanos the measured time
 * @param bytes payload bytes moved (for throughput)
 * @param allocatedBytes bytes allocated by all threads during the measured time
 * @param cpuNanos CPU time of the JVM during the measured time
 * @param latencies the round-trip times, for request/response cells
 */
record Sample(long operations, long nanos, long bytes, long allocatedBytes, long cpuNanos,
		@Nullable Latencies latencies) {

	double perSecond() {
		return this.operations * 1e9 / this.nanos;
	}

	double megabytesPerSecond() {
		return this.bytes * 1e3 / this.nanos;
	}

	double allocatedPerOperation() {
		return (this.operations > 0) ? (double) this.allocatedBytes / this.operations : Double.NaN;
	}

	double cpuMillisPerOperation() {
		return (this.operations > 0) ? this.cpuNanos / 1e6 / this.operations : Double.NaN;
	}

	double p99Micros() {
		return (this.latencies != null) ? this.latencies.percentileMicros(99) : Double.NaN;
	}

	double p50Micros() {
		return (this.latencies != null) ? this.latencies.percentileMicros(50) : Double.NaN;
	}

}
