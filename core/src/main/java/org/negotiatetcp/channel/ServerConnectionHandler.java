package org.negotiatetcp.channel;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.framing.FaultRecord;
import org.negotiatetcp.framing.FramingException;
import org.negotiatetcp.framing.FramingFault;
import org.negotiatetcp.framing.NmfRecord;
import org.negotiatetcp.framing.PreambleAckRecord;
import org.negotiatetcp.framing.ServerAction;
import org.negotiatetcp.framing.ServerPreambleStateMachine;
import org.negotiatetcp.framing.UpgradeResponseRecord;
import org.negotiatetcp.mechanism.spnego.AcceptorFactory;
import org.negotiatetcp.mechanism.InitialToken;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.stream.DataFrameCodec;
import org.negotiatetcp.stream.HandshakeErrorException;
import org.negotiatetcp.stream.HandshakeErrorPayload;
import org.negotiatetcp.stream.HandshakeMessage;
import org.negotiatetcp.stream.ServerHandshake;
import org.negotiatetcp.ChannelMode;

/**
 * The server's protocol engine for one connection: [MC-NMF] preamble in clear, the {@code application/negotiate}
 * upgrade, the [MS-NNS] handshake, then NMF records inside NNS data frames (or, in raw mode, the handshake and a
 * protected byte stream). Like Reactor Netty's {@code SslProvider}, it holds back {@code channelActive} until the
 * first session is authenticated, so nothing downstream sees an unauthenticated connection. After End/End the
 * connection may start a new preamble and a new handshake (WCF connection pooling).
 */
final class ServerConnectionHandler extends ConnectionHandlerSupport {

	private static final Logger logger = LoggerFactory.getLogger(NegotiateServer.class);

	private enum Phase {

		PREAMBLE, HANDSHAKE, AUTHORIZING, SECURE_PREAMBLE, OPEN

	}

	private final ServerSettings settings;

	private final ServerContext server;

	private final NegotiateChannelHandler handler;

	private final @Nullable ServerPreambleStateMachine preamble;

	private Phase phase;

	private @Nullable ServerHandshake handshake;

	private @Nullable InitialToken firstToken;

	private @Nullable SecurityInfo securityInfo;

	private @Nullable String via;

	private @Nullable Object authentication;

	private @Nullable ScheduledFuture<?> initTimer;

	private @Nullable ScheduledFuture<?> closeTimer;

	private @Nullable ScheduledFuture<?> receiveTimer;

	private boolean activeFired;

	private boolean pending;

	private boolean handlerDone;

	ServerConnectionHandler(ServerSettings settings, ServerContext server, NegotiateChannelHandler handler) {
		super(settings.mode() == ChannelMode.NET_TCP, settings.limits());
		this.settings = settings;
		this.server = server;
		this.handler = handler;
		this.preamble = isNetTcp() ? new ServerPreambleStateMachine(server.framingPolicy(), server.framingLimits())
				: null;
		this.phase = isNetTcp() ? Phase.PREAMBLE : Phase.HANDSHAKE;
		if (!isNetTcp()) {
			this.handshake = newHandshake();
		}
	}

	private ServerHandshake newHandshake() {
		AcceptorFactory acceptors = this.server.acceptors();
		return new ServerHandshake((token) -> {
			this.firstToken = InitialToken.detect(token);
			MechanismContext context = acceptors.create(token);
			this.mechanism = context;
			return context;
		}, limits().maxHandshakeLegs());
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		// held back until the first session is authenticated (see class javadoc)
		this.server.channels().add(ctx.channel());
		if (this.server.isDraining()) {
			closeNow();
			return;
		}
		observations().handshakeStarted(ctx);
		AtomicInteger handshakes = this.server.pendingHandshakes();
		this.pending = true;
		if (handshakes.incrementAndGet() > limits().maxPendingHandshakes()) {
			logger.warn("Refusing {}: {} connections are already authenticating (max-pending-handshakes)", remote(),
					handshakes.get() - 1);
			observations().handshakeFailed(new NegotiateException(FailureReason.LIMIT, "max-pending-handshakes reached"));
			if (isNetTcp()) {
				writeClear(FaultRecord.of(FramingFault.SERVER_TOO_BUSY));
			}
			closeAfterFlush();
			return;
		}
		startInitTimer();
		ctx.read();
	}

