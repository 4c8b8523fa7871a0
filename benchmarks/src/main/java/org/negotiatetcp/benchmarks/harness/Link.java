package org.negotiatetcp.benchmarks.harness;

import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Mono;

/**
 * One open connection of a subject under test, message oriented: a plain or TLS Reactor Netty connection with a
 * length prefix, or a channel of the project. The inbound messages go to the current handler, which a cell sets.
 */
interface Link {

	/**
	 * Set who receives the inbound messages from now on. The buffer is released once the handler returns.
	 * @param handler the handler, called on the connection's event loop
	 */
	void handler(Consumer<ByteBuf> handler);

	/**
	 * Send one message, the way an application does (one {@code send} per message).
	 * @param message the message, released once written
	 * @param onError told if the write fails
	 */
	void send(ByteBuf message, Consumer<Throwable> onError);

	/**
	 * Close the connection.
	 * @return completes when closed
	 */
	Mono<Void> close();

}
