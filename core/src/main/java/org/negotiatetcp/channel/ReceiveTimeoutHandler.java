package org.negotiatetcp.channel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import reactor.netty.NettyPipeline;

/**
 * Turns the reader-idle event of the {@link io.netty.handler.timeout.IdleStateHandler} in front of it into a
 * {@link ReceiveTimeout} for the server's session handler, which ends an open session that received nothing for
 * {@link ChannelLimits#receiveTimeout()} (WCF's ReceiveTimeout). Other idle events are dropped.
 */
final class ReceiveTimeoutHandler extends ChannelInboundHandlerAdapter {

	/** Name of the idle-state handler in the Netty pipeline. */
	static final String IDLE_STATE_NAME = NettyPipeline.LEFT + "negotiateIdleState";

	/** Name of this handler in the Netty pipeline. */
	static final String NAME = NettyPipeline.LEFT + "negotiateReceiveTimeout";

	/**
	 * Nothing was received for the receive timeout.
	 */
	enum ReceiveTimeout {

		/** The one instance. */
		INSTANCE

	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof IdleStateEvent idle) {
			if (idle.state() == IdleState.READER_IDLE) {
				ctx.fireUserEventTriggered(ReceiveTimeout.INSTANCE);
			}
			return;
		}
		super.userEventTriggered(ctx, evt);
	}

}
