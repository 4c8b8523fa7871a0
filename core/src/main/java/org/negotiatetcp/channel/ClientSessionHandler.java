package org.negotiatetcp.channel;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.framing.ClientPreambleStateMachine;
import org.negotiatetcp.framing.EndRecord;
import org.negotiatetcp.framing.EnvelopeRecord;
import org.negotiatetcp.framing.FaultRecord;
import org.negotiatetcp.framing.FramingMode;
import org.negotiatetcp.framing.NmfRecord;
import org.negotiatetcp.framing.NmfRecordDecoder;
import org.negotiatetcp.framing.UpgradeRequestRecord;
import org.negotiatetcp.security.SecurityInfo;

/**
 * The client's session layer of one connection, after the {@link NegotiateStreamHandler}: in {@code net.tcp} mode it
 * writes the [MC-NMF] preamble and the {@code application/negotiate} upgrade request, starts the stream's handshake
 * once the server accepted the upgrade, sends PreambleEnd and waits for PreambleAck inside the protected stream, then
 * carries envelopes and End/End; in raw mode it starts the handshake at once and carries the protected bytes.
 * {@link #established()} completes with the channel, or fails with a typed exception that says what went wrong.
 * <p>
 * With a {@link ClientConnectionPool}, a {@code net.tcp} session that ends cleanly hands the still-open connection
 * to the pool through a {@link ConnectionRecycler}, which swaps an {@link IdleConnectionHandler} in for this handler
 * and the stream handler. A handler started on a reused connection ({@link #startReused()}) that closes before any
 * byte of the new session arrived fails {@link #established()} with a {@link StaleConnectionException}, so the factory
 * can retry on a new connection. It holds the whole state of a client session, which is why it is longer than the
 * other handlers.
 */
final class ClientSessionHandler extends ByteToMessageDecoder implements SessionTransport {

	private static final Logger logger = LoggerFactory.getLogger(NegotiateChannelFactory.class);

	private enum Phase {

		AWAIT_UPGRADE, HANDSHAKE, AWAIT_ACK, OPEN

	}

	private final ChannelLimits limits;

	private final String via;

	private final NegotiateStreamHandler stream;

	private final ClientStreamRole role;

	private final @Nullable ClientPreambleStateMachine preamble;

	private final @Nullable ConnectionRecycler recycler;

	private final NmfRecordDecoder records;

	private final EndExchange ends = new EndExchange();

	private final Sinks.One<NegotiateChannel> established = Sinks.one();

	private ChannelObservations observations;

	private Phase phase;

	private @Nullable ChannelHandlerContext ctx;

	private @Nullable SecurityInfo securityInfo;

	private @Nullable ChannelSession session;

	private @Nullable ScheduledFuture<?> initTimer;

	private boolean closed;

	private boolean reused;

	private boolean received;

	ClientSessionHandler(ClientSettings settings, String via, boolean netTcp, NegotiateStreamHandler stream,
			ClientStreamRole role, ChannelObservations observations, @Nullable ConnectionRecycler recycler) {
		this.limits = settings.limits();
		this.via = via;
		this.stream = stream;
		this.role = role;
		this.observations = observations;
		this.recycler = recycler;
		this.preamble = netTcp ? new ClientPreambleStateMachine(FramingMode.DUPLEX, via, settings.contentType(),
				UpgradeRequestRecord.NEGOTIATE_PROTOCOL) : null;
		this.records = new NmfRecordDecoder(this.limits.framingLimits());
		this.phase = netTcp ? Phase.AWAIT_UPGRADE : Phase.HANDSHAKE;
	}

	/**
	 * Return the outcome of channel initialization.
	 * @return the channel once authenticated, or the failure
	 */
	Mono<NegotiateChannel> established() {
		return this.established.asMono();
	}

	/**
	 * Return the NegotiateStream handler this handler works with, to be added in front of it.
	 * @return the stream handler
	 */
	NegotiateStreamHandler stream() {
		return this.stream;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		start(ctx);
		super.channelActive(ctx);
		ctx.read();
	}

	/**
	 * Start a new session on a pooled connection, in place of its idle handler (event loop, after this handler was
	 * added to the pipeline): the same start as on a new connection.
	 */
	void startReused() {
		this.reused = true;
		ChannelHandlerContext c = ctx();
		if (!c.channel().isActive()) {
			this.closed = true;
			this.established.tryEmitError(stale(null));
			return;
		}
		start(c);
		c.read();
	}

	/**
	 * This handler will not start: fail its establishment.
	 * @param failure why
	 */
	void notStarted(NegotiateException failure) {
		this.closed = true;
		this.established.tryEmitError(failure);
	}

