package org.negotiatetcp.benchmarks.harness;

import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;

/**
 * The handler of a link before a cell sets its own: a message then is a fault of the harness.
 */
final class Handlers {

	static final Consumer<ByteBuf> UNEXPECTED = (message) -> {
		throw new IllegalStateException("A message of " + message.readableBytes() + " bytes arrived for no cell");
	};

	private Handlers() {
	}

}
