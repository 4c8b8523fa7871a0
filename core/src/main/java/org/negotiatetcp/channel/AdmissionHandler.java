package org.negotiatetcp.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.NettyPipeline;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.framing.FaultRecord;
import org.negotiatetcp.framing.FramingFault;

/**
 * Admission control at the front of every server connection, shared by all of them: refuses new connections while
 * the server drains, and refuses a connection (with the [MC-NMF] {@code ServerTooBusy} fault in {@code net.tcp} mode)
 * when {@link ChannelLimits#maxPendingHandshakes()} connections are already authenticating, or
 * {@link ChannelLimits#maxPendingHandshakesPerAddress()} from the same peer address. An admitted connection's
 * {@code channelActive} continues down the pipeline.
 */
@Sharable
final class AdmissionHandler extends ChannelInboundHandlerAdapter {

	/** Name of this handler in the Netty pipeline. */
	static final String NAME = NettyPipeline.LEFT + "negotiateAdmission";

	/** The observations of each server connection. */
	static final AttributeKey<ChannelObservations> OBSERVATIONS = AttributeKey
		.valueOf(AdmissionHandler.class, "observations");

	private static final Logger logger = LoggerFactory.getLogger(NegotiateServer.class);

	private final ServerContext server;

	private final ServerSettings settings;

	AdmissionHandler(ServerContext server, ServerSettings settings) {
		this.server = server;
		this.settings = settings;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		if (this.server.isDraining()) {
			ctx.close();
			return;
		}
		Attribute<ChannelObservations> attribute = ctx.channel().attr(OBSERVATIONS);
		ChannelObservations observations = (attribute.get() != null) ? attribute.get() : ChannelObservations.NONE;
		observations.handshakeStarted(ctx);
		String refusal = this.server.refusal(ctx.channel());
		if (refusal != null) {
			logger.warn("Refusing {}: {} connections are already authenticating ({})", ctx.channel().remoteAddress(),
					this.server.pendingHandshakes() - 1, refusal);
			observations.handshakeFailed(new NegotiateException(FailureReason.LIMIT, refusal + " reached"));
			if (this.settings.mode() == ChannelMode.NET_TCP) {
				ByteBuf fault = ctx.alloc().buffer();
				FaultRecord.of(FramingFault.SERVER_TOO_BUSY).encode(fault);
				ctx.writeAndFlush(fault).addListener(ChannelFutureListener.CLOSE);
			}
			else {
				ctx.close();
			}
			return;
		}
		ctx.fireChannelActive();
		// admitted: nothing more to decide for this connection, and an idle connection need not carry the handler
		if (!ctx.isRemoved()) {
			ctx.pipeline().remove(this);
		}
	}

}