	private void startInitTimer() {
		long timeout = initializationTimeoutMillis();
		this.initTimer = schedule(() -> {
			logger.warn("Closing {}: channel initialization did not complete within {} ms (phase {})", remote(), timeout,
					this.phase);
			failSession(new NegotiateException(FailureReason.TIMEOUT,
					"Channel initialization did not complete within " + timeout + " ms"));
			closeNow();
		}, timeout);
	}

	@Override
	protected boolean step(ByteBuf in) {
		switch (this.phase) {
			case PREAMBLE -> {
				observations().handshakeStarted(ctx());
				NmfRecord record = decodeClear(in);
				if (record != null) {
					onAction(requirePreamble().onRecord(record));
				}
				return record != null;
			}
			case AUTHORIZING -> {
				return false;
			}
			case HANDSHAKE -> {
				HandshakeMessage message = HandshakeMessage.decode(in, limits().maxHandshakeTokenSize());
				if (message != null) {
					onHandshakeMessage(message);
				}
				return message != null;
			}
			default -> {
				return readDataFrame(in);
			}
		}
	}

	private @Nullable NmfRecord decodeClear(ByteBuf in) {
		try {
			return this.records.decode(in);
		}
		catch (FramingException ex) {
			onAction(requirePreamble().onDecodeFailure(ex));
			return null;
		}
	}

	@Override
	protected @Nullable NmfRecord decodeInner(ByteBuf buffer) {
		return decodeClear(buffer);
	}

	@Override
	protected boolean acceptsInnerRecords() {
		return this.phase == Phase.SECURE_PREAMBLE || this.phase == Phase.OPEN;
	}

	@Override
	protected void onInnerRecord(NmfRecord record) {
		onAction(requirePreamble().onRecord(record));
	}

	private void onAction(ServerAction action) {
		if (action instanceof ServerAction.StartUpgrade) {
			this.via = requirePreamble().via();
			writeClear(UpgradeResponseRecord.INSTANCE);
			this.handshake = newHandshake();
			this.phase = Phase.HANDSHAKE;
		}
		else if (action instanceof ServerAction.PreambleComplete complete) {
			this.via = complete.via();
			writeSecure(PreambleAckRecord.INSTANCE);
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
			if (this.frames != null) {
				writeSecure(fault.record());
			}
			else {
				writeClear(fault.record());
			}
			failSession(new FramingException(FailureReason.FAULT, fault.logMessage(), fault.fault()));
			closeAfterFlush();
		}
	}

	private void onHandshakeMessage(HandshakeMessage message) {
		ServerHandshake driver = this.handshake;
		if (driver == null) {
			throw new IllegalStateException("no handshake in progress");
		}
		HandshakeMessage reply = driver.onMessage(message);
		MechanismContext context = this.mechanism;
		if (!driver.isComplete() || context == null) {
			writeHandshake(reply);
			return;
		}
		InitialToken first = (this.firstToken != null) ? this.firstToken : InitialToken.UNKNOWN;
		SecurityInfo info = SecurityInfos.of(context, first, null);
		observations().authenticated(info);
		String refusal = AcceptancePolicy.refusal(info, this.settings.acceptor());
		if (refusal != null) {
			logger.warn("Refusing {} ({}): {}", remote(), info.peerName(), refusal);
			observations().handshakeFailed(new NegotiateException(FailureReason.POLICY, refusal));
			writeHandshake(HandshakeMessage.error(HandshakeErrorPayload.ERROR_TRUST_FAILURE));
			closeAfterFlush();
			return;
		}
		// the application's authorization decides before the final HandshakeDone; reading pauses meanwhile
		this.phase = Phase.AUTHORIZING;
		ChannelHandlerContext c = ctx();
		Mono<?> decision;
		try {
			decision = this.settings.authorizer().authorize(info, this.via);
		}
		catch (RuntimeException ex) {
			decision = Mono.error(ex);
		}
		decision.map(Optional::<Object>of)
			.defaultIfEmpty(Optional.empty())
			.subscribe((attachment) -> c.executor().execute(() -> onAuthorized(context, info, reply, attachment)),
					(error) -> c.executor().execute(() -> onRefused(info, error)));
	}

