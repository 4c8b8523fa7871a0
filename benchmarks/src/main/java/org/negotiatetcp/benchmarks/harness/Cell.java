package org.negotiatetcp.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One measurement of one subject: warm up, then measure for a fixed time.
 */
@FunctionalInterface
interface Cell {

	/** How long the messages in flight may take to come back once a cell stops. */
	Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Run the cell.
	 * @param warmup how long to run before measuring
	 * @param measure how long to measure
	 * @return the figures of the measured time
	 */
	Sample run(Duration warmup, Duration measure);

	/**
	 * Closed loops on connections: each keeps {@code window} messages of {@code size} bytes in flight to the echo
	 * server.
	 * @param what the cell's name, for errors
	 * @param links the connections, one loop each
	 * @param size the message size
	 * @param window the messages in flight per connection (1: request/response, with round-trip times)
	 * @return the cell
	 */
	static Cell echo(String what, List<Link> links, int size, int window) {
		return (warmup, measure) -> {
			byte[] payload = new byte[size];
			for (int i = 0; i < size; i++) {
				payload[i] = (byte) i;
			}
			Phase phase = new Phase();
			List<Exchange> exchanges = new ArrayList<>();
			for (Link link : links) {
				exchanges.add(new Exchange(link, payload, window, phase));
			}
			exchanges.forEach(Exchange::start);
			Sleep.of(warmup);
			Map<Long, Long> allocated = Meters.allocatedByThread();
			long cpu = Meters.cpuNanos();
			long start = System.nanoTime();
			phase.measure();
			Sleep.of(measure);
			phase.stop();
			long nanos = System.nanoTime() - start;
			long allocatedBytes = Meters.allocatedSince(allocated);
			long cpuNanos = Meters.cpuNanos() - cpu;
			long operations = 0;
			long bytes = 0;
			Latencies latencies = (window == 1) ? new Latencies() : null;
			for (Exchange exchange : exchanges) {
				exchange.awaitDrained(DRAIN_TIMEOUT, what);
				operations += exchange.received();
				bytes += exchange.receivedBytes();
				Latencies own = exchange.latencies();
				if (latencies != null && own != null) {
					latencies.add(own);
				}
			}
			return new Sample(operations, nanos, bytes, allocatedBytes, cpuNanos, latencies);
		};
	}

	/**
	 * An operation repeated on this thread, one at a time.
	 * @param operation the operation (a handshake, a wrap+unwrap pair)
	 * @param bytesPerOperation the payload bytes each moves, 0 if none
	 * @return the cell
	 */
	static Cell loop(Runnable operation, long bytesPerOperation) {
		return (warmup, measure) -> {
			long warmupEnd = System.nanoTime() + warmup.toNanos();
			while (System.nanoTime() < warmupEnd) {
				operation.run();
			}
			Map<Long, Long> allocated = Meters.allocatedByThread();
			long cpu = Meters.cpuNanos();
			long start = System.nanoTime();
			long end = start + measure.toNanos();
			long operations = 0;
			long now;
			do {
				operation.run();
				operations++;
				now = System.nanoTime();
			}
			while (now < end);
			long nanos = now - start;
			return new Sample(operations, nanos, operations * bytesPerOperation, Meters.allocatedSince(allocated),
					Meters.cpuNanos() - cpu, null);
		};
	}

}
