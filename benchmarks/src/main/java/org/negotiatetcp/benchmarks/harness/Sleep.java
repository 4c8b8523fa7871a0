package org.negotiatetcp.benchmarks.harness;

import java.time.Duration;

/**
 * Sleeping without checked exceptions.
 */
final class Sleep {

	private Sleep() {
	}

	static void millis(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	static void of(Duration duration) {
		millis(duration.toMillis());
	}

}