	private void onRefused(SecurityInfo info, Throwable error) {
		if (this.closed) {
			return;
		}
		logger.warn("Refusing {} ({}): {}", remote(), info.peerName(), error.getMessage());
		observations().handshakeFailed(new NegotiateException(FailureReason.POLICY, "Refused by the authorizer", error));
		writeHandshake(HandshakeMessage.error(HandshakeErrorPayload.ERROR_TRUST_FAILURE));
		closeAfterFlush();
	}

	private void onAuthorized(MechanismContext context, SecurityInfo info, HandshakeMessage reply,
			Optional<Object> attachment) {
		if (this.closed) {
			return;
		}
		writeHandshake(reply);
		ProtectionLevel protection = info.protectionLevel();
		this.frames = new DataFrameCodec(context, protection != ProtectionLevel.NONE,
				protection == ProtectionLevel.ENCRYPT_AND_SIGN);
		this.securityInfo = info;
		this.authentication = attachment.orElse(null);
		logger.debug("Authenticated {} from {}: {}", info.peerName(), remote(), info);
		if (isNetTcp()) {
			requirePreamble().upgradeCompleted();
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
		cancel(this.initTimer);
		this.initTimer = null;
		releasePending();
		SecurityInfo info = this.securityInfo;
		if (info == null) {
			throw new IllegalStateException("no security info");
		}
		ChannelHandlerContext c = ctx();
		ChannelSession opened = new ChannelSession(c.channel(), this, info, this.settings.mode(), this.via,
				limits().inboundQueueSize(), this.authentication);
		this.session = opened;
		this.phase = Phase.OPEN;
		this.endSent = false;
		this.endReceived = false;
		this.handlerDone = false;
		if (!this.activeFired) {
			this.activeFired = true;
			c.fireChannelActive();
		}
		this.server.sessionOpened(opened);
		scheduleReceiveTimeout(opened, limits().receiveTimeout().toNanos());
		observations().sessionOpened(opened);
		Flux.from(this.handler.handle(opened)).subscribe(null, (error) -> c.executor().execute(() -> {
			if (error instanceof NegotiateException ne && ne.reason() == FailureReason.CONNECTION) {
				// the client went away; its own failure was logged where it happened
				logger.debug("Handler ended for {} ({}): {}", remote(), info.peerName(), error.toString());
			}
			else {
				logger.warn("Handler failed for {} ({}): {}", remote(), info.peerName(), error.toString());
			}
			onHandlerDone(opened);
		}), () -> c.executor().execute(() -> onHandlerDone(opened)));
	}

	/**
	 * WCF's ReceiveTimeout: a session that receives nothing for this long is ended (End/End), so idle clients do not
	 * hold connections for ever.
	 */
	private void scheduleReceiveTimeout(ChannelSession watched, long delayNanos) {
		this.receiveTimer = schedule(() -> {
			if (this.session != watched || this.closed) {
				return;
			}
			long timeout = limits().receiveTimeout().toNanos();
			long idle = System.nanoTime() - this.lastReceived;
			if (idle < timeout) {
				scheduleReceiveTimeout(watched, timeout - idle);
				return;
			}
			logger.info("Ending the session of {} ({}): nothing received for {} (receive-timeout)", remote(),
					watched.securityInfo().peerName(), limits().receiveTimeout());
			watched.inboundComplete();
			closeSession();
		}, Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(delayNanos)));
	}

