package org.negotiatetcp.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;

/**
 * Writes one application message of a session: checks {@code max-message-size}, wraps it into an [MC-NMF]
 * SizedEnvelope in {@code net.tcp} mode, and writes it down the pipeline, where the {@link NegotiateStreamHandler}
 * protects it. The client and server session handlers share it.
 */
final class OutboundMessages {

	private OutboundMessages() {
	}

	/**
	 * Write a message and flush (event loop).
	 * @param ctx the session handler's context
	 * @param session the open session
	 * @param message the message, always released
	 * @param promise completed when written
	 */
	static void write(ChannelHandlerContext ctx, ChannelSession session, ChannelLimits limits,
			ChannelObservations observations, ByteBuf message, ChannelPromise promise) {
		try {
			int size = message.readableBytes();
			boolean netTcp = session.mode() == ChannelMode.NET_TCP;
			if (netTcp && size > limits.maxMessageSize()) {
				promise.setFailure(new NegotiateException(FailureReason.LIMIT, "Message of " + size
						+ " bytes exceeds max-message-size " + limits.maxMessageSize()
						+ "; raise the limit on both sides or send smaller messages"));
				return;
			}
			observations.messageSent(session, size, promise);
			ByteBuf plain = netTcp ? Envelopes.sized(ctx.alloc(), message.retain()) : message.retain();
			ctx.writeAndFlush(plain, promise);
		}
		finally {
			ReferenceCountUtil.release(message);
		}
	}

	/**
	 * Fail a message that cannot be sent because the session is closed.
	 * @param message the message, released
	 * @param promise failed
	 */
	static void refuse(ByteBuf message, ChannelPromise promise) {
		ReferenceCountUtil.release(message);
		promise.setFailure(new NegotiateException(FailureReason.CONNECTION, "The session is closed"));
	}

}
