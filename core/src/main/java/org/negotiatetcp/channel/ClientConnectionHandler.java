package org.negotiatetcp.channel;


import org.negotiatetcp.ChannelMode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.framing.ClientPreambleStateMachine;
import org.negotiatetcp.framing.EndRecord;
import org.negotiatetcp.framing.EnvelopeRecord;
import org.negotiatetcp.framing.FaultRecord;
import org.negotiatetcp.framing.FramingMode;
import org.negotiatetcp.framing.NmfRecord;
import org.negotiatetcp.framing.UpgradeRequestRecord;
import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.mechanism.InitialToken;
import org.negotiatetcp.mechanism.spnego.InitiatorFactory;
import org.negotiatetcp.mechanism.InitiatorSettings;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.stream.ClientHandshake;
import org.negotiatetcp.stream.DataFrameCodec;
import org.negotiatetcp.stream.HandshakeErrorPayload;
import org.negotiatetcp.stream.HandshakeMessage;

/**
 * The client's protocol engine for one connection: writes the [MC-NMF] preamble and the {@code application/negotiate}
 * upgrade request, runs the [MS-NNS] handshake, sends PreambleEnd and waits for PreambleAck inside the protected
 * stream (raw mode: the handshake only). {@link #established()} completes with the channel, or fails with a typed
 * exception that says what went wrong.
 * <p>
 * The first handshake token is computed off the event loop because a Kerberos initiator contacts the KDC for a
 * service ticket.
 * <p>
 * With a {@link ClientConnectionPool}, a {@code net.tcp} session that ends cleanly (End sent and End received) leaves
 * the connection open and idle in the pool instead of closing it. The next channel to the endpoint replaces this
 * handler with a fresh one ({@link #startReused()}), which sends a new preamble and runs a new handshake. A reused
 * connection that closes before any byte of the new session arrived fails {@link #established()} with a
 * {@link StaleConnectionException}, so the factory can retry on a new connection.
 */
final class ClientConnectionHandler extends ConnectionHandlerSupport {

	private static final Logger logger = LoggerFactory.getLogger(NegotiateChannelFactory.class);

	private enum Phase {

		AWAIT_UPGRADE, HANDSHAKE, AWAIT_ACK, OPEN, IDLE

	}

	private final InitiatorSettings initiatorSettings;

	private final InitiatorFactory initiators;

	private final TargetName target;

	private final String via;

	private final @Nullable ClientPreambleStateMachine preamble;

	private final Sinks.One<NegotiateChannel> established = Sinks.one();

	private Phase phase;

	private @Nullable ClientHandshake handshake;

	private @Nullable HandshakeMessage firstMessage;

	private @Nullable InitialToken firstToken;

	private boolean upgraded;

	private @Nullable SecurityInfo securityInfo;

	private @Nullable ScheduledFuture<?> initTimer;

	private @Nullable ScheduledFuture<?> closeTimer;

	private @Nullable ClientConnectionPool pool;

	private ClientConnectionPool.@Nullable Endpoint endpoint;

	private boolean reused;

	ClientConnectionHandler(ClientSettings settings, InitiatorSettings initiatorSettings, InitiatorFactory initiators,
			String via, boolean netTcp) {
		super(netTcp, settings.limits());
		this.initiatorSettings = initiatorSettings;
		this.initiators = initiators;
		this.target = initiatorSettings.target();
		this.via = via;
		this.preamble = netTcp ? new ClientPreambleStateMachine(FramingMode.DUPLEX, via, settings.contentType(),
				UpgradeRequestRecord.NEGOTIATE_PROTOCOL) : null;
		this.phase = netTcp ? Phase.AWAIT_UPGRADE : Phase.HANDSHAKE;
		this.upgraded = !netTcp;
	}

	/**
	 * Return the outcome of channel initialization.
	 * @return the channel once authenticated, or the failure
	 */
	Mono<NegotiateChannel> established() {
		return this.established.asMono();
	}

	/**
	 * Return the connection to a pool, instead of closing it, once the session has ended cleanly.
	 * @param pool the pool
	 * @param endpoint the endpoint this handler connects to
	 */
	void returnTo(ClientConnectionPool pool, ClientConnectionPool.Endpoint endpoint) {
		this.pool = pool;
		this.endpoint = endpoint;
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
		ChannelHandlerContext ctx = ctx();
		if (!ctx.channel().isActive()) {
			this.closed = true;
			this.established.tryEmitError(stale(null));
			return;
		}
		start(ctx);
		ctx.read();
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
		observer().handshakeStarted(ctx);
		long timeout = initializationTimeoutMillis();
		this.initTimer = schedule(() -> onFailure(new NegotiateException(FailureReason.TIMEOUT,
				"Channel initialization with " + this.via + " did not complete within " + timeout
						+ " ms (open timeout); is the server reachable and speaking "
						+ (isNetTcp() ? "net.tcp" : "NegotiateStream") + "?")), timeout);
		ClientPreambleStateMachine machine = this.preamble;
		if (machine != null) {
			ByteBuf out = ctx.alloc().buffer();
			machine.writePreamble(out);
			ctx.writeAndFlush(out);
		}
		// The first token may need the KDC (TGS exchange): compute it off the event loop
		Mono.fromCallable(this::startHandshake)
			.subscribeOn(Schedulers.boundedElastic())
			.subscribe((message) -> ctx.executor().execute(() -> onFirstMessage(message)),
					(error) -> ctx.executor().execute(() -> onFailure(error)));
	}

