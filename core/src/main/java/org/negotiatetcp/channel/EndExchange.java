package org.negotiatetcp.channel;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import org.negotiatetcp.framing.EndRecord;

/**
 * The [MC-NMF] End/End exchange that ends a {@code net.tcp} session while the connection stays open: each side sends
 * End once, and the session is over when both have. The side that sends first gives the peer
 * {@link ChannelLimits#closeTimeout()} to answer before it closes the connection. Confined to the event loop.
 */
final class EndExchange {

	private boolean sent;

	private boolean received;

	private @Nullable ScheduledFuture<?> timer;

	boolean sent() {
		return this.sent;
	}

	boolean received() {
		return this.received;
	}

	/**
	 * The peer's End arrived: the session receives no more messages.
	 * @param session the session, or {@code null}
	 */
	void onReceived(@Nullable ChannelSession session) {
		this.received = true;
		if (session != null) {
			session.inboundComplete();
		}
	}

	/**
	 * Send End down the pipeline (protected by the NegotiateStream handler). If the peer's End already arrived the
	 * session is over at once; otherwise the peer has {@code closeTimeout} to answer.
	 * @param ctx the session handler's context
	 * @param limits the close timeout
	 * @param bothEnded what to do once both sides have sent End
	 */
	void send(ChannelHandlerContext ctx, ChannelLimits limits, Runnable bothEnded) {
		writeEnd(ctx);
		awaitPeer(ctx, limits, bothEnded);
	}

	/**
	 * Send End without waiting for the peer's: a streamed (singleton-unsized) client ends its side right after its
	 * one message, as WCF does; the server's End follows its reply.
	 * @param ctx the session handler's context
	 */
	void writeEnd(ChannelHandlerContext ctx) {
		this.sent = true;
		ByteBuf end = ctx.alloc().buffer(1);
		EndRecord.INSTANCE.encode(end);
		ctx.writeAndFlush(end);
	}

	/**
	 * Wait for the peer's End; close the connection if it has not within
	 * {@code closeTimeout}. Waits at most once.
	 * @param ctx the session handler's context
	 * @param limits the close timeout
	 * @param bothEnded what to do once the peer has ended too
	 */
	void awaitPeer(ChannelHandlerContext ctx, ChannelLimits limits, Runnable bothEnded) {
		if (this.timer != null) {
			return;
		}
		if (this.received) {
			bothEnded.run();
			return;
		}
		long timeout = limits.closeTimeout().toMillis();
		this.timer = ctx.executor().schedule(() -> {
			LoggerFactory.getLogger(EndExchange.class)
				.debug("Closing {}: no End from the peer within {} ms", ctx.channel().remoteAddress(), timeout);
			ctx.close();
		}, timeout, TimeUnit.MILLISECONDS);
	}

	/**
	 * Forget the exchange (the session is over, or a new one starts).
	 */
	void reset() {
		ScheduledFuture<?> current = this.timer;
		this.timer = null;
		if (current != null) {
			current.cancel(false);
		}
		this.sent = false;
		this.received = false;
	}

}
