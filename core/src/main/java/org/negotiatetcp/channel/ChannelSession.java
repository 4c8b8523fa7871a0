package org.negotiatetcp.channel;

import java.net.SocketAddress;
import java.util.ArrayDeque;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.ChannelMode;

/**
 * The {@link NegotiateChannel} of one session. Inbound messages wait in a bounded queue; reading from the socket pauses
 * while the queue is full. All state is confined to the channel's event loop.
 * <p>
 * Somewhat longer than the handlers because it is the bridge between Reactive Streams demand on both directions and
 * the event loop; the session handlers ({@link ServerSessionHandler}, {@link ClientSessionHandler}) feed it.
 */
final class ChannelSession implements NegotiateChannel {

	private final Channel channel;

	private final EventLoop loop;

	private final SessionTransport transport;

	private final SecurityInfo securityInfo;

	private final ChannelMode mode;

	private final @Nullable String via;

	private final int queueSize;

	private final @Nullable Object attachment;

	/** Received messages the application has not taken yet; created with the first one (idle channels have none). */
	private @Nullable ArrayDeque<ByteBuf> inbound;

	private final Sinks.Empty<Void> closed = Sinks.empty();

	/** What the server's registry runs when the session is over (a callback rather than a subscription). */
	private @Nullable Runnable whenTerminated;

	private boolean terminated;

	private @Nullable FluxSink<ByteBuf> sink;

	private boolean subscribed;

	private long demand;

	private boolean inboundDone;

	private @Nullable Throwable failure;

	private boolean open = true;

	ChannelSession(Channel channel, SessionTransport transport, SecurityInfo securityInfo, ChannelMode mode,
			@Nullable String via, int queueSize, @Nullable Object attachment) {
		this.attachment = attachment;
		this.channel = channel;
		this.loop = channel.eventLoop();
		this.transport = transport;
		this.securityInfo = securityInfo;
		this.mode = mode;
		this.via = via;
		this.queueSize = queueSize;
	}

	@Override
	public SecurityInfo securityInfo() {
		return this.securityInfo;
	}

	@Override
	public <T> @Nullable T attachment(Class<T> type) {
		return type.isInstance(this.attachment) ? type.cast(this.attachment) : null;
	}

	@Override
	public ChannelMode mode() {
		return this.mode;
	}

	@Override
	public @Nullable String via() {
		return this.via;
	}

	@Override
	public SocketAddress remoteAddress() {
		return this.channel.remoteAddress();
	}

	@Override
	public Flux<ByteBuf> receive() {
		return Flux.create((FluxSink<ByteBuf> s) -> this.loop.execute(() -> attach(s)), FluxSink.OverflowStrategy.ERROR);
	}

	private void attach(FluxSink<ByteBuf> s) {
		if (this.sink != null) {
			s.error(new IllegalStateException("receive() allows one subscriber at a time per channel; cancel the "
					+ "previous subscription (for example with next() or take(n)) before receiving again"));
			return;
		}
		if (this.subscribed && this.inboundDone && inboundEmpty()) {
			Throwable error = this.failure;
			if (error != null) {
				s.error(error);
			}
			else {
				s.complete();
			}
			return;
		}
		this.subscribed = true;
		this.sink = s;
		s.onRequest((n) -> this.loop.execute(() -> {
			this.demand = (this.demand + n < 0) ? Long.MAX_VALUE : this.demand + n;
			drain();
		}));
		s.onDispose(() -> this.loop.execute(() -> detach(s)));
		drain();
	}

	private void detach(FluxSink<ByteBuf> s) {
		if (this.sink != s) {
			return;
		}
		// messages not yet taken stay queued for the next subscriber (request/response use); the queue is bounded
		this.sink = null;
		this.demand = 0;
	}

	/**
	 * Queue a message for the application (event loop).
	 * @param message the message; ownership passes to the session
	 */
	void deliver(ByteBuf message) {
		if (this.inboundDone) {
			ReferenceCountUtil.release(message);
			return;
		}
		this.transport.observations().messageReceived(this, message.readableBytes());
		ArrayDeque<ByteBuf> queue = this.inbound;
		if (queue == null) {
			queue = new ArrayDeque<>();
			this.inbound = queue;
		}
		queue.add(message);
		drain();
	}

