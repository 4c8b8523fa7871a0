package org.negotiatetcp.benchmarks.harness;

/**
 * The phase of a cell, read by the event loops: warming up, measuring, stopped.
 */
final class Phase {

	private static final int WARMUP = 0;

	private static final int MEASURING = 1;

	private static final int STOPPED = 2;

	private volatile int state = WARMUP;

	boolean running() {
		return this.state != STOPPED;
	}

	boolean measuring() {
		return this.state == MEASURING;
	}

	void measure() {
		this.state = MEASURING;
	}

	void stop() {
		this.state = STOPPED;
	}

}
