package org.negotiatetcp.channel;

/**
 * The user events an [MC-NMF] handler ({@link NmfServerHandler}, {@link NmfClientHandler}) fires to the session
 * handler after it. Between them, the envelopes of the open session arrive as their payload buffers.
 */
final class NmfSessionEvents {

	private NmfSessionEvents() {
	}

	/**
	 * The preamble is complete inside the protected stream: a session is open.
	 * @param via the via of the preamble
	 * @param transferMode how the session carries its messages ({@link TransferMode#STREAMED}: one unsized envelope)
	 */
	record SessionStarted(String via, TransferMode transferMode) {

		SessionStarted(String via) {
			this(via, TransferMode.BUFFERED);
		}

	}

	/**
	 * The end of a session.
	 */
	enum SessionEnd {

		/** The peer's End arrived: no more envelopes follow. */
		PEER_ENDED,

		/**
		 * Both sides sent End: the session is over and the connection is back to clear [MC-NMF], ready for a new
		 * preamble.
		 */
		ENDED

	}

}
