package org.negotiatetcp.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPromise;

/**
 * What a {@link ChannelSession} needs from the session handler of its connection. Every method runs on the
 * channel's event loop.
 */
interface SessionTransport {

	/**
	 * Frame, protect and write one application message, then flush.
	 * @param message the message, released by the transport
	 * @param promise completed when written
	 */
	void writeMessage(ByteBuf message, ChannelPromise promise);

	/**
	 * The application has room for more messages: read from the socket if not already reading.
	 */
	void requestRead();

	/**
	 * End the session gracefully (End/End in {@code net.tcp}, close in raw mode).
	 */
	void closeSession();

	/**
	 * Return the observer of this connection.
	 * @return the observer
	 */
	default ChannelObservations observations() {
		return ChannelObservations.NONE;
	}

}
