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

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.framing.FaultRecord;
import org.negotiatetcp.framing.FramingException;
import org.negotiatetcp.framing.NmfRecord;
import org.negotiatetcp.framing.NmfRecordDecoder;
import org.negotiatetcp.framing.PreambleAckRecord;
import org.negotiatetcp.framing.ServerAction;
import org.negotiatetcp.framing.ServerPreambleStateMachine;
import org.negotiatetcp.framing.UpgradeResponseRecord;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.stream.HandshakeErrorException;

/**
 * The server's session layer of one connection, after the {@link NegotiateStreamHandler}: in {@code net.tcp} mode
 * the [MC-NMF] records driven by a {@link ServerPreambleStateMachine} (the clear preamble, the
 * {@code application/negotiate} upgrade that starts the stream's handshake, the protected preamble end, envelopes and
 * End/End, after which the connection may carry a new preamble and handshake, as WCF's connection pooling expects);
 * in raw mode the protected bytes themselves. It opens the {@link ChannelSession}, runs the application's
 * {@link NegotiateChannelHandler}, ends idle sessions on a {@link ReceiveTimeoutHandler.ReceiveTimeout}, and maps
 * failures to faults and logs. It is the one handler holding a session's state, which is why it is longer than the
 * others.
 */
final class ServerSessionHandler extends ByteToMessageDecoder implements SessionTransport {

	private static final Logger logger = LoggerFactory.getLogger(NegotiateServer.class);

	private enum Phase {

		PREAMBLE, HANDSHAKE, SECURE_PREAMBLE, OPEN

	}

	private final ServerSettings settings;

	private final ServerContext server;

	private final NegotiateStreamHandler stream;

	private final ChannelObservations observations;

	private final SessionLauncher launcher;

	private final @Nullable ServerPreambleStateMachine preamble;

	private final EndExchange ends = new EndExchange();

	private NmfRecordDecoder records;

	private Phase phase;

	private @Nullable ChannelHandlerContext ctx;

	private @Nullable ChannelSession session;

	private @Nullable String via;

	private @Nullable SecurityInfo securityInfo;

	private @Nullable Object authorization;

	private @Nullable ScheduledFuture<?> initTimer;

	private boolean handlerDone;

	private boolean closed;

	ServerSessionHandler(ServerSettings settings, ServerContext server, NegotiateChannelHandler handler,
			NegotiateStreamHandler stream, ChannelObservations observations) {
		this.settings = settings;
		this.server = server;
		this.stream = stream;
		this.observations = observations;
		this.launcher = new SessionLauncher(handler);
		boolean netTcp = settings.mode() == ChannelMode.NET_TCP;
		this.preamble = netTcp ? new ServerPreambleStateMachine(server.framingPolicy(), server.framingLimits()) : null;
		this.records = new NmfRecordDecoder(server.framingLimits());
		this.phase = netTcp ? Phase.PREAMBLE : Phase.HANDSHAKE;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		this.server.connectionOpened(ctx.channel(), this);
		startInitTimer();
		if (this.preamble == null) {
			this.stream.startHandshake(new ServerStreamRole(this.settings, this.server.acceptors(), null), null);
		}
		ctx.read();
		super.channelActive(ctx);
	}

