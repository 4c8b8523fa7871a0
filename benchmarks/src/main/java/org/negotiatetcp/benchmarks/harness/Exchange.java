package org.negotiatetcp.benchmarks.harness;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * A closed loop on one connection: a fixed number of messages in flight, each echo answered by the next message.
 * With one in flight it is request/response and records round-trip times. Messages are copied into a pooled buffer
 * per send, as an application fills one.
 */
final class Exchange implements Consumer<ByteBuf> {

	private final Link link;

	private final byte[] payload;

	private final int window;

	private final Phase phase;

	private final @Nullable Latencies latencies;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final CountDownLatch drained = new CountDownLatch(1);

	private final Consumer<Throwable> onError = this::fail;

	private volatile long sentAt;

	private volatile long received;

	private volatile long receivedBytes;

	private volatile @Nullable Throwable failure;

	Exchange(Link link, byte[] payload, int window, Phase phase) {
		this.link = link;
		this.payload = payload;
		this.window = window;
		this.phase = phase;
		this.latencies = (window == 1) ? new Latencies() : null;
	}

	/**
	 * Take the link's messages and send the first window.
	 */
	void start() {
		this.link.handler(this);
		for (int i = 0; i < this.window; i++) {
			this.inFlight.incrementAndGet();
			send();
		}
	}

	@Override
	public void accept(ByteBuf message) {
		int length = message.readableBytes();
		if (length != this.payload.length) {
			fail(new IllegalStateException("Echo of " + length + " bytes for a message of " + this.payload.length));
		}
		if (this.phase.measuring()) {
			// written by the connection's event loop only
			this.received++;
			this.receivedBytes += length;
			if (this.latencies != null) {
				this.latencies.record(System.nanoTime() - this.sentAt);
			}
		}
		if (this.phase.running() && this.failure == null) {
			send();
		}
		else if (this.inFlight.decrementAndGet() == 0) {
			this.drained.countDown();
		}
	}

	private void send() {
		ByteBuf message = ByteBufAllocator.DEFAULT.buffer(this.payload.length).writeBytes(this.payload);
		this.sentAt = System.nanoTime();
		this.link.send(message, this.onError);
	}

	private void fail(Throwable ex) {
		this.failure = ex;
		this.drained.countDown();
	}

	/**
	 * Wait until the messages in flight have come back after the phase stopped.
	 * @param timeout how long at most
	 * @param what the cell, for the error message
	 */
	void awaitDrained(Duration timeout, String what) {
		try {
			if (!this.drained.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException(what + ": " + this.inFlight.get() + " messages not echoed within "
						+ timeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(what + ": interrupted", ex);
		}
		Throwable ex = this.failure;
		if (ex != null) {
			throw new IllegalStateException(what + " failed: " + ex, ex);
		}
		this.link.handler(Handlers.UNEXPECTED);
	}

	long received() {
		return this.received;
	}

	long receivedBytes() {
		return this.receivedBytes;
	}

	@Nullable Latencies latencies() {
		return this.latencies;
	}

}
