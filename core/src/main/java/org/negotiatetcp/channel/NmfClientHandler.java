package org.negotiatetcp.channel;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

/**
 * The client's [MC-NMF] layer of a {@code net.tcp} session, after the {@link NegotiateStreamHandler} and driven by a
 * {@link ClientPreambleStateMachine}: writes the preamble with the {@code application/negotiate} upgrade request,
 * starts the stream's handshake once the server accepted the upgrade, sends PreambleEnd inside the protected stream and
 * announces the session when PreambleAck arrives ({@link NmfSessionEvents}); then passes envelopes on as their
 * payloads, turns a Fault into its exception, and runs the End/End exchange.
 */
final class NmfClientHandler extends ByteToMessageDecoder {

	/** Name of this handler in the Netty pipeline. */
	static final String NAME = NmfServerHandler.NAME;

	private static final Logger logger = LoggerFactory.getLogger(NegotiateChannelFactory.class);

	private enum Phase {

		AWAIT_UPGRADE, HANDSHAKE, AWAIT_ACK, OPEN

	}

	private final String via;

	private final ChannelLimits limits;

	private final NegotiateStreamHandler stream;

	private final ClientStreamRole role;

	private final ClientPreambleStateMachine preamble;

	private final NmfRecordDecoder records;

	private final boolean unsecured;

	private final EndExchange ends = new EndExchange();

	private Phase phase = Phase.AWAIT_UPGRADE;

	private @Nullable ChannelHandlerContext ctx;

	private boolean received;

	private final TransferMode transferMode;

	private boolean closed;

