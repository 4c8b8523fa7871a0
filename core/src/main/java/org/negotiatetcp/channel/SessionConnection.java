package org.negotiatetcp.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.framing.UnsizedEnvelopeRecord;
import org.negotiatetcp.security.ProtectionLevel;

/**
 * The read and write plumbing the client and server session handlers share: the connection's context, its open
 * {@link ChannelSession} and whether the connection is closed; delivers received messages to the session, reads from
 * the socket while the session wants more, writes the application's messages (checking {@code max-message-size} and
 * wrapping them into an [MC-NMF] SizedEnvelope in {@code net.tcp} mode), and closes the connection. The session
 * handlers decide when; this class only carries it out. Confined to the channel's event loop.
 */
final class SessionConnection {

	private final ChannelLimits limits;

	private @Nullable ChannelHandlerContext ctx;

	private @Nullable ChannelSession session;

	private boolean closed;

	private TransferMode transferMode = TransferMode.BUFFERED;

	private boolean streamedMessageSent;

	/**
	 * Create the plumbing of one connection.
	 * @param limits the connection's limits
	 */
	SessionConnection(ChannelLimits limits) {
		this.limits = limits;
	}

	/**
	 * Return the connection's limits.
	 * @return the limits
	 */
	ChannelLimits limits() {
		return this.limits;
	}

	/**
	 * The session handler was added to the pipeline.
	 * @param ctx its context
	 */
	void attach(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	/**
	 * Return the session handler's context.
	 * @return the context
	 * @throws IllegalStateException before the handler was added
	 */
	ChannelHandlerContext ctx() {
		ChannelHandlerContext c = this.ctx;
		if (c == null) {
			throw new IllegalStateException("handler not added");
		}
		return c;
	}

	/**
	 * Return the open session.
	 * @return the session, or {@code null} if none is open
	 */
	@Nullable ChannelSession session() {
		return this.session;
	}

	/**
	 * A session opened on this connection.
	 * @param opened the session
	 */
	void open(ChannelSession opened) {
		this.session = opened;
		this.streamedMessageSent = false;
	}

	/**
	 * Set how the open {@code net.tcp} session writes its messages: {@link TransferMode#STREAMED} writes one
	 * UnsizedEnvelope in bounded chunks and refuses a second message. Set when the preamble completes.
	 * @param transferMode the session's transfer mode
	 */
	void transferMode(TransferMode transferMode) {
		this.transferMode = transferMode;
		this.streamedMessageSent = false;
	}

	/**
	 * Forget the open session.
	 * @return the session that was open, or {@code null}
	 */
	@Nullable ChannelSession detach() {
		ChannelSession current = this.session;
		this.session = null;
		return current;
	}

	/**
	 * Whether the connection is closed or closing (nothing more is read or written).
	 * @return {@code true} once closed
	 */
	boolean isClosed() {
		return this.closed;
	}

	/**
	 * The connection is closed or handed on: nothing more is read or written through this plumbing.
	 */
	void markClosed() {
		this.closed = true;
	}

	/**
	 * The connection closed: end the open session. A raw NegotiateStream has no End record, so there the end of the
	 * TCP stream is the end of the session's inbound messages.
	 * @param raw whether the connection carries a raw NegotiateStream
	 * @return the session that was open, now terminated, or {@code null}
	 */
	@Nullable ChannelSession inactive(boolean raw) {
		this.closed = true;
		ChannelSession current = detach();
		if (current != null) {
			if (raw) {
				current.inboundComplete();
			}
			current.terminate();
		}
		return current;
	}

	/**
	 * Return a failure as the typed exception sessions fail with.
	 * @param ex the failure
	 * @return {@code ex} itself, or an {@link FailureReason#INTERNAL} failure wrapping it
	 */
	static NegotiateException failure(Throwable ex) {
		return (ex instanceof NegotiateException ne) ? ne
				: new NegotiateException(FailureReason.INTERNAL, "Unexpected failure: " + ex, ex);
	}

	/**
	 * Deliver a received message to the open session, or release it.
	 * @param msg the message
	 */
	void deliver(Object msg) {
		ChannelSession current = this.session;
		if (current != null && !this.closed && msg instanceof ByteBuf message) {
			current.deliver(message);
		}
		else {
			ReferenceCountUtil.release(msg);
		}
	}

	/**
	 * A read ended: read again unless the session's queue is full.
	 */
	void readComplete() {
		ChannelSession current = this.session;
		if (!this.closed && (current == null || current.wantsMore())) {
			ctx().read();
		}
	}

	/**
	 * The application has room for more messages: read from the socket if not already reading.
	 */
	void requestRead() {
		ChannelHandlerContext c = this.ctx;
		if (c != null && !this.closed && !c.channel().config().isAutoRead()) {
			c.read();
		}
	}

	/**
	 * Write one application message and flush, or refuse it when no session is open.
	 * @param message the message, always released
	 * @param promise completed when written
	 * @param endSent whether this side already sent [MC-NMF] End
	 * @param observations the connection's observer
	 * @return whether the message went to the connection ({@code false}: refused, the promise failed)
	 */
	boolean write(ByteBuf message, ChannelPromise promise, boolean endSent, ChannelObservations observations) {
		ChannelSession current = this.session;
		if (this.streamedMessageSent) {
			ReferenceCountUtil.release(message);
			promise.setFailure(new NegotiateException(FailureReason.CONNECTION, "A streamed (singleton-unsized)"
					+ " session carries one message and it was already sent; open a new channel for the next one"));
			return false;
		}
		if (current == null || this.closed || endSent) {
			ReferenceCountUtil.release(message);
			promise.setFailure(new NegotiateException(FailureReason.CONNECTION, "The session is closed"));
			return false;
		}
		try {
			int size = message.readableBytes();
			boolean netTcp = current.mode() == ChannelMode.NET_TCP;
			if (netTcp && size > this.limits.maxMessageSize()) {
				promise.setFailure(new NegotiateException(FailureReason.LIMIT, "Message of " + size
						+ " bytes exceeds max-message-size " + this.limits.maxMessageSize()
						+ "; raise the limit on both sides or send smaller messages"));
				return false;
			}
			boolean streamed = netTcp && this.transferMode == TransferMode.STREAMED;
			this.streamedMessageSent = streamed;
			observations.messageSent(current, size, promise);
			boolean protectedStream = current.securityInfo().protectionLevel() != ProtectionLevel.NONE;
			ByteBuf plain;
			if (streamed) {
				plain = Envelopes.unsized(ctx().alloc(), message.retain(), UnsizedEnvelopeRecord.DEFAULT_CHUNK_SIZE);
			}
			else {
				plain = netTcp ? Envelopes.sized(ctx().alloc(), message.retain(), protectedStream) : message.retain();
			}
			ctx().writeAndFlush(plain, promise);
			return true;
		}
		finally {
			ReferenceCountUtil.release(message);
		}
	}

	/**
	 * Close the connection once what was written is flushed.
	 */
	void closeAfterFlush() {
		this.closed = true;
		ctx().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
	}

	/**
	 * Close the connection now.
	 */
	void closeNow() {
		this.closed = true;
		ctx().close();
	}

	/**
	 * Return the peer's address, for log lines.
	 * @return the address, or {@code "?"} before the handler was added
	 */
	Object remote() {
		ChannelHandlerContext c = this.ctx;
		return (c != null) ? c.channel().remoteAddress() : "?";
	}

}
