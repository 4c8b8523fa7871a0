package org.negotiatetcp.channel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.NettyPipeline;

import org.negotiatetcp.UntrustedText;

/**
 * Stands in for the protocol handlers while a {@code net.tcp} connection waits idle in the
 * {@link ClientConnectionPool}: keeps a read pending so a close by the server is noticed at once (the connection then
 * leaves the pool), closes the connection if the server sends anything, and is replaced by fresh protocol handlers
 * when a channel reuses the connection.
 */
final class IdleConnectionHandler extends ChannelInboundHandlerAdapter {

	/** Name of this handler in the Netty pipeline. */
	static final String NAME = NettyPipeline.LEFT + "negotiateIdleConnection";

	private static final Logger logger = LoggerFactory.getLogger(NegotiateChannelFactory.class);

	private final ClientConnectionPool pool;

	private final ClientConnectionPool.Endpoint endpoint;

	private @Nullable ChannelHandlerContext ctx;

	IdleConnectionHandler(ClientConnectionPool pool, ClientConnectionPool.Endpoint endpoint) {
		this.pool = pool;
		this.endpoint = endpoint;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
		ctx.read();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ReferenceCountUtil.release(msg);
		logger.debug("The server sent bytes on the idle pooled connection {}; closing it",
				ctx.channel().remoteAddress());
		this.pool.evict(this.endpoint, this);
		ctx.close();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (this.pool.evict(this.endpoint, this)) {
			logger.debug("The server closed the idle connection {}; removed from the pool",
					ctx.channel().remoteAddress());
		}
		super.channelInactive(ctx);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		logger.debug("The idle pooled connection {} failed: {}", ctx.channel().remoteAddress(),
				UntrustedText.safe(cause.toString(), UntrustedText.MAX_MESSAGE_LENGTH));
		this.pool.evict(this.endpoint, this);
		ctx.close();
	}

	/**
	 * Close the connection while it is idle (event loop).
	 */
	void closeIdle() {
		ChannelHandlerContext c = this.ctx;
		if (c != null && !c.isRemoved()) {
			c.close();
		}
	}

}