	private HandshakeMessage startHandshake() {
		MechanismContext context = this.initiators.create(this.initiatorSettings);
		ClientHandshake driver = new ClientHandshake(context, limits().maxHandshakeLegs(), this.target);
		HandshakeMessage first;
		try {
			first = driver.start();
		}
		catch (RuntimeException ex) {
			context.close();
			throw ex;
		}
		this.handshake = driver;
		this.mechanism = context;
		this.firstToken = InitialToken.detect(first.payload());
		return first;
	}

	private void onFirstMessage(HandshakeMessage message) {
		if (this.closed) {
			closeMechanism();
			return;
		}
		this.firstMessage = message;
		sendFirstMessageIfReady();
	}

	private void sendFirstMessageIfReady() {
		HandshakeMessage message = this.firstMessage;
		if (message == null || !this.upgraded) {
			return;
		}
		this.firstMessage = null;
		writeHandshake(message);
	}

	@Override
	protected boolean step(ByteBuf in) {
		switch (this.phase) {
			case IDLE -> throw new NegotiateException(FailureReason.PROTOCOL, "Server " + remote() + " sent "
					+ in.readableBytes() + " bytes on an idle pooled connection; closing it");
			case AWAIT_UPGRADE -> {
				NmfRecord record = this.records.decode(in);
				if (record == null) {
					return false;
				}
				requirePreamble().onRecord(record);
				this.upgraded = true;
				this.phase = Phase.HANDSHAKE;
				sendFirstMessageIfReady();
				return true;
			}
			case HANDSHAKE -> {
				ClientHandshake driver = this.handshake;
				if (driver == null || this.firstMessage != null) {
					// the server speaks before our first token: only an error makes sense
					HandshakeMessage early = HandshakeMessage.decode(in, limits().maxHandshakeTokenSize());
					if (early != null) {
						throw new NegotiateException(FailureReason.PROTOCOL, "Server sent " + early
								+ " before the client's first handshake token");
					}
					return false;
				}
				HandshakeMessage message = HandshakeMessage.decode(in, limits().maxHandshakeTokenSize());
				if (message == null) {
					return false;
				}
				HandshakeMessage reply = driver.onMessage(message);
				if (reply != null) {
					writeHandshake(reply);
				}
				if (driver.isComplete()) {
					onAuthenticated();
				}
				return true;
			}
			default -> {
				return readDataFrame(in);
			}
		}
	}

	private void onAuthenticated() {
		MechanismContext context = this.mechanism;
		if (context == null) {
			throw new IllegalStateException("no mechanism");
		}
		InitialToken first = (this.firstToken != null) ? this.firstToken : InitialToken.UNKNOWN;
		SecurityInfo info = SecurityInfos.of(context, first, this.target.name());
		observer().authenticated(info);
		if (this.initiatorSettings.requireServerAuth() && !info.mutuallyAuthenticated()) {
			throw new NegotiateException(FailureReason.POLICY, "The server did not authenticate itself (mutual "
					+ "authentication with " + this.target + " via " + info.mechanism() + " failed) while "
					+ "require-server-auth is true");
		}
		ProtectionLevel wanted = this.initiatorSettings.protection();
		if (!info.protectionLevel().isAtLeast(wanted)) {
			throw new NegotiateException(FailureReason.POLICY, "The negotiated protection level "
					+ info.protectionLevel() + " is below the requested " + wanted);
		}
		this.securityInfo = info;
		this.frames = new DataFrameCodec(context, info.protectionLevel() != ProtectionLevel.NONE,
				info.protectionLevel() == ProtectionLevel.ENCRYPT_AND_SIGN);
		logger.debug("Authenticated to {} ({}): {}", remote(), this.via, info);
		ClientPreambleStateMachine machine = this.preamble;
		if (machine != null) {
			ByteBuf end = ctx().alloc().buffer();
			try {
				machine.upgradeCompleted(end);
				writeSecure(end);
			}
			finally {
				end.release();
			}
			this.phase = Phase.AWAIT_ACK;
		}
		else {
			openSession();
		}
	}

	@Override
	protected boolean acceptsInnerRecords() {
		return this.phase == Phase.AWAIT_ACK || this.phase == Phase.OPEN;
	}

