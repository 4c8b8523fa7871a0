package org.negotiatetcp.channel;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.framing.EndRecord;
import org.negotiatetcp.framing.FramingLimits;
import org.negotiatetcp.framing.NmfRecord;
import org.negotiatetcp.framing.NmfRecordDecoder;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.stream.DataFrameCodec;
import org.negotiatetcp.stream.HandshakeMessage;

/**
 * What the client and server connection handlers share: the socket context, the protected data stream, the inner
 * [MC-NMF] record stream, the current session, timers and writes. Every method runs on the channel's event loop.
 */
abstract class ConnectionHandlerSupport extends ByteToMessageDecoder implements SessionTransport {

	private final boolean netTcp;

	private final ChannelLimits limits;

	private final FramingLimits framingLimits;

	private @Nullable ChannelHandlerContext ctx;

	protected NmfRecordDecoder records;

	protected @Nullable MechanismContext mechanism;

	protected @Nullable DataFrameCodec frames;

	private @Nullable ByteBuf plaintext;

	protected @Nullable ChannelSession session;

	protected boolean endSent;

	protected boolean endReceived;

	protected boolean closed;

	private ChannelObservations observations = ChannelObservations.NONE;

	ConnectionHandlerSupport(boolean netTcp, ChannelLimits limits) {
		this.netTcp = netTcp;
		this.limits = limits;
		this.framingLimits = limits.framingLimits();
		this.records = new NmfRecordDecoder(this.framingLimits);
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	/**
	 * Report this connection's handshakes, messages and meters to an observer (before the channel is active).
	 * @param observer the observer
	 */
	final void observeWith(ChannelObservations observer) {
		this.observations = observer;
	}

	@Override
	public final ChannelObservations observations() {
		return this.observations;
	}

	protected final boolean isNetTcp() {
		return this.netTcp;
	}

	protected final ChannelLimits limits() {
		return this.limits;
	}

	protected final ChannelHandlerContext ctx() {
		ChannelHandlerContext c = this.ctx;
		if (c == null) {
			throw new IllegalStateException("handler not added");
		}
		return c;
	}

	protected final Object remote() {
		ChannelHandlerContext c = this.ctx;
		return (c != null) ? c.channel().remoteAddress() : "?";
	}

	/**
	 * When bytes last arrived ({@link System#nanoTime()}).
	 */
	protected long lastReceived = System.nanoTime();

	/**
	 * Whether any byte arrived through this handler.
	 */
	protected boolean received;

	@Override
	protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		this.lastReceived = System.nanoTime();
		this.received = true;
		try {
			while (in.isReadable() && !this.closed && step(in)) {
				// keep going while complete units are available
			}
		}
		catch (RuntimeException ex) {
			onFailure(ex);
		}
		if (this.closed) {
			in.skipBytes(in.readableBytes());
		}
	}

	/**
	 * Consume one complete unit (record, handshake message or data frame) of the current phase.
	 * @param in the received bytes
	 * @return {@code true} if a unit was consumed, {@code false} if more bytes are needed
	 */
	protected abstract boolean step(ByteBuf in);

	/**
	 * Handle one [MC-NMF] record received inside the protected stream.
	 * @param record the record
	 */
	protected abstract void onInnerRecord(NmfRecord record);

	/**
	 * Whether inner records are being accepted in the current phase.
	 * @return {@code true} if records should be decoded now
	 */
	protected abstract boolean acceptsInnerRecords();

	/**
	 * Read one NNS data frame, if it has fully arrived, and handle its plaintext.
	 * @param in the received bytes
	 * @return whether a frame was read
	 */
	protected final boolean readDataFrame(ByteBuf in) {
		DataFrameCodec codec = this.frames;
		byte[] data = (codec != null) ? codec.decode(in) : null;
		if (data != null) {
			onPlaintext(data);
		}
		return data != null;
	}

