package org.negotiatetcp.channel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import reactor.netty.NettyPipeline;

/**
 * Holds back {@code channelActive} from the handlers after it (Reactor Netty's bridge) until the first [MS-NNS]
 * handshake of the connection completed successfully, as Reactor Netty's {@code SslReadHandler} does for TLS, so
 * nothing downstream sees an unauthenticated connection. Removes itself once it has let the event through.
 */
final class ActivationHandler extends ChannelInboundHandlerAdapter {

	/** Name of this handler in the Netty pipeline. */
	static final String NAME = NettyPipeline.LEFT + "negotiateActivation";

	private boolean active;

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		// held back (see class javadoc)
		this.active = true;
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		super.userEventTriggered(ctx, evt);
		if (evt instanceof HandshakeCompletionEvent completion && completion.isSuccess() && this.active) {
			ctx.fireChannelActive();
			ctx.pipeline().remove(this);
		}
	}

}
