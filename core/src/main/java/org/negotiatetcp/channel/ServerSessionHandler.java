package org.negotiatetcp.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.security.SecurityInfo;

/**
 * The server's session of a connection, the last of its handlers: opens a {@link ChannelSession} once the peer is
 * authenticated (raw mode) or the [MC-NMF] preamble is complete ({@code net.tcp}), queues the messages that arrive for
 * the application, runs the {@link NegotiateChannelHandler} through a {@link SessionLauncher}, ends the session when
 * the handler is done, on a {@link ReceiveTimeoutHandler.ReceiveTimeout} or when the server drains, and turns
 * failures (including the {@link InitializationTimeoutHandler}'s) into the session's error and a log line.
 * <p>
 * Its one job, the session, spans the session's whole life (open, inbound queue, outbound writes, the three ways it
 * ends, failure), which is why it is longer than the other handlers; the protocol work is in the handlers in front of
 * it.
 */
final class ServerSessionHandler extends ChannelInboundHandlerAdapter implements SessionTransport {

	private static final Logger logger = LoggerFactory.getLogger(NegotiateServer.class);

	private final ServerSettings settings;

	private final ServerContext server;

	private final NegotiateStreamHandler stream;

	private final @Nullable NmfServerHandler nmf;

	private final ChannelObservations observations;

	private final SessionLauncher launcher;

	private @Nullable ChannelHandlerContext ctx;

	private @Nullable ChannelSession session;

	private @Nullable SecurityInfo securityInfo;

	private @Nullable Object authorization;

	private boolean handlerDone;

	private boolean closed;

	/**
	 * Create the session handler of one connection.
	 * @param nmf the [MC-NMF] handler in front of it, or {@code null} in raw mode
	 */
	ServerSessionHandler(ServerSettings settings, ServerContext server, NegotiateChannelHandler handler,
			NegotiateStreamHandler stream, @Nullable NmfServerHandler nmf, ChannelObservations observations) {
		this.settings = settings;
		this.server = server;
		this.stream = stream;
		this.nmf = nmf;
		this.observations = observations;
		this.launcher = new SessionLauncher(handler);
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		this.server.connectionOpened(ctx.channel(), this);
		if (this.nmf == null) {
			this.stream.startHandshake(new ServerStreamRole(this.settings, this.server.acceptors(), null), null);
		}
		ctx.read();
		super.channelActive(ctx);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ChannelSession current = this.session;
		if (current != null && !this.closed && msg instanceof ByteBuf message) {
			current.deliver(message);
		}
		else {
			ReferenceCountUtil.release(msg);
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof HandshakeCompletionEvent completion) {
			onHandshakeCompleted(completion);
			super.userEventTriggered(ctx, evt);
		}
		else if (evt instanceof NmfSessionEvents.SessionStarted started) {
			openSession(started.via());
		}
		else if (evt == NmfSessionEvents.SessionEnd.PEER_ENDED) {
			onPeerEnded();
		}
		else if (evt == NmfSessionEvents.SessionEnd.ENDED) {
			onSessionEnded();
		}
		else if (evt == ReceiveTimeoutHandler.ReceiveTimeout.INSTANCE) {
			onReceiveTimeout();
		}
		else {
			super.userEventTriggered(ctx, evt);
		}
	}

	private void onHandshakeCompleted(HandshakeCompletionEvent completion) {
		SecurityInfo info = completion.securityInfo();
		if (info != null) {
			this.observations.authenticated(info);
		}
		Throwable cause = completion.cause();
		if (cause != null) {
			failSession(cause);
			// the stream handler's role logged the refusal, answered the client and closes the connection
			this.closed = true;
			return;
		}
		this.securityInfo = info;
		this.authorization = completion.authorization();
		logger.debug("Authenticated {} from {}: {}", completion.requireSecurityInfo().peerName(), remote(), info);
		if (this.nmf == null) {
			openSession(null);
		}
	}

	private void openSession(@Nullable String via) {
		if (this.server.isDraining()) {
			logger.debug("Closing {}: the server is shutting down", remote());
			closeNow();
			return;
		}
		ChannelHandlerContext c = ctx();
		this.server.handshakeEnded(c.channel());
		SecurityInfo info = this.securityInfo;
		if (info == null) {
			throw new IllegalStateException("no security info");
		}
		ChannelSession opened = new ChannelSession(c.channel(), this, info, this.settings.mode(), via,
				this.settings.limits().inboundQueueSize(), this.authorization);
		this.session = opened;
		this.handlerDone = false;
		this.server.sessionOpened(opened);
		this.observations.sessionOpened(opened);
		this.launcher.launch(c, opened, this::onHandlerDone);
	}

