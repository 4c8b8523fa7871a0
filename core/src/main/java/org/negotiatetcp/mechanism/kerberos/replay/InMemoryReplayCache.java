package org.negotiatetcp.mechanism.kerberos.replay;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A {@link ReplayCache} in this process's memory: bounded and expiring, for one server instance (or several in one
 * process). Entries expire after their lifetime ({@link ReplayCache#lifetime(Duration) twice the clock skew}) and are
 * dropped on later additions; when more than {@code maxEntries} unexpired entries are recorded, the oldest are dropped
 * first. That costs no protection in this process: the JDK's acceptor keeps its own unbounded per-process replay
 * cache beside this one. Instances behind a load balancer need a shared cache ({@link RedisReplayCache}).
 * <p>
 * Thread-safe; {@link #add} is atomic per tag.
 */
public final class InMemoryReplayCache implements ReplayCache {

	/** The default bound on recorded entries. */
	public static final int DEFAULT_MAX_ENTRIES = 100_000;

	private static final InMemoryReplayCache SHARED = new InMemoryReplayCache(ReplayCache.DEFAULT_CLOCK_SKEW,
			DEFAULT_MAX_ENTRIES);

	private final Map<ReplayTag, Long> deadlines = new ConcurrentHashMap<>();

	/** The tags in the order they were added, which is the order they expire in (one lifetime for all). */
	private final Queue<Entry> order = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final long lifetimeNanos;

	private final int maxEntries;

	private final LongSupplier nanoTime;

	/**
	 * Create a cache.
	 * @param clockSkew the acceptor's clock skew; entries are kept for twice that
	 * @param maxEntries the most entries kept
	 */
	public InMemoryReplayCache(Duration clockSkew, int maxEntries) {
		this(clockSkew, maxEntries, System::nanoTime);
	}

	/**
	 * Create a cache with its own clock (tests).
	 * @param clockSkew the acceptor's clock skew; entries are kept for twice that
	 * @param maxEntries the most entries kept
	 * @param nanoTime the clock, in nanoseconds as {@link System#nanoTime()}
	 */
	InMemoryReplayCache(Duration clockSkew, int maxEntries, LongSupplier nanoTime) {
		if (maxEntries < 1) {
			throw new IllegalArgumentException("A replay cache keeps at least one entry, not " + maxEntries);
		}
		this.lifetimeNanos = ReplayCache.lifetime(clockSkew).toNanos();
		this.maxEntries = maxEntries;
		this.nanoTime = nanoTime;
	}

	/**
	 * Return the cache shared by every acceptor of this process that was not given another: the default clock skew
	 * and {@value #DEFAULT_MAX_ENTRIES} entries at most.
	 * @return the shared cache
	 */
	public static InMemoryReplayCache shared() {
		return SHARED;
	}

	@Override
	public boolean contains(ReplayTag tag) {
		Long deadline = this.deadlines.get(tag);
		return deadline != null && deadline - this.nanoTime.getAsLong() > 0;
	}

	@Override
	public boolean add(ReplayTag tag) {
		long now = this.nanoTime.getAsLong();
		Long deadline = now + this.lifetimeNanos;
		Long existing = this.deadlines.putIfAbsent(tag, deadline);
		if (existing != null) {
			if (existing - now > 0) {
				return false;
			}
			// expired but not yet dropped: take its place, unless another thread just did
			if (!this.deadlines.replace(tag, existing, deadline)) {
				return false;
			}
		}
		else {
			this.size.incrementAndGet();
		}
		this.order.add(new Entry(tag, deadline));
		dropExpired(now);
		return true;
	}

	/**
	 * Return how many entries are recorded, expired ones not yet dropped included.
	 * @return the number of entries
	 */
	public int size() {
		return this.size.get();
	}

	private void dropExpired(long now) {
		Entry head;
		while ((head = this.order.peek()) != null
				&& (head.deadline() - now <= 0 || this.size.get() > this.maxEntries)) {
			if (!this.order.remove(head)) {
				continue;
			}
			// a tag re-added after it expired has a newer entry in the queue: remove only this deadline's mapping
			if (this.deadlines.remove(head.tag(), head.deadline())) {
				this.size.decrementAndGet();
			}
		}
	}

	@Override
	public String toString() {
		return "InMemoryReplayCache[entries=" + size() + ", max=" + this.maxEntries + ", lifetime="
				+ Duration.ofNanos(this.lifetimeNanos) + "]";
	}

	private record Entry(ReplayTag tag, Long deadline) {
	}

}
