package org.negotiatetcp.channel;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import reactor.netty.NettyPipeline;

/**
 * Watches reader idleness on the raw connection (in front of the NegotiateStream layer) and signals it as a
 * {@link ReceiveTimeout} to the server's session handler, which ends an open session that received nothing for
 * {@link ChannelLimits#receiveTimeout()} (WCF's ReceiveTimeout). One handler rather than an {@code IdleStateHandler}
 * and a translator behind it: every open connection carries it.
 */
final class ReceiveTimeoutHandler extends IdleStateHandler {

	/** Name of this handler in the Netty pipeline. */
	static final String NAME = NettyPipeline.LEFT + "negotiateReceiveTimeout";

	/**
	 * Nothing was received for the receive timeout.
	 */
	enum ReceiveTimeout {

		/** The one instance. */
		INSTANCE

	}

	/**
	 * Create the handler of one connection.
	 * @param receiveTimeout how long the connection may receive nothing
	 */
	ReceiveTimeoutHandler(Duration receiveTimeout) {
		super(receiveTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS);
	}

	@Override
	protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
		if (evt.state() == IdleState.READER_IDLE) {
			ctx.fireUserEventTriggered(ReceiveTimeout.INSTANCE);
		}
	}

}