	private void onHandlerDone(ChannelSession done) {
		if (this.session == done) {
			this.handlerDone = true;
			closeSession();
		}
	}

	/**
	 * WCF's ReceiveTimeout: a session that received nothing for this long is ended (End/End), so idle clients do not
	 * hold connections for ever.
	 */
	private void onReceiveTimeout() {
		ChannelSession current = this.session;
		if (current == null || this.closed) {
			return;
		}
		logger.info("Ending the session of {} ({}): nothing received for {} (receive-timeout)", remote(),
				current.securityInfo().peerName(), this.settings.limits().receiveTimeout());
		current.inboundComplete();
		closeSession();
	}

	private void onPeerEnded() {
		ChannelSession current = this.session;
		if (current != null) {
			current.inboundComplete();
		}
		if (this.handlerDone) {
			closeSession();
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
		if (this.nmf != null) {
			this.nmf.endSession();
		}
		else {
			closeAfterFlush();
		}
	}

	/**
	 * End/End done: the connection waits for a new preamble, unless the server drains.
	 */
	private void onSessionEnded() {
		endSession();
		this.securityInfo = null;
		this.authorization = null;
		if (this.server.isDraining()) {
			closeAfterFlush();
			return;
		}
		this.server.handshakeStarted(ctx().channel());
		requestRead();
	}

	private void endSession() {
		ChannelSession current = this.session;
		this.session = null;
		if (current != null) {
			current.terminate();
			this.server.sessionClosed(current);
		}
	}

	/**
	 * Graceful shutdown (event loop): close the connection if it carries no session; otherwise stop taking new
	 * messages, so the handler finishes what it received, completes, and the session ends with End/End.
	 */
	void drain() {
		if (this.closed) {
			return;
		}
		ChannelSession current = this.session;
		if (current == null) {
			closeNow();
		}
		else {
			current.inboundComplete();
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (this.closed) {
			return;
		}
		if (cause instanceof NegotiateException failure) {
			if (failure.reason() != FailureReason.FAULT) {
				// a fault the server sent was logged by the framing handler that sent it
				String peer = (this.securityInfo != null) ? this.securityInfo.peerName() : "unauthenticated";
				logger.warn("Closing {} ({}): {}", remote(), peer, failure.getMessage());
			}
			failSession(failure);
			closeAfterFlush();
		}
		else {
			logger.debug("Connection error from {}: {}", remote(), cause.toString());
			failSession(new NegotiateException(FailureReason.CONNECTION, "Connection failed: " + cause, cause));
			closeNow();
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		this.closed = true;
		this.server.connectionClosed(ctx.channel());
		this.observations.connectionClosed();
		ChannelSession current = this.session;
		if (current != null && this.nmf == null) {
			// a raw NegotiateStream has no End record: the end of the TCP stream is the end of the session
			current.inboundComplete();
		}
		endSession();
		super.channelInactive(ctx);
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		ChannelSession current = this.session;
		if (!this.closed && (current == null || current.wantsMore())) {
			ctx.read();
		}
	}

	@Override
	public void writeMessage(ByteBuf message, ChannelPromise promise) {
		ChannelSession current = this.session;
		if (current == null || this.closed || (this.nmf != null && this.nmf.endSent())) {
			OutboundMessages.refuse(message, promise);
			return;
		}
		OutboundMessages.write(ctx(), current, this.settings.limits(), this.observations, message, promise);
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

	private void failSession(Throwable ex) {
		NegotiateException failure = (ex instanceof NegotiateException ne) ? ne
				: new NegotiateException(FailureReason.INTERNAL, "Unexpected failure: " + ex, ex);
		this.observations.handshakeFailed(failure);
		ChannelSession current = this.session;
		if (current != null) {
			current.fail(failure);
		}
	}

	private void closeAfterFlush() {
		this.closed = true;
		ctx().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
	}

	private void closeNow() {
		this.closed = true;
		ctx().close();
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

}
