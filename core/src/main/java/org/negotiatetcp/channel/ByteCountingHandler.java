package org.negotiatetcp.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import reactor.netty.NettyPipeline;

import org.negotiatetcp.metrics.NegotiateMetricsRecorder;
import org.negotiatetcp.ChannelSide;

/**
 * Counts the bytes read from and written to the socket for the {@link NegotiateMetricsRecorder}. Sits in front of
 * the protocol handler, so it sees the clear preamble, the handshake and the protected frames.
 */
final class ByteCountingHandler extends ChannelDuplexHandler {

	/** Name of this handler in the Netty pipeline. */
	static final String NAME = NettyPipeline.LEFT + "negotiateByteCounter";

	private final NegotiateMetricsRecorder metrics;

	private final ChannelSide side;

	ByteCountingHandler(NegotiateMetricsRecorder metrics, ChannelSide side) {
		this.metrics = metrics;
		this.side = side;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		long size = sizeOf(msg);
		if (size > 0) {
			this.metrics.bytesReceived(this.side, size);
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		long size = sizeOf(msg);
		if (size > 0) {
			this.metrics.bytesSent(this.side, size);
		}
		ctx.write(msg, promise);
	}

	private static long sizeOf(Object msg) {
		if (msg instanceof ByteBuf buf) {
			return buf.readableBytes();
		}
		if (msg instanceof ByteBufHolder holder) {
			return holder.content().readableBytes();
		}
		return 0;
	}

}