	private void start(ChannelHandlerContext ctx) {
		this.observations.handshakeStarted(ctx);
		long timeout = this.limits.initializationTimeout().toMillis();
		this.initTimer = ctx.executor().schedule(() -> onFailure(new NegotiateException(FailureReason.TIMEOUT,
				"Channel initialization with " + this.via + " did not complete within " + timeout
						+ " ms (open timeout); is the server reachable and speaking "
						+ ((this.preamble != null) ? "net.tcp" : "NegotiateStream") + "?")),
				timeout, TimeUnit.MILLISECONDS);
		ClientPreambleStateMachine machine = this.preamble;
		if (machine != null) {
			ByteBuf out = ctx.alloc().buffer();
			machine.writePreamble(out);
			ctx.writeAndFlush(out);
		}
		else {
			this.stream.startHandshake(this.role, null);
		}
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		this.received = true;
		try {
			while (in.isReadable() && !this.closed && this.phase != Phase.HANDSHAKE) {
				if (this.preamble == null) {
					ChannelSession current = this.session;
					ByteBuf data = in.readRetainedSlice(in.readableBytes());
					if (current != null) {
						current.deliver(data);
					}
					else {
						data.release();
					}
					continue;
				}
				NmfRecord record = this.records.decode(in);
				if (record == null) {
					break;
				}
				onRecord(record, in);
			}
		}
		catch (RuntimeException ex) {
			onFailure(ex);
		}
		if (this.closed) {
			in.skipBytes(in.readableBytes());
		}
	}

	private void onRecord(NmfRecord record, ByteBuf in) {
		ClientPreambleStateMachine machine = requirePreamble();
		switch (this.phase) {
			case AWAIT_UPGRADE -> {
				machine.onRecord(record);
				this.phase = Phase.HANDSHAKE;
				this.stream.startHandshake(this.role, in.isReadable() ? in.readRetainedSlice(in.readableBytes()) : null);
			}
			case AWAIT_ACK -> {
				machine.onRecord(record);
				openSession();
			}
			default -> onSessionRecord(record);
		}
	}

	private void onSessionRecord(NmfRecord record) {
		if (record instanceof EnvelopeRecord envelope) {
			ChannelSession current = this.session;
			if (current != null) {
				current.deliver(envelope.payload().retain());
			}
			envelope.release();
		}
		else if (record instanceof EndRecord) {
			onEndReceived();
		}
		else if (record instanceof FaultRecord fault) {
			throw fault.toException(this.via);
		}
		else {
			throw new NegotiateException(FailureReason.PROTOCOL, "Server sent a " + record.type()
					+ " record inside an open session; only envelopes, End and Fault are expected");
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof HandshakeCompletionEvent completion) {
			onHandshakeCompleted(completion);
		}
		super.userEventTriggered(ctx, evt);
	}

	private void onHandshakeCompleted(HandshakeCompletionEvent completion) {
		SecurityInfo info = completion.securityInfo();
		if (info != null) {
			this.observations.authenticated(info);
		}
		Throwable cause = completion.cause();
		if (cause != null) {
			onFailure(cause);
			return;
		}
		this.securityInfo = info;
		logger.debug("Authenticated to {} ({}): {}", remote(), this.via, info);
		ClientPreambleStateMachine machine = this.preamble;
		if (machine == null) {
			openSession();
			return;
		}
		ChannelHandlerContext c = ctx();
		ByteBuf end = c.alloc().buffer();
		machine.upgradeCompleted(end);
		c.writeAndFlush(end);
		this.phase = Phase.AWAIT_ACK;
	}

	private void openSession() {
		ScheduledFuture<?> timer = this.initTimer;
		this.initTimer = null;
		if (timer != null) {
			timer.cancel(false);
		}
		SecurityInfo info = this.securityInfo;
		if (info == null) {
			throw new IllegalStateException("no security info");
		}
		boolean netTcp = this.preamble != null;
		ChannelSession opened = new ChannelSession(ctx().channel(), this, info,
				netTcp ? ChannelMode.NET_TCP : ChannelMode.RAW, netTcp ? this.via : null,
				this.limits.inboundQueueSize(), null);
		this.session = opened;
		this.phase = Phase.OPEN;
		this.observations.sessionOpened(opened);
		this.established.tryEmitValue(opened);
	}

	private void onEndReceived() {
		this.ends.onReceived(this.session);
		if (!this.ends.sent()) {
			// the server ended the session: answer End and close (or pool)
			closeSession();
		}
		else {
			onBothEnded();
		}
	}

	@Override
	public void closeSession() {
		if (this.closed) {
			return;
		}
		ChannelSession current = this.session;
		if (current != null) {
			current.closeForSending();
		}
		if (this.preamble == null || this.phase != Phase.OPEN) {
			closeAfterFlush();
			return;
		}
		if (!this.ends.sent()) {
			this.ends.send(ctx(), this.limits, this::onBothEnded);
		}
	}