	/**
	 * Handle the plaintext of one verified data frame.
	 * @param data the plaintext
	 */
	private void onPlaintext(byte[] data) {
		if (!this.netTcp) {
			ChannelSession current = this.session;
			if (current != null && data.length > 0) {
				current.deliver(Unpooled.wrappedBuffer(data));
			}
			return;
		}
		ByteBuf pending = this.plaintext;
		if (pending == null || !pending.isReadable()) {
			// the usual case, a frame that starts with a record: decode straight from the unwrapped bytes, so
			// delivered envelopes are slices of them and nothing is copied
			if (pending != null) {
				pending.release();
				this.plaintext = null;
			}
			ByteBuf frame = Unpooled.wrappedBuffer(data);
			decodeInnerRecords(frame);
			if (frame.isReadable() && !this.closed) {
				// a record continues in the next frame: keep its start
				this.plaintext = ctx().alloc().buffer(Math.max(256, frame.readableBytes())).writeBytes(frame);
			}
			frame.release();
			return;
		}
		pending.writeBytes(data);
		decodeInnerRecords(pending);
		if (pending.refCnt() > 1) {
			// delivered envelopes are slices of this buffer: leave it to them and continue in a fresh one
			this.plaintext = pending.isReadable() ? ctx().alloc().buffer(pending.readableBytes()).writeBytes(pending)
					: null;
			pending.release();
		}
		else if (!pending.isReadable()) {
			pending.clear();
		}
		else {
			pending.discardSomeReadBytes();
		}
	}

	private void decodeInnerRecords(ByteBuf buffer) {
		while (buffer.isReadable() && acceptsInnerRecords() && !this.closed) {
			NmfRecord record = decodeInner(buffer);
			if (record == null) {
				return;
			}
			onInnerRecord(record);
		}
	}

	/**
	 * Decode one inner record; subclasses may turn a decode failure into a fault.
	 * @param buffer the plaintext
	 * @return the record or {@code null} if incomplete
	 */
	protected @Nullable NmfRecord decodeInner(ByteBuf buffer) {
		return this.records.decode(buffer);
	}

	/**
	 * Whether unprocessed plaintext remains (bytes after End are a protocol violation).
	 * @return {@code true} if bytes remain
	 */
	protected final boolean hasLeftoverPlaintext() {
		ByteBuf buffer = this.plaintext;
		return buffer != null && buffer.isReadable();
	}

	/**
	 * Reset the inner record stream for a new session on the same connection.
	 */
	protected final void resetRecords() {
		this.records.close();
		this.records = new NmfRecordDecoder(this.framingLimits);
	}

	@Override
	public void writeMessage(ByteBuf message, ChannelPromise promise) {
		try {
			if (this.session == null || this.endSent || this.closed || this.frames == null) {
				promise.setFailure(new NegotiateException(FailureReason.CONNECTION, "The session is closed"));
				return;
			}
			int size = message.readableBytes();
			if (this.netTcp && size > this.limits.maxMessageSize()) {
				promise.setFailure(new NegotiateException(FailureReason.LIMIT, "Message of " + size
						+ " bytes exceeds max-message-size " + this.limits.maxMessageSize()
						+ "; raise the limit on both sides or send smaller messages"));
				return;
			}
			ChannelHandlerContext c = ctx();
			this.observations.messageSent(this.session, size, promise);
			ByteBuf plain = this.netTcp ? Envelopes.sized(c.alloc(), message.retain()) : message.retain();
			try {
				writeFrames(plain);
			}
			finally {
				plain.release();
			}
			c.writeAndFlush(Unpooled.EMPTY_BUFFER, promise);
		}
		catch (RuntimeException ex) {
			promise.tryFailure(ex);
			onFailure(ex);
		}
		finally {
			ReferenceCountUtil.release(message);
		}
	}

	private void writeFrames(ByteBuf plain) {
		ChannelHandlerContext c = ctx();
		DataFrameCodec codec = this.frames;
		if (codec == null) {
			throw new IllegalStateException("the stream is not protected yet");
		}
		codec.encode(plain, c.alloc(), (frame) -> c.write(frame));
	}

	/**
	 * Handle a failure: notify the peer where the protocol allows, fail the session, close.
	 * @param ex the failure
	 */
	protected abstract void onFailure(Throwable ex);

