package org.negotiatetcp.channel;

import java.util.List;
import java.util.Optional;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.NettyPipeline;

import org.negotiatetcp.UntrustedText;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.UntrustedText;
import org.negotiatetcp.framing.FaultRecord;
import org.negotiatetcp.framing.FramingException;
import org.negotiatetcp.framing.FramingMode;
import org.negotiatetcp.framing.NmfRecord;
import org.negotiatetcp.framing.NmfRecordDecoder;
import org.negotiatetcp.framing.PreambleAckRecord;
import org.negotiatetcp.framing.ServerAction;
import org.negotiatetcp.framing.ServerPreambleStateMachine;
import org.negotiatetcp.framing.UpgradeResponseRecord;
import org.negotiatetcp.security.SecurityInfo;

/**
 * The server's [MC-NMF] layer of a {@code net.tcp} connection, after the {@link NegotiateStreamHandler} and driven by
 * a {@link ServerPreambleStateMachine}: the clear preamble, the {@code application/negotiate} upgrade that starts the
 * stream's handshake, the preamble end inside the protected stream, then the session's envelopes (passed on as their
 * payloads) and End/End, after which the connection is back to a clear preamble for the next session (WCF's
 * connection pooling). Announces sessions with {@link NmfSessionEvents}; answers violations with their fault.
 */
final class NmfServerHandler extends ByteToMessageDecoder {

	/** Name of this handler in the Netty pipeline. */
	static final String NAME = NettyPipeline.LEFT + "negotiateNmf";

	private static final Logger logger = LoggerFactory.getLogger(NegotiateServer.class);

	private enum Phase {

		PREAMBLE, HANDSHAKE, SECURE_PREAMBLE, OPEN

	}

	private final ServerSettings settings;

	private final ServerContext server;

	private final NegotiateStreamHandler stream;

	private final ChannelObservations observations;

	private final ServerPreambleStateMachine preamble;

	private final EndExchange ends = new EndExchange();

	private NmfRecordDecoder records;

	private Phase phase = Phase.PREAMBLE;

	private @Nullable ChannelHandlerContext ctx;

	private boolean closed;