	/**
	 * End sent and End received: the session is over. Pool the connection if possible, else close it.
	 */
	private void onBothEnded() {
		this.ends.reset();
		ConnectionRecycler target = this.recycler;
		ChannelHandlerContext c = ctx();
		if (target == null || this.closed || actualReadableBytes() > 0 || this.stream.hasReceivedBytes()
				|| !c.channel().isActive() || !target.recycle(c.channel())) {
			closeAfterFlush();
			return;
		}
		// this handler and the stream handler have left the pipeline: the session is over
		this.closed = true;
		ChannelSession ended = this.session;
		this.session = null;
		logger.debug("Session via {} ended; the connection to {} is idle in the pool", this.via, remote());
		if (ended != null) {
			ended.terminate();
		}
	}

	private void onFailure(Throwable ex) {
		if (this.closed) {
			return;
		}
		NegotiateException failure = (ex instanceof NegotiateException ne) ? ne
				: new NegotiateException(FailureReason.INTERNAL, "Unexpected failure: " + ex, ex);
		if (this.session != null) {
			logger.debug("Channel to {} failed: {}", this.via, failure.getMessage());
		}
		this.observations.handshakeFailed(failure);
		ChannelSession current = this.session;
		if (current != null) {
			current.fail(failure);
		}
		this.established.tryEmitError(failure);
		closeAfterFlush();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof NegotiateException) {
			onFailure(cause);
			return;
		}
		if (isStale()) {
			this.established.tryEmitError(stale(cause));
		}
		onFailure(new NegotiateException(FailureReason.CONNECTION, "Connection to " + this.via + " failed: " + cause,
				cause));
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (isStale()) {
			this.established.tryEmitError(stale(null));
		}
		this.established.tryEmitError(new NegotiateException(FailureReason.CONNECTION,
				"The server at " + this.via + " closed the connection during channel initialization (phase "
						+ this.phase + "); check the server's log for the reason"));
		ScheduledFuture<?> timer = this.initTimer;
		if (timer != null) {
			timer.cancel(false);
		}
		this.ends.reset();
		this.closed = true;
		this.observations.connectionClosed();
		ChannelSession current = this.session;
		this.session = null;
		if (current != null) {
			if (this.preamble == null) {
				// a raw NegotiateStream has no End record: the end of the TCP stream is the end of the session
				current.inboundComplete();
			}
			current.terminate();
		}
		this.records.close();
		super.channelInactive(ctx);
	}

	@Override
	protected void handlerRemoved0(ChannelHandlerContext ctx) {
		ScheduledFuture<?> timer = this.initTimer;
		if (timer != null) {
			timer.cancel(false);
		}
		this.ends.reset();
		this.records.close();
	}

	/**
	 * Whether this handler reused a pooled connection that failed before any byte of the new session arrived. The
	 * handshake observation is left running for the retry, which shares the observations.
	 */
	private boolean isStale() {
		if (this.reused && !this.received && this.phase != Phase.OPEN) {
			this.observations = ChannelObservations.NONE;
			return true;
		}
		return false;
	}

	private StaleConnectionException stale(@Nullable Throwable cause) {
		return new StaleConnectionException("The pooled connection to " + this.via + " closed before the server "
				+ "answered the new session's preamble", cause);
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
		super.channelReadComplete(ctx);
		ChannelSession current = this.session;
		if (!this.closed && (current == null || current.wantsMore())) {
			ctx.read();
		}
	}

	@Override
	public void writeMessage(ByteBuf message, ChannelPromise promise) {
		ChannelSession current = this.session;
		if (current == null || this.ends.sent() || this.closed) {
			OutboundMessages.refuse(message, promise);
			return;
		}
		OutboundMessages.write(ctx(), current, this.limits, this.observations, message, promise);
	}

	@Override
	public void requestRead() {
		ChannelHandlerContext c = this.ctx;
		if (c != null && !this.closed && !c.channel().config().isAutoRead()) {
			c.read();
		}
	}

	@Override
	public ChannelObservations observations() {
		return this.observations;
	}

	private void closeAfterFlush() {
		this.closed = true;
		ctx().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
	}

	private Object remote() {
		ChannelHandlerContext c = this.ctx;
		return (c != null) ? c.channel().remoteAddress() : "?";
	}

	private ChannelHandlerContext ctx() {
		ChannelHandlerContext c = this.ctx;
		if (c == null) {
			throw new IllegalStateException("handler not added");
		}
		return c;
	}

	private ClientPreambleStateMachine requirePreamble() {
		ClientPreambleStateMachine machine = this.preamble;
		if (machine == null) {
			throw new IllegalStateException("raw mode has no preamble");
		}
		return machine;
	}

}