	private void onHandlerDone(ChannelSession done) {
		if (this.session == done) {
			this.handlerDone = true;
			closeSession();
		}
	}

	private void onEndReceived() {
		markEndReceived();
		if (this.endSent) {
			finishSession();
		}
		else if (this.handlerDone) {
			closeSession();
		}
	}

	@Override
	public void closeSession() {
		if (!stopSending()) {
			return;
		}
		if (!isNetTcp()) {
			closeAfterFlush();
			return;
		}
		if (this.endSent || this.phase != Phase.OPEN) {
			return;
		}
		this.closeTimer = sendEnd(this::finishSession);
	}

	/**
	 * End/End done: the connection may carry a new preamble and a new handshake.
	 */
	private void finishSession() {
		cancel(this.closeTimer);
		this.closeTimer = null;
		cancel(this.receiveTimer);
		this.receiveTimer = null;
		ChannelSession current = this.session;
		this.session = null;
		if (current != null) {
			current.terminate();
			sessionEnded(current);
		}
		closeMechanism();
		this.frames = null;
		this.securityInfo = null;
		this.authentication = null;
		this.firstToken = null;
		this.handshake = null;
		if (hasLeftoverPlaintext()) {
			logger.warn("Closing {}: the client sent data after End", remote());
			closeNow();
			return;
		}
		if (this.server.isDraining()) {
			closeAfterFlush();
			return;
		}
		resetRecords();
		requirePreamble().reset();
		this.phase = Phase.PREAMBLE;
		this.pending = true;
		this.server.pendingHandshakes().incrementAndGet();
		startInitTimer();
		requestRead();
	}

	/**
	 * Graceful shutdown: close the connection if it carries no session; otherwise stop taking new messages, so the
	 * handler finishes what it received, completes, and the session ends with End/End.
	 */
	void closeIfIdle() {
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
	protected void onFailure(Throwable ex) {
		if (this.closed) {
			return;
		}
		String peer = (this.securityInfo != null) ? this.securityInfo.peerName() : "unauthenticated";
		if (ex instanceof HandshakeErrorException) {
			logger.warn("Client {} aborted the handshake: {}", remote(), ex.getMessage());
		}
		else if (this.phase == Phase.HANDSHAKE) {
			logger.warn("Refusing {}: {}", remote(), ex.getMessage());
			writeHandshake(HandshakeMessage.error(HandshakeErrorPayload.codeFor(ex)));
		}
		else if (ex instanceof FramingException framing && framing.faultToSend() != null) {
			logger.warn("Refusing {} ({}): {}", remote(), peer, ex.getMessage());
			FaultRecord fault = FaultRecord.of(framing.faultToSend());
			if (this.frames != null) {
				writeSecure(fault);
			}
			else {
				writeClear(fault);
			}
		}
		else {
			logger.warn("Closing {} ({}) in phase {}: {}", remote(), peer, this.phase, ex.getMessage());
		}
		failSession(asNegotiateException(ex));
		closeAfterFlush();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		cleanup();
		super.channelInactive(ctx);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (!this.closed) {
			logger.debug("Connection error from {}: {}", remote(), cause.toString());
			failSession(new NegotiateException(FailureReason.CONNECTION, "Connection failed: " + cause, cause));
			closeNow();
		}
	}

	@Override
	protected void cleanup() {
		cancel(this.initTimer);
		cancel(this.closeTimer);
		cancel(this.receiveTimer);
		releasePending();
		super.cleanup();
	}

	@Override
	protected void sessionEnded(ChannelSession ended) {
		this.server.sessionClosed(ended);
	}

	private void releasePending() {
		if (this.pending) {
			this.pending = false;
			this.server.pendingHandshakes().decrementAndGet();
		}
	}

	private ServerPreambleStateMachine requirePreamble() {
		ServerPreambleStateMachine machine = this.preamble;
		if (machine == null) {
			throw new IllegalStateException("raw mode has no preamble");
		}
		return machine;
	}

}