	@Override
	public void requestRead() {
		ChannelHandlerContext c = this.ctx;
		if (c != null && !this.closed && !c.channel().config().isAutoRead()) {
			c.read();
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
		super.channelReadComplete(ctx);
		ChannelSession current = this.session;
		if (!this.closed && (current == null || current.wantsMore())) {
			ctx.read();
		}
	}

	protected final void writeClear(NmfRecord record) {
		ChannelHandlerContext c = ctx();
		ByteBuf out = c.alloc().buffer();
		record.encode(out);
		c.writeAndFlush(out);
	}

	protected final void writeSecure(NmfRecord record) {
		ByteBuf out = ctx().alloc().buffer();
		try {
			record.encode(out);
			writeSecure(out);
		}
		finally {
			out.release();
		}
	}

	protected final void writeSecure(ByteBuf plain) {
		writeFrames(plain);
		ctx().flush();
	}

	protected final void writeHandshake(HandshakeMessage message) {
		ChannelHandlerContext c = ctx();
		ByteBuf out = c.alloc().buffer(HandshakeMessage.HEADER_SIZE + message.payload().length);
		message.encode(out);
		c.writeAndFlush(out);
	}

	/**
	 * Record that the peer's End arrived: the session receives no more messages.
	 */
	protected final void markEndReceived() {
		this.endReceived = true;
		ChannelSession current = this.session;
		if (current != null) {
			current.inboundComplete();
		}
	}

	/**
	 * Start closing the session: it takes no more messages to send. Does nothing once the connection is closed.
	 * @return {@code false} if the connection was closed already and there is nothing more to do
	 */
	protected final boolean stopSending() {
		if (this.closed) {
			return false;
		}
		ChannelSession current = this.session;
		if (current != null) {
			current.closeForSending();
		}
		return true;
	}

	/**
	 * Send End inside the protected stream. If the peer's End already arrived, the session is over at once;
	 * otherwise the peer has {@link ChannelLimits#closeTimeout()} to answer before the connection is closed.
	 * @param bothEnded what to do once both sides have sent End
	 * @return the timer waiting for the peer's End, or {@code null} if both ended already
	 */
	protected final @Nullable ScheduledFuture<?> sendEnd(Runnable bothEnded) {
		this.endSent = true;
		writeSecure(EndRecord.INSTANCE);
		if (this.endReceived) {
			bothEnded.run();
			return null;
		}
		long timeout = closeTimeoutMillis();
		return schedule(() -> {
			LoggerFactory.getLogger(getClass())
				.debug("Closing {}: no End from the peer within {} ms", remote(), timeout);
			closeNow();
		}, timeout);
	}

	protected final void closeAfterFlush() {
		this.closed = true;
		ctx().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
	}

	protected final void closeNow() {
		this.closed = true;
		ctx().close();
	}

	protected final ScheduledFuture<?> schedule(Runnable task, long millis) {
		return ctx().executor().schedule(task, millis, TimeUnit.MILLISECONDS);
	}

	protected static void cancel(@Nullable ScheduledFuture<?> timer) {
		if (timer != null) {
			timer.cancel(false);
		}
	}

	protected final void failSession(Throwable ex) {
		this.observations.handshakeFailed(ex);
		ChannelSession current = this.session;
		if (current != null) {
			current.fail(ex);
		}
	}

	protected final void closeMechanism() {
		MechanismContext context = this.mechanism;
		this.mechanism = null;
		if (context != null) {
			context.close();
		}
	}

	/**
	 * Release everything this connection holds.
	 */
	protected void cleanup() {
		this.closed = true;
		this.observations.connectionClosed();
		ChannelSession current = this.session;
		this.session = null;
		if (current != null) {
			if (!this.netTcp) {
				// a raw NegotiateStream has no End record: the end of the TCP stream is the end of the session
				current.inboundComplete();
			}
			current.terminate();
			sessionEnded(current);
		}
		releaseStream();
	}

	/**
	 * Release the protected stream of the current session: the mechanism context, the data frame codec, the inner
	 * record decoder and buffered plaintext.
	 */
	protected final void releaseStream() {
		closeMechanism();
		this.frames = null;
		this.records.close();
		ByteBuf buffer = this.plaintext;
		this.plaintext = null;
		if (buffer != null) {
			buffer.release();
		}
	}

	/**
	 * A session ended (hook for bookkeeping).
	 * @param ended the session
	 */
	protected void sessionEnded(ChannelSession ended) {
	}

	protected static NegotiateException asNegotiateException(Throwable ex) {
		if (ex instanceof NegotiateException ne) {
			return ne;
		}
		return new NegotiateException(FailureReason.INTERNAL, "Unexpected failure: " + ex, ex);
	}

	/**
	 * Current limits in milliseconds.
	 * @return the close timeout
	 */
	protected final long closeTimeoutMillis() {
		return this.limits.closeTimeout().toMillis();
	}

	/**
	 * Initialization timeout in milliseconds.
	 * @return the timeout
	 */
	protected final long initializationTimeoutMillis() {
		return this.limits.initializationTimeout().toMillis();
	}

}
