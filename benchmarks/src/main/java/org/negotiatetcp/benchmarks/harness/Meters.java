package org.negotiatetcp.benchmarks.harness;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;

/**
 * Process-wide counters: CPU time of the JVM and bytes allocated by all its threads (both sides of every connection
 * live in this JVM, so both count).
 */
final class Meters {

	private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private Meters() {
	}

	/**
	 * Return the CPU time the JVM has used.
	 * @return nanoseconds
	 */
	static long cpuNanos() {
		return OS.getProcessCpuTime();
	}

	/**
	 * Return how much each live thread has allocated so far.
	 * @return allocated bytes by thread id
	 */
	static Map<Long, Long> allocatedByThread() {
		long[] ids = THREADS.getAllThreadIds();
		long[] bytes = THREADS.getThreadAllocatedBytes(ids);
		Map<Long, Long> byThread = new HashMap<>(ids.length * 2);
		for (int i = 0; i < ids.length; i++) {
			if (bytes[i] >= 0) {
				byThread.put(ids[i], bytes[i]);
			}
		}
		return byThread;
	}

	/**
	 * Return the bytes allocated since a snapshot by the threads alive now (a thread started since counts from zero;
	 * one that ended since is lost, which the harness's long-lived threads make rare).
	 * @param since the snapshot
	 * @return allocated bytes
	 */
	static long allocatedSince(Map<Long, Long> since) {
		long total = 0;
		for (Map.Entry<Long, Long> now : allocatedByThread().entrySet()) {
			total += now.getValue() - since.getOrDefault(now.getKey(), 0L);
		}
		return total;
	}

	/**
	 * Return the heap in use after collecting garbage (a few full collections, so that what is unreachable is gone).
	 * @return bytes
	 */
	static long usedHeapAfterGc() {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 4; i++) {
			System.gc();
			Sleep.millis(100);
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
