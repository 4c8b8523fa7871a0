package org.negotiatetcp.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.negotiatetcp.UntrustedText;
import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.security.SecurityInfo;

/**
 * The client's session of a connection, the last of its handlers: starts the session (the [MC-NMF] preamble, or in
 * raw mode the handshake), opens the {@link ChannelSession} once the peer is authenticated
 * and the preamble acknowledged, queues the messages that arrive for the application, and ends the session with
 * End/End (raw mode: by closing). {@link #established()} completes with the channel, or fails with a typed exception
 * that says what went wrong.
 * <p>
 * With a {@link ConnectionRecycler}, a {@code net.tcp} session that ends cleanly leaves its connection idle in the
 * pool. A handler started on a reused connection ({@link #startReused()}) that closes before any byte of the new
 * session arrived fails {@link #established()} with a {@link StaleConnectionException}, so the factory can retry on a
 * new connection.
 * <p>
 * The reads and writes of the session go through a {@link SessionConnection}, shared with the server; the protocol
 * work is in the handlers in front of this one. What remains (about 230 lines of code) is the session's life cycle:
 * start, the establishment outcome (including a stale pooled connection), End/End or pooling, and failure, which
 * read best in one place.
 */
final class ClientSessionHandler extends ChannelInboundHandlerAdapter implements SessionTransport {

	private static final Logger logger = LoggerFactory.getLogger(NegotiateChannelFactory.class);

	private final String via;

	private final NegotiateStreamHandler stream;

	private final NegotiateStreamRole role;

	private final @Nullable NmfClientHandler nmf;

	private final @Nullable ConnectionRecycler recycler;

	private final Sinks.One<NegotiateChannel> established = Sinks.one();

	private final SessionConnection connection;

	private ChannelObservations observations;

	private @Nullable SecurityInfo securityInfo;

	private boolean reused;

	/**
	 * Create the session handler of one client session.
	 * @param nmf the [MC-NMF] handler in front of it, or {@code null} in raw mode
	 * @param recycler where a cleanly ended {@code net.tcp} connection goes, or {@code null} to close it
	 */
	ClientSessionHandler(ChannelLimits limits, String via, NegotiateStreamHandler stream, NegotiateStreamRole role,
			@Nullable NmfClientHandler nmf, ChannelObservations observations, @Nullable ConnectionRecycler recycler) {
		this.connection = new SessionConnection(limits);
		this.via = via;
		this.stream = stream;
		this.role = role;
		this.nmf = nmf;
		this.observations = observations;
		this.recycler = recycler;
	}

	/**
	 * Return the outcome of channel initialization.
	 * @return the channel once authenticated, or the failure
	 */
	Mono<NegotiateChannel> established() {
		return this.established.asMono();
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.connection.attach(ctx);
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		start(ctx);
		super.channelActive(ctx);
		ctx.read();
	}

