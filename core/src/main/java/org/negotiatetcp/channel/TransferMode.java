package org.negotiatetcp.channel;

import org.negotiatetcp.framing.FramingMode;

/**
 * How a {@code net.tcp} channel carries its messages (WCF's {@code TransferMode}).
 */
public enum TransferMode {

	/**
	 * [MC-NMF] duplex mode: a session of sized envelopes in both directions, reused for many messages; WCF's default
	 * {@code TransferMode.Buffered}.
	 */
	BUFFERED(FramingMode.DUPLEX),

	/**
	 * [MC-NMF] singleton-unsized mode: one message per preamble, written as an UnsizedEnvelope of bounded chunks
	 * after the security upgrade; WCF's {@code TransferMode.Streamed}, for large payloads. The receiver still
	 * assembles the message, bounded by the maximum message size.
	 */
	STREAMED(FramingMode.SINGLETON_UNSIZED);

	private final FramingMode framingMode;

	TransferMode(FramingMode framingMode) {
		this.framingMode = framingMode;
	}

	/**
	 * Return the [MC-NMF] mode that carries this transfer mode.
	 * @return the framing mode
	 */
	public FramingMode framingMode() {
		return this.framingMode;
	}

}
