package org.negotiatetcp.testsupport;

/**
 * How an interop peer frames its session on the TCP connection.
 */
public enum PeerMode {

	/** [MS-NNS] only: handshake messages, then data frames (a bare NegotiateStream). */
	RAW,

	/**
	 * [MC-NMF] net.tcp: the clear-text preamble and {@code application/negotiate} upgrade, the NNS handshake, then
	 * PreambleEnd / PreambleAck, SizedEnvelope and End records inside NNS data frames.
	 */
	NETTCP;

	String argument() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
