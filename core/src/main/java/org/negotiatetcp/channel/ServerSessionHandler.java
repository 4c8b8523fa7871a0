package org.negotiatetcp.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.negotiatetcp.UntrustedText;
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
 * The reads and writes of the session go through a {@link SessionConnection}, shared with the client; the protocol
 * work is in the handlers in front of this one. What remains (about 240 lines of code) is the session's life cycle:
 * open, the three ways it ends, drain and failure, which read best in one place.
 */
final class ServerSessionHandler extends ChannelInboundHandlerAdapter implements SessionTransport {

	private static final Logger logger = LoggerFactory.getLogger(NegotiateServer.class);

	private final ServerSettings settings;

	private final ServerContext server;

	private final NegotiateStreamHandler stream;

	private final @Nullable NmfServerHandler nmf;

	private final ChannelObservations observations;

	private final SessionLauncher launcher;

	private final SessionConnection connection;

	private @Nullable SecurityInfo securityInfo;

	private @Nullable Object authorization;

	private boolean handlerDone;

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
		this.connection = new SessionConnection(settings.limits());
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.connection.attach(ctx);
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
		this.connection.deliver(msg);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof HandshakeCompletionEvent completion) {
			onHandshakeCompleted(completion);
			super.userEventTriggered(ctx, evt);
		}
		else if (evt instanceof NmfSessionEvents.SessionStarted started) {
			this.connection.transferMode(started.transferMode());
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
			this.connection.markClosed();
			return;
		}
		this.securityInfo = info;
		this.authorization = completion.authorization();
		logger.debug("Authenticated {} from {}: {}", UntrustedText.safe(completion.requireSecurityInfo().peerName()),
				remote(), UntrustedText.safe(String.valueOf(info), UntrustedText.MAX_MESSAGE_LENGTH));
		if (this.nmf == null) {
			openSession(null);
		}
	}

	private void openSession(@Nullable String via) {
		if (this.server.isDraining()) {
			logger.debug("Closing {}: the server is shutting down", remote());
			this.connection.closeNow();
			return;
		}
		ChannelHandlerContext c = this.connection.ctx();
		this.server.handshakeEnded(c.channel());
		SecurityInfo info = this.securityInfo;
		if (info == null) {
			throw new IllegalStateException("no security info");
		}
		ChannelSession opened = new ChannelSession(c.channel(), this, info, this.settings.mode(), via,
				this.settings.limits().inboundQueueSize(), this.authorization);
		this.connection.open(opened);
		this.handlerDone = false;
		this.server.sessionOpened(opened);
		this.observations.sessionOpened(opened);
		this.launcher.launch(c, opened, this::onHandlerDone);
	}

	private void onHandlerDone(ChannelSession done) {
		if (this.connection.session() == done) {
			this.handlerDone = true;
			closeSession();
		}
	}

	/**
	 * WCF's ReceiveTimeout: a session that received nothing for this long is ended (End/End), so idle clients do not
	 * hold connections for ever.
	 */
	private void onReceiveTimeout() {
		ChannelSession current = this.connection.session();
		if (current == null || this.connection.isClosed()) {
			return;
		}
		logger.info("Ending the session of {} ({}): nothing received for {} (receive-timeout)", remote(),
				current.securityInfo().peerName(), this.settings.limits().receiveTimeout());
		current.inboundComplete();
		closeSession();
	}

	private void onPeerEnded() {
		ChannelSession current = this.connection.session();
		if (current != null) {
			current.inboundComplete();
		}
		if (this.handlerDone) {
			closeSession();
		}
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
		if (this.nmf != null) {
			this.nmf.endSession();
		}
		else {
			this.connection.closeAfterFlush();
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
			this.connection.closeAfterFlush();
			return;
		}
		this.server.handshakeStarted(this.connection.ctx().channel());
		requestRead();
	}

	private void endSession() {
		ChannelSession current = this.connection.detach();
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
		if (this.connection.isClosed()) {
			return;
		}
		ChannelSession current = this.connection.session();
		if (current == null) {
			this.connection.closeNow();
		}
		else {
			current.inboundComplete();
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (this.connection.isClosed()) {
			return;
		}
		if (cause instanceof NegotiateException failure) {
			if (failure.reason() != FailureReason.FAULT) {
				// a fault the server sent was logged by the framing handler that sent it
				String peer = (this.securityInfo != null) ? this.securityInfo.peerName() : "unauthenticated";
				logger.warn("Closing {} ({}): {}", remote(), UntrustedText.safe(peer),
						UntrustedText.safe(failure.getMessage(), UntrustedText.MAX_MESSAGE_LENGTH));
			}
			failSession(failure);
			this.connection.closeAfterFlush();
		}
		else {
			logger.debug("Connection error from {}: {}", remote(), UntrustedText.safe(cause.toString(), UntrustedText.MAX_MESSAGE_LENGTH));
			failSession(new NegotiateException(FailureReason.CONNECTION, "Connection failed: " + cause, cause));
			this.connection.closeNow();
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		this.connection.markClosed();
		this.server.connectionClosed(ctx.channel());
		this.observations.connectionClosed();
		ChannelSession ended = this.connection.inactive(this.nmf == null);
		if (ended != null) {
			this.server.sessionClosed(ended);
		}
		super.channelInactive(ctx);
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		this.connection.readComplete();
	}

	@Override
	public void writeMessage(ByteBuf message, ChannelPromise promise) {
		this.connection.write(message, promise, this.nmf != null && this.nmf.endSent(), this.observations);
	}

	@Override
	public void requestRead() {
		this.connection.requestRead();
	}

	@Override
	public ChannelObservations observations() {
		return this.observations;
	}

	private void failSession(Throwable ex) {
		NegotiateException failure = SessionConnection.failure(ex);
		this.observations.handshakeFailed(failure);
		ChannelSession current = this.connection.session();
		if (current != null) {
			current.fail(failure);
		}
	}

	private Object remote() {
		return this.connection.remote();
	}

}