	@Override
	protected void onInnerRecord(NmfRecord record) {
		if (this.phase == Phase.AWAIT_ACK) {
			requirePreamble().onRecord(record);
			openSession();
			return;
		}
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

	private void openSession() {
		cancel(this.initTimer);
		this.initTimer = null;
		SecurityInfo info = this.securityInfo;
		if (info == null) {
			throw new IllegalStateException("no security info");
		}
		ChannelSession opened = new ChannelSession(ctx().channel(), this, info,
				isNetTcp() ? ChannelMode.NET_TCP : ChannelMode.RAW, isNetTcp() ? this.via : null,
				limits().inboundQueueSize(), null);
		this.session = opened;
		this.phase = Phase.OPEN;
		observer().sessionOpened(opened);
		this.established.tryEmitValue(opened);
	}

	private void onEndReceived() {
		markEndReceived();
		if (!this.endSent) {
			// the server ended the session: answer End and close (or pool)
			closeSession();
		}
		else {
			onBothEnded();
		}
	}

	@Override
	public void closeSession() {
		if (!stopSending()) {
			return;
		}
		if (!isNetTcp() || this.phase != Phase.OPEN) {
			closeAfterFlush();
			return;
		}
		if (this.endSent) {
			return;
		}
		this.closeTimer = sendEnd(this::onBothEnded);
	}

	/**
	 * End sent and End received: the session is over. Pool the connection if possible, else close it.
	 */
	private void onBothEnded() {
		cancel(this.closeTimer);
		this.closeTimer = null;
		if (!recycle()) {
			closeAfterFlush();
		}
	}

	private boolean recycle() {
		ClientConnectionPool target = this.pool;
		ClientConnectionPool.Endpoint key = this.endpoint;
		if (target == null || key == null || this.closed || this.phase != Phase.OPEN || hasLeftoverPlaintext()
				|| actualReadableBytes() > 0 || !ctx().channel().isActive()) {
			return false;
		}
		if (!target.offer(key, ctx().channel(), this)) {
			return false;
		}
		// another open() may take the connection from now on; it starts on this event loop after this task
		ChannelSession ended = this.session;
		this.session = null;
		this.phase = Phase.IDLE;
		releaseStream();
		logger.debug("Session via {} ended; the connection to {} is idle in the pool", this.via, remote());
		if (ended != null) {
			ended.terminate();
		}
		// keep a read pending while idle, so a close by the server is noticed at once
		ctx().read();
		return true;
	}

	/**
	 * Close the connection if it is idle in the pool (event loop).
	 */
	void closeIdle() {
		if (this.phase == Phase.IDLE && !this.closed) {
			closeNow();
		}
	}

	@Override
	protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
		// replaced by the handler of the next session on this pooled connection
		this.closed = true;
		super.handlerRemoved0(ctx);
	}

	@Override
	protected void onFailure(Throwable ex) {
		if (this.closed) {
			return;
		}
		NegotiateException failure = asNegotiateException(ex);
		if (this.phase == Phase.HANDSHAKE && !(ex instanceof org.negotiatetcp.stream.HandshakeErrorException)
				&& this.handshake != null && this.firstMessage == null) {
			writeHandshake(HandshakeMessage.error(HandshakeErrorPayload.SEC_E_LOGON_DENIED));
		}
		if (this.session != null) {
			logger.debug("Channel to {} failed: {}", this.via, failure.getMessage());
		}
		failSession(failure);
		this.established.tryEmitError(failure);
		closeAfterFlush();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (isStale()) {
			this.established.tryEmitError(stale(null));
		}
		ClientConnectionPool target = this.pool;
		ClientConnectionPool.Endpoint key = this.endpoint;
		if (this.phase == Phase.IDLE && target != null && key != null && target.evict(key, this)) {
			logger.debug("The server closed the idle connection {}; removed from the pool", remote());
		}
		this.established.tryEmitError(new NegotiateException(FailureReason.CONNECTION,
				"The server at " + this.via + " closed the connection during channel initialization (phase "
						+ this.phase + "); check the server's log for the reason"));
		cancel(this.initTimer);
		cancel(this.closeTimer);
		cleanup();
		super.channelInactive(ctx);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (isStale()) {
			this.established.tryEmitError(stale(cause));
		}
		onFailure(new NegotiateException(FailureReason.CONNECTION, "Connection to " + this.via + " failed: " + cause,
				cause));
	}

	/**
	 * Whether this handler reused a pooled connection that failed before any byte of the new session arrived. The
	 * handshake observation is left running for the retry, which shares the observer.
	 */
	private boolean isStale() {
		if (this.reused && !this.received && this.phase != Phase.OPEN) {
			observeWith(ConnectionObserver.NONE);
			return true;
		}
		return false;
	}

	private StaleConnectionException stale(@Nullable Throwable cause) {
		return new StaleConnectionException("The pooled connection to " + this.via + " closed before the server "
				+ "answered the new session's preamble", cause);
	}

	private ClientPreambleStateMachine requirePreamble() {
		ClientPreambleStateMachine machine = this.preamble;
		if (machine == null) {
			throw new IllegalStateException("raw mode has no preamble");
		}
		return machine;
	}

}
