package org.negotiatetcp.benchmarks.harness;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;

/**
 * Heap per idle open connection, both sides (client and server live in this JVM): the heap in use after garbage
 * collection with {@code n} connections open, less the heap before, divided by {@code n}; then what stays after they are
 * closed again.
 */
final class IdleHeap {

	/** Connections opened at once. */
	private static final int CONCURRENCY = 16;

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	private IdleHeap() {
	}

	/**
	 * Measure an endpoint at a smaller and a larger number of connections.
	 * @param endpoint the subject
	 * @param small the first number of connections
	 * @param large the second
	 * @return the figures
	 */
	static Figures measure(Endpoint endpoint, int small, int large) {
		// classes loaded, pools and caches filled: what the first connections cost once is not per connection
		int before = endpoint.serverConnections();
		openMeasureClose(endpoint, Math.min(small, 200), before);
		long baseline = Meters.usedHeapAfterGc();
		long withSmall = openMeasureClose(endpoint, small, before);
		long baselineLarge = Meters.usedHeapAfterGc();
		long withLarge = openMeasureClose(endpoint, large, before);
		long afterClose = Meters.usedHeapAfterGc();
		return new Figures(small, large, (double) (withSmall - baseline) / small,
				(double) (withLarge - baselineLarge) / large, (double) (afterClose - baselineLarge) / large);
	}

	/**
	 * Open connections, measure the heap, close them. The list of connections lives in this frame only, so that the
	 * caller's next measurement does not see the closed connections still referenced.
	 */
	private static long openMeasureClose(Endpoint endpoint, int count, int before) {
		List<Link> links = openAll(endpoint, count);
		long used = Meters.usedHeapAfterGc();
		closeAll(endpoint, links, before);
		return used;
	}

	private static List<Link> openAll(Endpoint endpoint, int count) {
		List<Link> links = Flux.range(0, count).flatMap((i) -> endpoint.open(), CONCURRENCY).collectList().block(TIMEOUT);
		if (links == null || links.size() != count) {
			throw new IllegalStateException("Opened " + ((links != null) ? links.size() : 0) + " of " + count);
		}
		return links;
	}

	private static void closeAll(Endpoint endpoint, List<Link> links, int before) {
		Flux.fromIterable(links).flatMap(Link::close, 4 * CONCURRENCY).then().block(TIMEOUT);
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (endpoint.serverConnections() > before) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(endpoint.serverConnections() + " connections still open on the server");
			}
			Sleep.millis(20);
		}
	}

	/**
	 * The figures of one endpoint.
	 *
	 * @param small the first number of connections
	 * @param large the second
	 * @param perConnectionSmall bytes per open connection at {@code small}
	 * @param perConnectionLarge bytes per open connection at {@code large}
	 * @param retainedPerConnection bytes per connection still in use after the {@code large} ones closed
	 */
	record Figures(int small, int large, double perConnectionSmall, double perConnectionLarge,
			double retainedPerConnection) {

		/**
		 * How far from linear: the heap per connection at {@code large} over that at {@code small}.
		 * @return 1.0 when linear
		 */
		double linearity() {
			return this.perConnectionLarge / this.perConnectionSmall;
		}

	}

}