	private void startInitTimer() {
		long timeout = this.settings.limits().initializationTimeout().toMillis();
		this.initTimer = ctx().executor().schedule(() -> {
			logger.warn("Closing {}: channel initialization did not complete within {} ms (phase {})", remote(), timeout,
					this.phase);
			failSession(new NegotiateException(FailureReason.TIMEOUT,
					"Channel initialization did not complete within " + timeout + " ms"));
			closeNow();
		}, timeout, TimeUnit.MILLISECONDS);
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
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
				if (this.phase == Phase.PREAMBLE) {
					this.observations.handshakeStarted(ctx);
				}
				NmfRecord record = decodeRecord(in);
				if (record == null) {
					break;
				}
				onAction(requirePreamble().onRecord(record), in);
			}
		}
		catch (RuntimeException ex) {
			onFailure(ex);
		}
		if (this.closed) {
			in.skipBytes(in.readableBytes());
		}
	}

	private @Nullable NmfRecord decodeRecord(ByteBuf in) {
		try {
			return this.records.decode(in);
		}
		catch (FramingException ex) {
			onAction(requirePreamble().onDecodeFailure(ex), in);
			return null;
		}
	}

	private void onAction(ServerAction action, ByteBuf in) {
		if (action instanceof ServerAction.StartUpgrade) {
			this.via = requirePreamble().via();
			write(UpgradeResponseRecord.INSTANCE);
			this.phase = Phase.HANDSHAKE;
			// what follows the upgrade request belongs to the handshake
			this.stream.startHandshake(new ServerStreamRole(this.settings, this.server.acceptors(), this.via),
					in.isReadable() ? in.readRetainedSlice(in.readableBytes()) : null);
		}
		else if (action instanceof ServerAction.PreambleComplete complete) {
			this.via = complete.via();
			write(PreambleAckRecord.INSTANCE);
			openSession();
		}
		else if (action instanceof ServerAction.DeliverEnvelope deliver) {
			ChannelSession current = this.session;
			if (current != null) {
				current.deliver(deliver.envelope().payload().retain());
			}
			deliver.envelope().release();
		}
		else if (action instanceof ServerAction.SessionEnded) {
			onEndReceived();
		}
		else if (action instanceof ServerAction.SendFault fault) {
			logger.warn("Refusing {}: {} ({})", remote(), fault.fault().faultName(), fault.logMessage());
			write(fault.record());
			failSession(new FramingException(FailureReason.FAULT, fault.logMessage(), fault.fault()));
			closeAfterFlush();
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof HandshakeCompletionEvent completion) {
			onHandshakeCompleted(completion);
		}
		else if (evt instanceof ReceiveTimeoutHandler.ReceiveTimeout) {
			onReceiveTimeout();
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
			if (cause instanceof HandshakeErrorException) {
				logger.warn("Client {} aborted the handshake: {}", remote(), cause.getMessage());
			}
			else {
				logger.warn("Refusing {}{}: {}", remote(), (info != null) ? " (" + info.peerName() + ")" : "",
						cause.getMessage());
			}
			failSession(asNegotiateException(cause));
			// the stream handler answered the client and closes the connection
			this.closed = true;
			return;
		}
		this.securityInfo = info;
		this.authorization = completion.authorization();
		logger.debug("Authenticated {} from {}: {}", completion.requireSecurityInfo().peerName(), remote(), info);
		ServerPreambleStateMachine machine = this.preamble;
		if (machine != null) {
			machine.upgradeCompleted();
			this.phase = Phase.SECURE_PREAMBLE;
			requestRead();
		}
		else {
			openSession();
		}
	}

	private void openSession() {
		if (this.server.isDraining()) {
			logger.debug("Closing {}: the server is shutting down", remote());
			closeNow();
			return;
		}
		cancelInitTimer();
		ChannelHandlerContext c = ctx();
		this.server.handshakeEnded(c.channel());
		SecurityInfo info = this.securityInfo;
		if (info == null) {
			throw new IllegalStateException("no security info");
		}
		ChannelSession opened = new ChannelSession(c.channel(), this, info, this.settings.mode(), this.via,
				this.settings.limits().inboundQueueSize(), this.authorization);
		this.session = opened;
		this.phase = Phase.OPEN;
		this.ends.reset();
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
		if (current == null || this.closed || this.phase != Phase.OPEN) {
			return;
		}
		logger.info("Ending the session of {} ({}): nothing received for {} (receive-timeout)", remote(),
				current.securityInfo().peerName(), this.settings.limits().receiveTimeout());
		current.inboundComplete();
		closeSession();
	}

	private void onEndReceived() {
		this.ends.onReceived(this.session);
		if (this.ends.sent()) {
			finishSession();
		}
		else if (this.handlerDone) {
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
		if (this.preamble == null) {
			closeAfterFlush();
			return;
		}
		if (this.ends.sent() || this.phase != Phase.OPEN) {
			return;
		}
		this.ends.send(ctx(), this.settings.limits(), this::finishSession);
	}

	/**
	 * End/End done: the connection may carry a new preamble and a new handshake.
	 */
	private void finishSession() {
		this.ends.reset();
		endSession();
		this.securityInfo = null;
		this.authorization = null;
		if (actualReadableBytes() > 0) {
			logger.warn("Closing {}: the client sent data after End", remote());
			closeNow();
			return;
		}
		this.stream.endProtection();
		if (this.server.isDraining()) {
			closeAfterFlush();
			return;
		}
		this.records.close();
		this.records = new NmfRecordDecoder(this.server.framingLimits());
		requirePreamble().reset();
		this.phase = Phase.PREAMBLE;
		this.server.handshakeStarted(ctx().channel());
		startInitTimer();
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

	private void onFailure(Throwable ex) {
		if (this.closed) {
			return;
		}
		String peer = (this.securityInfo != null) ? this.securityInfo.peerName() : "unauthenticated";
		if (ex instanceof FramingException framing && framing.faultToSend() != null) {
			logger.warn("Refusing {} ({}): {}", remote(), peer, ex.getMessage());
			write(FaultRecord.of(framing.faultToSend()));
		}
		else {
			logger.warn("Closing {} ({}) in phase {}: {}", remote(), peer, this.phase, ex.getMessage());
		}
		failSession(asNegotiateException(ex));
		closeAfterFlush();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof NegotiateException) {
			onFailure(cause);
		}
		else if (!this.closed) {
			logger.debug("Connection error from {}: {}", remote(), cause.toString());
			failSession(new NegotiateException(FailureReason.CONNECTION, "Connection failed: " + cause, cause));
			closeNow();
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		this.closed = true;
		cancelInitTimer();
		this.ends.reset();
		this.server.connectionClosed(ctx.channel());
		this.observations.connectionClosed();
		ChannelSession current = this.session;
		if (current != null && this.preamble == null) {
			// a raw NegotiateStream has no End record: the end of the TCP stream is the end of the session
			current.inboundComplete();
		}
		endSession();
		this.records.close();
		super.channelInactive(ctx);
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
		if (current == null || this.ends.sent() || this.closed || this.phase != Phase.OPEN) {
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

	private void write(NmfRecord record) {
		ChannelHandlerContext c = ctx();
		ByteBuf out = c.alloc().buffer();
		record.encode(out);
		c.writeAndFlush(out);
	}

	private void failSession(Throwable ex) {
		this.observations.handshakeFailed(ex);
		ChannelSession current = this.session;
		if (current != null) {
			current.fail(ex);
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

	private void cancelInitTimer() {
		ScheduledFuture<?> timer = this.initTimer;
		this.initTimer = null;
		if (timer != null) {
			timer.cancel(false);
		}
	}

	private static NegotiateException asNegotiateException(Throwable ex) {
		return (ex instanceof NegotiateException ne) ? ne
				: new NegotiateException(FailureReason.INTERNAL, "Unexpected failure: " + ex, ex);
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

	private ServerPreambleStateMachine requirePreamble() {
		ServerPreambleStateMachine machine = this.preamble;
		if (machine == null) {
			throw new IllegalStateException("raw mode has no preamble");
		}
		return machine;
	}

}
