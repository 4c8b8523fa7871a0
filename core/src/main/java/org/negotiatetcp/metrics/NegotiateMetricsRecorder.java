package org.negotiatetcp.metrics;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.ChannelSide;

/**
 * What the engine reports for meters, in the manner of Reactor Netty's {@code ChannelMetricsRecorder}. Methods are
 * called on event-loop threads and must not block. {@link MicrometerNegotiateMetricsRecorder} records them in a
 * Micrometer {@code MeterRegistry}.
 */
public interface NegotiateMetricsRecorder {

	/** Records nothing. */
	NegotiateMetricsRecorder NONE = new NegotiateMetricsRecorder() {

		@Override
		public String toString() {
			return "NegotiateMetricsRecorder.NONE";
		}

	};

	/**
	 * An authenticated channel (session) opened.
	 * @param side the side
	 */
	default void channelOpened(ChannelSide side) {
	}

	/**
	 * An authenticated channel (session) ended.
	 * @param side the side
	 */
	default void channelClosed(ChannelSide side) {
	}

	/**
	 * Bytes were read from the socket (framing, handshake and protected data alike).
	 * @param side the side
	 * @param bytes how many
	 */
	default void bytesReceived(ChannelSide side, long bytes) {
	}

	/**
	 * Bytes were written to the socket.
	 * @param side the side
	 * @param bytes how many
	 */
	default void bytesSent(ChannelSide side, long bytes) {
	}

	/**
	 * An application message was received.
	 * @param side the side
	 * @param size the message size in bytes
	 */
	default void messageReceived(ChannelSide side, int size) {
	}

	/**
	 * An application message was written.
	 * @param side the side
	 * @param size the message size in bytes
	 */
	default void messageSent(ChannelSide side, int size) {
	}

	/**
	 * A handshake failed.
	 * @param side the side
	 * @param outcome the failure outcome (see {@link org.negotiatetcp.observation.Outcomes})
	 */
	default void handshakeFailed(ChannelSide side, String outcome) {
	}

	/**
	 * A handshake failed, on a client that opened a named endpoint. Calls {@link #handshakeFailed(ChannelSide, String)}
	 * unless overridden.
	 * @param side the side
	 * @param outcome the failure outcome (see {@link org.negotiatetcp.observation.Outcomes})
	 * @param endpoint the endpoint's name (a low-cardinality name), or {@code null} on a server and for channels opened
	 * by address
	 */
	default void handshakeFailed(ChannelSide side, String outcome, @Nullable String endpoint) {
		handshakeFailed(side, outcome);
	}

}
