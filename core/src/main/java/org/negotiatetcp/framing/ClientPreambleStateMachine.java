package org.negotiatetcp.framing;

import java.util.List;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * The initiator (client) side of an [MC-NMF] preamble, as pure logic: it writes the preamble bytes and checks the
 * server's answers ([MC-NMF] 3.2.4.2, in the order .NET clients use).
 * <ol>
 * <li>{@link #writePreamble(ByteBuf)}: Version 1.0, Mode, Via, KnownEncoding (or ExtensibleEncoding for a content
 * type without a known byte), then an UpgradeRequest when an upgrade is configured, otherwise the PreambleEnd.</li>
 * <li>With an upgrade: the server answers a single byte. Decode it with {@link NmfRecordDecoder}, which consumes
 * exactly one byte for an {@link UpgradeResponseRecord} and leaves the upgrade protocol's bytes in the buffer; any
 * other byte starts a Fault record. Feed the record to {@link #onRecord(NmfRecord)}, run the upgrade protocol, then
 * call {@link #upgradeCompleted(ByteBuf)} and send the PreambleEnd it writes through the upgraded stream.</li>
 * <li>In duplex and singleton-unsized modes, feed the server's next record to {@link #onRecord(NmfRecord)}: a
 * PreambleAck completes the preamble.</li>
 * </ol>
 * A Fault record becomes a {@link FramingFaultException}; any other unexpected record a {@link FramingException}.
 * One instance serves one preamble and is not thread-safe.
 */
public final class ClientPreambleStateMachine {

	/**
	 * Where the client is in the preamble.
	 */
	public enum State {

		/** Nothing written yet. */
		NEW,

		/** The UpgradeRequest was written; waiting for UpgradeResponse or Fault. */
		AWAITING_UPGRADE_RESPONSE,

		/** The upgrade protocol runs; waiting for {@link #upgradeCompleted(ByteBuf)}. */
		UPGRADING,

		/** The PreambleEnd was written; waiting for PreambleAck or Fault. */
		AWAITING_PREAMBLE_ACK,

		/** The preamble is accepted; envelopes may be sent. */
		COMPLETE,

		/** The server refused the preamble or violated the protocol. */
		FAILED

	}

	private final FramingMode mode;

	private final String via;

	private final String contentType;

	private final @Nullable String upgradeProtocol;

	private State state = State.NEW;

	/**
	 * Create a state machine.
	 * @param mode the mode to request
	 * @param via the URI of the endpoint, e.g. {@code net.tcp://host:808/Service}
	 * @param contentType the envelope content type, e.g. {@link KnownEncoding#BINARY_SESSION}'s
	 * @param upgradeProtocol the upgrade to request (e.g. {@link UpgradeRequestRecord#NEGOTIATE_PROTOCOL}), or
	 * {@code null} for none
	 * @throws IllegalArgumentException if an upgrade is requested in a mode that cannot carry one
	 */
	public ClientPreambleStateMachine(FramingMode mode, String via, String contentType,
			@Nullable String upgradeProtocol) {
		this.mode = Objects.requireNonNull(mode, "mode");
		this.via = Objects.requireNonNull(via, "via");
		this.contentType = Objects.requireNonNull(contentType, "contentType");
		this.upgradeProtocol = upgradeProtocol;
		if (upgradeProtocol != null && !mode.isUpgradable()) {
			throw new IllegalArgumentException("Mode " + mode + " cannot carry a stream upgrade ([MC-NMF] 3.2.4.2);"
					+ " use DUPLEX or SINGLETON_UNSIZED, or no upgrade");
		}
	}

	/**
	 * Create a state machine for a default {@code NetTcpBinding} session: duplex mode, binary session encoding and,
	 * when {@code negotiate} is set, the {@code application/negotiate} upgrade.
	 * @param via the URI of the endpoint
	 * @param negotiate whether to upgrade to [MS-NNS] (Windows transport security)
	 * @return the state machine
	 */
	public static ClientPreambleStateMachine duplex(String via, boolean negotiate) {
		return new ClientPreambleStateMachine(FramingMode.DUPLEX, via, KnownEncoding.BINARY_SESSION.contentType(),
				negotiate ? UpgradeRequestRecord.NEGOTIATE_PROTOCOL : null);
	}

	/**
	 * Return where the client is in the preamble.
	 * @return the state
	 */
	public State state() {
		return this.state;
	}

	/**
	 * Return the via this preamble addresses.
	 * @return the via
	 */
	public String via() {
		return this.via;
	}

	/**
	 * Return the records every preamble starts with: Version 1.0, Mode, Via and the encoding record.
	 * @return the records, in wire order
	 */
	public List<NmfRecord> preambleRecords() {
		KnownEncoding known = KnownEncoding.fromContentType(this.contentType);
		NmfRecord encoding = (known != null) ? new KnownEncodingRecord(known)
				: new ExtensibleEncodingRecord(this.contentType);
		return List.of(VersionRecord.V1_0, new ModeRecord(this.mode), new ViaRecord(this.via), encoding);
	}

	/**
	 * Write the clear-text preamble: {@link #preambleRecords()}, then the UpgradeRequest if an upgrade is configured,
	 * otherwise the PreambleEnd (in every mode but singleton-sized).
	 * @param out the buffer to write to
	 * @throws IllegalStateException if the preamble was written already
	 */
	public void writePreamble(ByteBuf out) {
		requireState(State.NEW, "writePreamble");
		for (NmfRecord record : preambleRecords()) {
			record.encode(out);
		}
		if (this.upgradeProtocol != null) {
			new UpgradeRequestRecord(this.upgradeProtocol).encode(out);
			this.state = State.AWAITING_UPGRADE_RESPONSE;
		}
		else {
			writePreambleEnd(out);
		}
	}

	/**
	 * Report that the upgrade protocol succeeded and write the PreambleEnd, which must travel through the upgraded
	 * stream.
	 * @param out the buffer to write to
	 * @throws IllegalStateException if no upgrade is running
	 */
	public void upgradeCompleted(ByteBuf out) {
		requireState(State.UPGRADING, "upgradeCompleted");
		writePreambleEnd(out);
	}

	/**
	 * Check the next record received from the server.
	 * @param record the record
	 * @return the new state: {@link State#UPGRADING} after an UpgradeResponse, {@link State#COMPLETE} after a
	 * PreambleAck
	 * @throws FramingFaultException if the server sent a specified framing fault
	 * @throws FramingException if the server sent an unrecognised fault or an unexpected record
	 * @throws IllegalStateException if no answer is awaited
	 */
	public State onRecord(NmfRecord record) {
		Objects.requireNonNull(record, "record");
		switch (this.state) {
			case AWAITING_UPGRADE_RESPONSE -> {
				if (record instanceof UpgradeResponseRecord) {
					this.state = State.UPGRADING;
					return this.state;
				}
				throw refused(record, "an UpgradeResponse to the '" + this.upgradeProtocol + "' upgrade request");
			}
			case AWAITING_PREAMBLE_ACK -> {
				if (record instanceof PreambleAckRecord) {
					this.state = State.COMPLETE;
					return this.state;
				}
				throw refused(record, "a PreambleAck");
			}
			default -> throw new IllegalStateException("No answer from the server is awaited in state " + this.state);
		}
	}

	private void writePreambleEnd(ByteBuf out) {
		if (this.mode.hasPreambleEnd()) {
			PreambleEndRecord.INSTANCE.encode(out);
		}
		this.state = this.mode.isAcknowledged() ? State.AWAITING_PREAMBLE_ACK : State.COMPLETE;
	}

	private RuntimeException refused(NmfRecord record, String expected) {
		this.state = State.FAILED;
		if (record instanceof FaultRecord fault) {
			return fault.toException(this.via);
		}
		return FramingException.protocol("Expected " + expected + " from the server at via '" + this.via
				+ "' but it sent a " + record.type() + " record; the server does not follow .NET Message Framing");
	}

	private void requireState(State expected, String operation) {
		if (this.state != expected) {
			throw new IllegalStateException(operation + "() needs state " + expected + " but the state is " + this.state);
		}
	}

}
