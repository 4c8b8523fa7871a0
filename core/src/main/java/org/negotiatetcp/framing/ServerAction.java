package org.negotiatetcp.framing;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a server does next, as decided by {@link ServerPreambleStateMachine}.
 */
public sealed interface ServerAction {

	/** Nothing to send; read the next record. */
	ServerAction CONTINUE = new Continue();

	/**
	 * Nothing to send; read the next record.
	 */
	record Continue() implements ServerAction {
	}

	/**
	 * Send an {@link UpgradeResponseRecord}, run the upgrade protocol (the [MS-NNS] handshake for
	 * {@code application/negotiate}) on the raw stream, then call {@link ServerPreambleStateMachine#upgradeCompleted()}
	 * and read the next records through the upgraded stream.
	 *
	 * @param protocol the accepted upgrade protocol
	 */
	record StartUpgrade(String protocol) implements ServerAction {

		/**
		 * Create the record, checking its components.
		 * @param protocol the accepted upgrade protocol
		 */
		public StartUpgrade {
			Objects.requireNonNull(protocol, "protocol");
		}

	}

	/**
	 * Send a {@link FaultRecord} for {@code fault}, then close the connection (optionally after draining input).
	 *
	 * @param fault the fault to send
	 * @param logMessage why, for the server's log (never sent)
	 */
	record SendFault(FramingFault fault, String logMessage) implements ServerAction {

		/**
		 * Create the record, checking its components.
		 * @param fault the fault to send
		 * @param logMessage why, for the server's log (never sent)
		 */
		public SendFault {
			Objects.requireNonNull(fault, "fault");
			Objects.requireNonNull(logMessage, "logMessage");
		}

		/**
		 * Return the record to send.
		 * @return the fault record
		 */
		public FaultRecord record() {
			return FaultRecord.of(this.fault);
		}

	}

	/**
	 * The preamble is accepted. If {@link #sendPreambleAck()}, send a {@link PreambleAckRecord} (through the
	 * upgraded stream, if any); then envelopes follow.
	 *
	 * @param mode the mode of the session
	 * @param via the via of the session
	 * @param contentType the envelope content type of the session
	 * @param upgradeProtocol the completed upgrade, or {@code null} if the stream was not upgraded
	 */
	record PreambleComplete(FramingMode mode, String via, String contentType,
			@Nullable String upgradeProtocol) implements ServerAction {

		/**
		 * Create the record, checking its components.
		 * @param mode the mode of the session
		 * @param via the via of the session
		 * @param contentType the envelope content type of the session
		 * @param upgradeProtocol the completed upgrade, or {@code null} if the stream was not upgraded
		 */
		public PreambleComplete {
			Objects.requireNonNull(mode, "mode");
			Objects.requireNonNull(via, "via");
			Objects.requireNonNull(contentType, "contentType");
		}

		/**
		 * Whether the server answers with a PreambleAck in this mode.
		 * @return {@code true} for duplex and singleton-unsized
		 */
		public boolean sendPreambleAck() {
			return this.mode.isAcknowledged();
		}

		/**
		 * Return the known encoding of the content type.
		 * @return the encoding, or {@code null} for a content type without a known byte
		 */
		public @Nullable KnownEncoding knownEncoding() {
			return KnownEncoding.fromContentType(this.contentType);
		}

	}

	/**
	 * Hand the envelope to the application. The caller keeps ownership of the record and must release it.
	 *
	 * @param envelope the received envelope
	 */
	record DeliverEnvelope(EnvelopeRecord envelope) implements ServerAction {

		/**
		 * Create the record, checking its components.
		 * @param envelope the received envelope
		 */
		public DeliverEnvelope {
			Objects.requireNonNull(envelope, "envelope");
		}

	}

	/**
	 * The client sent End. Send End if not sent yet; then close the connection, or call
	 * {@link ServerPreambleStateMachine#reset()} and read a new clear-text preamble on the raw connection
	 * (connection reuse).
	 */
	record SessionEnded() implements ServerAction {
	}

}