	/**
	 * The peer ended its side of the session (event loop).
	 */
	void inboundComplete() {
		this.inboundDone = true;
		drain();
	}

	/**
	 * The session failed (event loop).
	 * @param error the cause
	 */
	void fail(Throwable error) {
		if (this.failure == null && !this.inboundDone) {
			this.failure = error;
		}
		this.inboundDone = true;
		this.open = false;
		drain();
		terminate();
	}

	/**
	 * The session is over (event loop).
	 */
	void terminate() {
		this.open = false;
		if (!this.inboundDone) {
			this.inboundDone = true;
			if (this.failure == null) {
				this.failure = new NegotiateException(FailureReason.CONNECTION, "The connection closed before the peer "
						+ "ended the session");
			}
			drain();
		}
		ArrayDeque<ByteBuf> queue = this.inbound;
		if (this.sink == null && queue != null && !queue.isEmpty()) {
			// nobody is receiving right now: keep what arrived for a late subscriber, on the heap, so the connection's
			// pooled buffers are returned now
			ArrayDeque<ByteBuf> copies = new ArrayDeque<>(queue.size());
			ByteBuf next;
			while ((next = queue.poll()) != null) {
				copies.add(Unpooled.copiedBuffer(next));
				next.release();
			}
			queue.addAll(copies);
		}
		// the registry first: whoever waits for onClose() (a graceful shutdown) sees the session gone
		this.terminated = true;
		Runnable hook = this.whenTerminated;
		this.whenTerminated = null;
		if (hook != null) {
			hook.run();
		}
		this.closed.tryEmitEmpty();
	}

	/**
	 * Run a callback once, when the session is over, or now if it is over already (event loop).
	 * @param hook the callback
	 */
	void whenTerminated(Runnable hook) {
		if (this.terminated) {
			hook.run();
		}
		else {
			this.whenTerminated = hook;
		}
	}

	/**
	 * Whether the application can take more messages right now.
	 * @return {@code true} if the queue has room
	 */
	boolean wantsMore() {
		ArrayDeque<ByteBuf> queue = this.inbound;
		return (queue == null || queue.size() < this.queueSize) && !this.inboundDone;
	}

	private boolean inboundEmpty() {
		ArrayDeque<ByteBuf> queue = this.inbound;
		return queue == null || queue.isEmpty();
	}

	private void drain() {
		FluxSink<ByteBuf> s = this.sink;
		if (s == null) {
			return;
		}
		ArrayDeque<ByteBuf> queue = this.inbound;
		while (this.demand > 0 && queue != null && !queue.isEmpty() && !s.isCancelled()) {
			ByteBuf next = queue.poll();
			this.demand--;
			try {
				s.next(next);
			}
			finally {
				ReferenceCountUtil.release(next);
			}
		}
		if (inboundEmpty() && this.inboundDone) {
			Throwable error = this.failure;
			this.sink = null;
			if (error != null) {
				s.error(error);
			}
			else {
				s.complete();
			}
			return;
		}
		if (wantsMore()) {
			this.transport.requestRead();
		}
	}

	@Override
	public Mono<Void> send(Publisher<? extends ByteBuf> messages) {
		return Flux.from(messages).concatMap(this::sendOne).then();
	}

	private Mono<Void> sendOne(ByteBuf message) {
		return Mono.create(new PendingSend(this, this.channel, this.transport, message));
	}

	@Override
	public Mono<Void> close() {
		return Mono.defer(() -> {
			this.loop.execute(() -> {
				if (this.open) {
					this.open = false;
					this.transport.closeSession();
				}
			});
			return onClose();
		});
	}

	/**
	 * Mark the session closed for sending (event loop).
	 */
	void closeForSending() {
		this.open = false;
	}

	@Override
	public Mono<Void> onClose() {
		return this.closed.asMono();
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public String toString() {
		return "NegotiateChannel[" + this.mode + ((this.via != null) ? " " + this.via : "") + ", "
				+ this.channel.remoteAddress() + ", " + this.securityInfo.peerName() + "]";
	}

}