	NmfServerHandler(ServerSettings settings, ServerContext server, NegotiateStreamHandler stream,
			ChannelObservations observations) {
		this.settings = settings;
		this.server = server;
		this.stream = stream;
		this.observations = observations;
		this.preamble = new ServerPreambleStateMachine(server.framingPolicy(), server.framingLimits());
		this.records = new NmfRecordDecoder(server.framingLimits());
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		try {
			while (in.isReadable() && !this.closed && this.phase != Phase.HANDSHAKE) {
				if (this.phase == Phase.PREAMBLE) {
					this.observations.handshakeStarted(ctx);
				}
				NmfRecord record = decodeRecord(in);
				if (record == null) {
					break;
				}
				onAction(this.preamble.onRecord(record), in);
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
			onAction(this.preamble.onDecodeFailure(ex), in);
			return null;
		}
	}

	private void onAction(ServerAction action, ByteBuf in) {
		ChannelHandlerContext c = ctx();
		if (action instanceof ServerAction.StartUpgrade) {
			write(UpgradeResponseRecord.INSTANCE);
			this.phase = Phase.HANDSHAKE;
			// what follows the upgrade request belongs to the handshake
			ServerStreamRole role = new ServerStreamRole(this.settings, this.server.acceptors(), this.preamble.via());
			this.stream.startHandshake(role, in.isReadable() ? in.readRetainedSlice(in.readableBytes()) : null);
		}
		else if (action instanceof ServerAction.PreambleComplete complete && complete.upgradeProtocol() == null) {
			// only a server in security mode NONE accepts a preamble without the upgrade
			this.phase = Phase.HANDSHAKE;
			openUnsecured(c, complete.via(), transferMode(complete));
		}
		else if (action instanceof ServerAction.PreambleComplete complete) {
			write(PreambleAckRecord.INSTANCE);
			this.phase = Phase.OPEN;
			this.ends.reset();
			c.fireUserEventTriggered(new NmfSessionEvents.SessionStarted(complete.via(), transferMode(complete)));
		}
		else if (action instanceof ServerAction.DeliverEnvelope deliver) {
			ByteBuf payload = deliver.envelope().payload().retain();
			deliver.envelope().release();
			c.fireChannelRead(payload);
		}
		else if (action instanceof ServerAction.SessionEnded) {
			this.ends.onReceived(null);
			c.fireUserEventTriggered(NmfSessionEvents.SessionEnd.PEER_ENDED);
			if (this.ends.sent()) {
				finishSession();
			}
		}
		else if (action instanceof ServerAction.SendFault fault) {
			logger.warn("Refusing {}: {} ({})", c.channel().remoteAddress(), fault.fault().faultName(),
					UntrustedText.safe(fault.logMessage(), UntrustedText.MAX_MESSAGE_LENGTH));
			write(fault.record());
			this.closed = true;
			c.fireExceptionCaught(new FramingException(FailureReason.FAULT, fault.logMessage(), fault.fault()));
			c.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
		}
	}

	/**
	 * Security mode NONE: no handshake; the anonymous client passes the authorizer, then the session opens as after a
	 * handshake (PreambleAck, the completion event, the session). Bytes that arrived meanwhile are decoded after.
	 */
	private static TransferMode transferMode(ServerAction.PreambleComplete complete) {
		return (complete.mode() == FramingMode.SINGLETON_UNSIZED) ? TransferMode.STREAMED : TransferMode.BUFFERED;
	}

	private void openUnsecured(ChannelHandlerContext c, String via, TransferMode transferMode) {
		logger.warn("net.tcp without security from {} (via {}): messages are neither authenticated nor encrypted",
				c.channel().remoteAddress(), UntrustedText.safe(via));
		SecurityInfo info = SecurityInfos.unsecured();
		Mono<Optional<Object>> authorized;
		try {
			authorized = this.settings.authorizer().authorize(info, via).<Optional<Object>>map(Optional::of)
				.defaultIfEmpty(Optional.empty());
		}
		catch (RuntimeException ex) {
			authorized = Mono.error(ex);
		}
		authorized.subscribe((attachment) -> c.executor().execute(() -> {
			if (this.closed) {
				return;
			}
			write(PreambleAckRecord.INSTANCE);
			this.phase = Phase.OPEN;
			this.ends.reset();
			c.fireUserEventTriggered(HandshakeCompletionEvent.success(info, attachment.orElse(null)));
			c.fireUserEventTriggered(new NmfSessionEvents.SessionStarted(via, transferMode));
			// records that arrived while the authorizer decided
			try {
				channelRead(c, Unpooled.EMPTY_BUFFER);
			}
			catch (Exception ex) {
				onFailure(ex);
			}
		}), (error) -> c.executor().execute(() -> {
			logger.warn("Refusing unsecured client {}: refused by the authorizer: {}", c.channel().remoteAddress(),
					error.getMessage());
			if (!this.closed) {
				this.closed = true;
				c.fireExceptionCaught(new NegotiateException(FailureReason.POLICY,
						"Refused by the authorizer: " + error.getMessage(), error));
				c.close();
			}
		}));
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof HandshakeCompletionEvent completion && this.phase == Phase.HANDSHAKE) {
			if (completion.isSuccess()) {
				this.preamble.upgradeCompleted();
				this.phase = Phase.SECURE_PREAMBLE;
			}
			else {
				this.closed = true;
			}
		}
		super.userEventTriggered(ctx, evt);
	}

	/**
	 * Whether this side has sent End in the current session.
	 * @return {@code true} once End was sent
	 */
	boolean endSent() {
		return this.ends.sent();
	}

	/**
	 * End the open session gracefully: send End (once); the session is over when the client's End arrived too
	 * (event loop).
	 */
	void endSession() {
		if (!this.closed && this.phase == Phase.OPEN && !this.ends.sent()) {
			// in a streamed session too: WCF's server writes End once its reply is out and the client's End is in,
			// then reads the next preamble on the same connection
			this.ends.send(ctx(), this.settings.limits(), this::finishSession);
		}
	}

	/**
	 * End/End done: the connection may carry a new preamble and a new handshake.
	 */
	private void finishSession() {
		this.ends.reset();
		ChannelHandlerContext c = ctx();
		if (actualReadableBytes() > 0) {
			logger.warn("Closing {}: the client sent data after End", c.channel().remoteAddress());
			this.closed = true;
			c.close();
			return;
		}
		this.stream.endProtection();
		this.records.close();
		this.records = new NmfRecordDecoder(this.server.framingLimits());
		this.preamble.reset();
		this.phase = Phase.PREAMBLE;
		c.fireUserEventTriggered(NmfSessionEvents.SessionEnd.ENDED);
	}

	private void onFailure(Throwable ex) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		ChannelHandlerContext c = ctx();
		if (ex instanceof FramingException framing && framing.faultToSend() != null) {
			write(FaultRecord.of(framing.faultToSend()));
		}
		c.fireExceptionCaught(ex);
		c.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		this.closed = true;
		this.ends.reset();
		this.records.close();
		super.channelInactive(ctx);
	}

	private void write(NmfRecord record) {
		ChannelHandlerContext c = ctx();
		ByteBuf out = c.alloc().buffer();
		record.encode(out);
		c.writeAndFlush(out);
	}

	private ChannelHandlerContext ctx() {
		ChannelHandlerContext c = this.ctx;
		if (c == null) {
			throw new IllegalStateException("handler not added");
		}
		return c;
	}

}