	/**
	 * Start a new session on a pooled connection, in place of its idle handler (event loop, after the handlers were
	 * added to the pipeline): the same start as on a new connection.
	 */
	void startReused() {
		this.reused = true;
		ChannelHandlerContext c = this.connection.ctx();
		if (!c.channel().isActive()) {
			this.connection.markClosed();
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
		this.connection.markClosed();
		this.established.tryEmitError(failure);
	}

	private void start(ChannelHandlerContext ctx) {
		this.observations.handshakeStarted(ctx);
		if (this.nmf != null) {
			this.nmf.start();
		}
		else {
			this.stream.startHandshake(this.role, null);
		}
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		this.connection.deliver(msg);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof HandshakeCompletionEvent completion) {
			onHandshakeCompleted(completion);
		}
		else if (evt instanceof NmfSessionEvents.SessionStarted started) {
			this.connection.transferMode(started.transferMode());
			openSession();
			return;
		}
		else if (evt == NmfSessionEvents.SessionEnd.PEER_ENDED) {
			ChannelSession current = this.connection.session();
			if (current != null) {
				current.inboundComplete();
			}
			// the server ended the session: answer End (or, if sent, the exchange completes)
			closeSession();
			return;
		}
		else if (evt == NmfSessionEvents.SessionEnd.ENDED) {
			onBothEnded();
			return;
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
		logger.debug("Authenticated to {} ({}): {}", remote(), this.via, UntrustedText.safe(String.valueOf(info), UntrustedText.MAX_MESSAGE_LENGTH));
		if (this.nmf == null) {
			openSession();
		}
	}

	private void openSession() {
		SecurityInfo info = this.securityInfo;
		if (info == null) {
			throw new IllegalStateException("no security info");
		}
		boolean netTcp = this.nmf != null;
		ChannelSession opened = new ChannelSession(this.connection.ctx().channel(), this, info,
				netTcp ? ChannelMode.NET_TCP : ChannelMode.RAW, netTcp ? this.via : null,
				this.connection.limits().inboundQueueSize(), null);
		this.connection.open(opened);
		this.observations.sessionOpened(opened);
		this.established.tryEmitValue(opened);
	}

	@Override
	public void closeSession() {
		if (this.connection.isClosed()) {
			return;
		}
		ChannelSession current = this.connection.session();
		if (current != null) {
			current.closeForSending();
		}
		if (this.nmf != null && this.nmf.isOpen()) {
			this.nmf.endSession();
		}
		else {
			this.connection.closeAfterFlush();
		}
	}

	/**
	 * End sent and End received: the session is over. Pool the connection if possible, else close it.
	 */
	private void onBothEnded() {
		ConnectionRecycler target = this.recycler;
		NmfClientHandler framing = this.nmf;
		ChannelHandlerContext c = this.connection.ctx();
		if (target == null || framing == null || this.connection.isClosed() || framing.hasLeftover()
				|| this.stream.hasReceivedBytes() || !c.channel().isActive() || !target.recycle(c.channel())) {
			this.connection.closeAfterFlush();
			return;
		}
		// this handler, the framing and the stream handler have left the pipeline: the session is over
		this.connection.markClosed();
		ChannelSession ended = this.connection.detach();
		logger.debug("Session via {} ended; the connection to {} is idle in the pool", this.via, remote());
		if (ended != null) {
			ended.terminate();
		}
	}

	private void onFailure(Throwable ex) {
		if (this.connection.isClosed()) {
			return;
		}
		NegotiateException failure = SessionConnection.failure(ex);
		ChannelSession current = this.connection.session();
		if (current != null) {
			logger.debug("Channel to {} failed: {}", this.via, UntrustedText.safe(failure.getMessage(), UntrustedText.MAX_MESSAGE_LENGTH));
		}
		this.observations.handshakeFailed(failure);
		if (current != null) {
			current.fail(failure);
		}
		this.established.tryEmitError(failure);
		this.connection.closeAfterFlush();
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
		this.established.tryEmitError(new NegotiateException(FailureReason.CONNECTION, "The server at " + this.via
				+ " closed the connection during channel initialization; check the server's log for the reason"));
		this.connection.markClosed();
		this.observations.connectionClosed();
		this.connection.inactive(this.nmf == null);
		super.channelInactive(ctx);
	}

	/**
	 * Whether this handler reused a pooled connection that failed before any byte of the new session arrived. The
	 * handshake observation is left running for the retry, which shares the observations.
	 */
	private boolean isStale() {
		if (this.reused && this.connection.session() == null && (this.nmf == null || !this.nmf.received())) {
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
	public void channelReadComplete(ChannelHandlerContext ctx) {
		this.connection.readComplete();
	}

	@Override
	public void writeMessage(ByteBuf message, ChannelPromise promise) {
		NmfClientHandler framing = this.nmf;
		if (this.connection.write(message, promise, framing != null && framing.endSent(), this.observations)
				&& framing != null) {
			framing.streamedMessageWritten();
		}
	}

	@Override
	public void requestRead() {
		this.connection.requestRead();
	}

	@Override
	public ChannelObservations observations() {
		return this.observations;
	}

	private Object remote() {
		return this.connection.remote();
	}

}
