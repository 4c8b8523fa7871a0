package org.negotiatetcp.channel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;

/**
 * Returns a {@code net.tcp} connection whose session ended cleanly to its {@link ClientConnectionPool}: if the pool
 * takes it, an {@link IdleConnectionHandler} replaces the session's {@link ClientHandlers} until a channel reuses it.
 * @param pool the pool
 * @param endpoint where the connection goes
 */
record ConnectionRecycler(ClientConnectionPool pool, ClientConnectionPool.Endpoint endpoint) {

	/**
	 * Offer a connection to the pool (its event loop).
	 * @param channel the connection, whose session just ended with End/End
	 * @return {@code false} if the pool did not take it: the caller closes it
	 */
	boolean recycle(Channel channel) {
		IdleConnectionHandler idle = new IdleConnectionHandler(this.pool, this.endpoint);
		if (!this.pool.offer(this.endpoint, channel, idle)) {
			return false;
		}
		// another open() may take the connection from now on; it swaps handlers on this event loop after this task
		ChannelPipeline pipeline = channel.pipeline();
		pipeline.addBefore(NegotiateStreamHandler.NAME, IdleConnectionHandler.NAME, idle);
		ClientHandlers.remove(pipeline);
		return true;
	}

}