	NmfClientHandler(ClientSettings settings, String via, NegotiateStreamHandler stream, ClientStreamRole role) {
		this.via = via;
		this.limits = settings.limits();
		this.stream = stream;
		this.role = role;
		this.unsecured = settings.securityMode() == SecurityMode.NONE;
		this.transferMode = settings.transferMode();
		this.preamble = new ClientPreambleStateMachine(this.transferMode.framingMode(), via, settings.contentType(),
				this.unsecured ? null : UpgradeRequestRecord.NEGOTIATE_PROTOCOL);
		this.records = new NmfRecordDecoder(this.limits.framingLimits());
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	/**
	 * Write the preamble and the upgrade request, and let the role compute its first token meanwhile (event loop).
	 */
	void start() {
		ChannelHandlerContext c = ctx();
		ByteBuf out = c.alloc().buffer();
		this.preamble.writePreamble(out);
		c.writeAndFlush(out);
		if (this.unsecured) {
			// security mode NONE: the preamble ended without an upgrade; no handshake, no credential
			logger.warn("net.tcp without security to {} ({}): messages are neither authenticated nor encrypted",
					c.channel().remoteAddress(), this.via);
			this.role.close();
			this.phase = Phase.AWAIT_ACK;
			return;
		}
		this.role.start().subscribe(null, (error) -> c.executor().execute(() -> {
			// once the handshake started, the stream handler reports the failure
			if (this.phase == Phase.AWAIT_UPGRADE && !this.closed) {
				this.closed = true;
				c.fireExceptionCaught(error);
			}
		}));
	}

	/**
	 * Whether any byte of this session arrived from the server.
	 * @return {@code true} once something arrived
	 */
	boolean received() {
		return this.received;
	}

	/**
	 * Whether the session is open: PreambleAck arrived.
	 * @return {@code true} while open
	 */
	boolean isOpen() {
		return this.phase == Phase.OPEN && !this.closed;
	}

	/**
	 * Whether this side has sent End.
	 * @return {@code true} once End was sent
	 */
	boolean endSent() {
		return this.ends.sent();
	}

	/**
	 * Whether received bytes wait here unread (after End, the connection cannot be reused).
	 * @return {@code true} if bytes remain
	 */
	boolean hasLeftover() {
		return actualReadableBytes() > 0;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		this.received = true;
		try {
			while (in.isReadable() && !this.closed && this.phase != Phase.HANDSHAKE) {
				NmfRecord record = this.records.decode(in);
				if (record == null) {
					break;
				}
				onRecord(record, in);
			}
		}
		catch (RuntimeException ex) {
			this.closed = true;
			ctx.fireExceptionCaught(ex);
		}
		if (this.closed) {
			in.skipBytes(in.readableBytes());
		}
	}

	private void onRecord(NmfRecord record, ByteBuf in) {
		switch (this.phase) {
			case AWAIT_UPGRADE -> {
				this.preamble.onRecord(record);
				this.phase = Phase.HANDSHAKE;
				this.stream.startHandshake(this.role,
						in.isReadable() ? in.readRetainedSlice(in.readableBytes()) : null);
			}
			case AWAIT_ACK -> {
				this.preamble.onRecord(record);
				this.phase = Phase.OPEN;
				if (this.unsecured) {
					ctx().fireUserEventTriggered(HandshakeCompletionEvent.success(SecurityInfos.unsecured(), null));
				}
				ctx().fireUserEventTriggered(new NmfSessionEvents.SessionStarted(this.via, this.transferMode));
			}
			default -> onSessionRecord(record);
		}
	}

	private void onSessionRecord(NmfRecord record) {
		if (record instanceof EnvelopeRecord envelope) {
			ByteBuf payload = envelope.payload().retain();
			envelope.release();
			ctx().fireChannelRead(payload);
		}
		else if (record instanceof EndRecord) {
			peerEnded();
		}
		else if (record instanceof FaultRecord fault) {
			throw fault.toException(this.via);
		}
		else {
			throw new NegotiateException(FailureReason.PROTOCOL, "Server sent a " + record.type()
					+ " record inside an open session; only envelopes, End and Fault are expected");
		}
	}

	private void peerEnded() {
		if (this.ends.received()) {
			return;
		}
		this.ends.onReceived(null);
		ctx().fireUserEventTriggered(NmfSessionEvents.SessionEnd.PEER_ENDED);
		if (this.ends.sent()) {
			bothEnded();
		}
	}

	/**
	 * A streamed (singleton-unsized) session's one message was written: send End right after it, as WCF's client
	 * does; the server answers with its reply and then End (event loop).
	 */
	void streamedMessageWritten() {
		if (this.transferMode == TransferMode.STREAMED && isOpen() && !this.ends.sent()) {
			this.ends.writeEnd(ctx());
			if (this.ends.received()) {
				bothEnded();
			}
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof HandshakeCompletionEvent completion && this.phase == Phase.HANDSHAKE) {
			if (completion.isSuccess()) {
				ByteBuf end = ctx.alloc().buffer();
				this.preamble.upgradeCompleted(end);
				ctx.writeAndFlush(end);
				this.phase = Phase.AWAIT_ACK;
			}
			else {
				this.closed = true;
			}
		}
		super.userEventTriggered(ctx, evt);
	}

	/**
	 * End the open session gracefully: send End (once); the session is over when the server's End arrived too
	 * (event loop).
	 */
	void endSession() {
		if (!isOpen()) {
			return;
		}
		if (this.ends.sent()) {
			// a streamed session's End went with its message: wait up to the close timeout for the reply and End
			this.ends.awaitPeer(ctx(), this.limits, this::bothEnded);
			return;
		}
		this.ends.send(ctx(), this.limits, this::bothEnded);
	}

	private void bothEnded() {
		this.ends.reset();
		ctx().fireUserEventTriggered(NmfSessionEvents.SessionEnd.ENDED);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		release();
		super.channelInactive(ctx);
	}

	@Override
	protected void handlerRemoved0(ChannelHandlerContext ctx) {
		release();
	}

	private void release() {
		this.closed = true;
		this.ends.reset();
		this.records.close();
		// a first token prepared for a handshake that never started holds a context
		if (this.phase == Phase.AWAIT_UPGRADE) {
			this.role.close();
		}
	}

	private ChannelHandlerContext ctx() {
		ChannelHandlerContext c = this.ctx;
		if (c == null) {
			throw new IllegalStateException("handler not added");
		}
		return c;
	}

}
