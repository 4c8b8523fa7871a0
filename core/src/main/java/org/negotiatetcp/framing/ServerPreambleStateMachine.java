package org.negotiatetcp.framing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.UntrustedText;

/**
 * The receiver (server) side of an [MC-NMF] session, as pure logic: feed it the records a client sends and it says
 * what to do next. It enforces the record order Version, Mode, Via, encoding, then (in duplex and singleton-unsized
 * modes) zero or one UpgradeRequest and PreambleEnd, then envelopes until End; it applies a
 * {@link ServerFramingPolicy} and answers violations with the fault .NET sends for them.
 * <p>
 * Peer behaviour outside the grammar throws {@link FramingException} ({@code PROTOCOL}, no fault to send); calls in
 * the wrong state are caller bugs and throw {@link IllegalStateException}. One instance serves one connection and is
 * not thread-safe. Reference-counted records passed in stay owned by the caller.
 */
public final class ServerPreambleStateMachine {

	/**
	 * Where the server is in the session.
	 */
	public enum State {

		/** Waiting for the Version record. */
		EXPECT_VERSION,

		/** Waiting for the Mode record. */
		EXPECT_MODE,

		/** Waiting for the Via record. */
		EXPECT_VIA,

		/** Waiting for a KnownEncoding or ExtensibleEncoding record. */
		EXPECT_ENCODING,

		/** Waiting for an UpgradeRequest or the PreambleEnd record. */
		EXPECT_UPGRADE_OR_PREAMBLE_END,

		/** The upgrade protocol runs; waiting for {@link #upgradeCompleted()}. */
		UPGRADING,

		/** The preamble is complete; envelopes and End follow. */
		SESSION,

		/** The client sent End; {@link #reset()} starts a new preamble on the same connection. */
		ENDED,

		/** A fault was returned; the connection must close. */
		FAULTED

	}

	private final ServerFramingPolicy policy;

	private final FramingLimits limits;

	private State state = State.EXPECT_VERSION;

	private @Nullable FramingMode mode;

	private @Nullable String via;

	private @Nullable String contentType;

	private @Nullable String upgradeProtocol;

	private boolean singletonDelivered;

	/**
	 * Create a state machine with {@link FramingLimits#DEFAULTS}.
	 * @param policy what the server accepts
	 */
	public ServerPreambleStateMachine(ServerFramingPolicy policy) {
		this(policy, FramingLimits.DEFAULTS);
	}

	/**
	 * Create a state machine. The limits are checked again on the records fed in, so records built in memory get
	 * the same faults as decoded ones.
	 * @param policy what the server accepts
	 * @param limits the receive quotas
	 */
	public ServerPreambleStateMachine(ServerFramingPolicy policy, FramingLimits limits) {
		this.policy = Objects.requireNonNull(policy, "policy");
		this.limits = Objects.requireNonNull(limits, "limits");
	}

	/**
	 * Return where the server is in the session.
	 * @return the state
	 */
	public State state() {
		return this.state;
	}

	/**
	 * Process the next record received from the client.
	 * @param record the record
	 * @return what to do next
	 * @throws FramingException if the record is out of order or otherwise violates [MC-NMF]
	 * @throws IllegalStateException if called while upgrading, after a fault or after End
	 */
	public ServerAction onRecord(NmfRecord record) {
		Objects.requireNonNull(record, "record");
		return switch (this.state) {
			case EXPECT_VERSION -> onVersion(record);
			case EXPECT_MODE -> onMode(record);
			case EXPECT_VIA -> onVia(record);
			case EXPECT_ENCODING -> onEncoding(record);
			case EXPECT_UPGRADE_OR_PREAMBLE_END -> onUpgradeOrPreambleEnd(record);
			case SESSION -> onSessionRecord(record);
			case UPGRADING -> throw new IllegalStateException(
					"The upgrade protocol owns the stream; call upgradeCompleted() before feeding more records");
			case ENDED -> throw new IllegalStateException(
					"The session has ended; call reset() to accept a new preamble on this connection");
			case FAULTED -> throw new IllegalStateException("A fault was sent; close the connection");
		};
	}

	/**
	 * Turn a failure of the {@link NmfRecordDecoder} into the fault to send, if [MC-NMF] defines one.
	 * @param failure what the decoder threw
	 * @return a {@link ServerAction.SendFault} for {@link FramingException#faultToSend()}
	 * @throws FramingException {@code failure} itself when it carries no fault (just close the connection)
	 */
	public ServerAction onDecodeFailure(FramingException failure) {
		FramingFault fault = failure.faultToSend();
		if (fault == null) {
			this.state = State.FAULTED;
			throw failure;
		}
		return fault(fault, Objects.requireNonNullElse(failure.getMessage(), fault.faultName()));
	}

	/**
	 * Return the via the client named, once its Via record was accepted.
	 * @return the via or {@code null}
	 */
	public @Nullable String via() {
		return this.via;
	}

	/**
	 * Report that the upgrade started by {@link ServerAction.StartUpgrade} succeeded; the next records arrive
	 * through the upgraded stream.
	 * @throws IllegalStateException if no upgrade is running
	 */
	public void upgradeCompleted() {
		if (this.state != State.UPGRADING) {
			throw new IllegalStateException("No upgrade is running (state " + this.state + ")");
		}
		this.state = State.EXPECT_UPGRADE_OR_PREAMBLE_END;
	}

	/**
	 * Start over with a new preamble, for connection reuse after the End exchange (the new preamble arrives in clear
	 * on the raw connection and may upgrade again).
	 */
	public void reset() {
		this.state = State.EXPECT_VERSION;
		this.mode = null;
		this.via = null;
		this.contentType = null;
		this.upgradeProtocol = null;
		this.singletonDelivered = false;
	}

	private ServerAction onVersion(NmfRecord record) {
		if (!(record instanceof VersionRecord version)) {
			throw outOfOrder("a Version record", record);
		}
		if (version.major() != VersionRecord.V1_0.major()) {
			return fault(FramingFault.UNSUPPORTED_VERSION, "The client sent framing version " + version.major() + "."
					+ version.minor() + " but only major version 1 is supported");
		}
		this.state = State.EXPECT_MODE;
		return ServerAction.CONTINUE;
	}

	private ServerAction onMode(NmfRecord record) {
		if (!(record instanceof ModeRecord modeRecord)) {
			throw outOfOrder("a Mode record", record);
		}
		if (!this.policy.supportedModes().contains(modeRecord.mode())) {
			return fault(FramingFault.UNSUPPORTED_MODE, "The client asked for mode " + modeRecord.mode()
					+ " but this server supports " + this.policy.supportedModes());
		}
		this.mode = modeRecord.mode();
		this.state = State.EXPECT_VIA;
		return ServerAction.CONTINUE;
	}

	private ServerAction onVia(NmfRecord record) {
		if (!(record instanceof ViaRecord viaRecord)) {
			throw outOfOrder("a Via record", record);
		}
		String value = viaRecord.via();
		int length = NmfStrings.utf8Length(value);
		if (length > this.limits.maxViaLength()) {
			return fault(FramingFault.VIA_TOO_LONG, "The client sent a via of " + length + " bytes but at most "
					+ this.limits.maxViaLength() + " are accepted");
		}
		requireAbsoluteUri(value);
		if (!this.policy.viaAcceptor().test(value)) {
			return fault(FramingFault.ENDPOINT_NOT_FOUND, "No endpoint listens at via '" + UntrustedText.safe(value) + "'");
		}
		this.via = value;
		this.state = State.EXPECT_ENCODING;
		return ServerAction.CONTINUE;
	}

	private ServerAction onEncoding(NmfRecord record) {
		String type;
		if (record instanceof KnownEncodingRecord known) {
			type = known.encoding().contentType();
		}
		else if (record instanceof ExtensibleEncodingRecord extensible) {
			type = extensible.contentType();
			int length = NmfStrings.utf8Length(type);
			if (length > this.limits.maxContentTypeLength()) {
				return fault(FramingFault.CONTENT_TYPE_TOO_LONG, "The client sent a content type of " + length
						+ " bytes but at most " + this.limits.maxContentTypeLength() + " are accepted");
			}
		}
		else {
			throw outOfOrder("a KnownEncoding or ExtensibleEncoding record", record);
		}
		if (!this.policy.contentTypeAcceptor().test(type)) {
			return fault(FramingFault.CONTENT_TYPE_INVALID, "The client sent content type '" + UntrustedText.safe(type)
					+ "', which this server does not accept");
		}
		this.contentType = type;
		if (!currentMode().hasPreambleEnd()) {
			return complete();
		}
		this.state = State.EXPECT_UPGRADE_OR_PREAMBLE_END;
		return ServerAction.CONTINUE;
	}

	private ServerAction onUpgradeOrPreambleEnd(NmfRecord record) {
		if (record instanceof UpgradeRequestRecord upgrade) {
			return onUpgradeRequest(upgrade.protocol());
		}
		if (record instanceof PreambleEndRecord) {
			if (this.policy.upgradeRequired() && this.upgradeProtocol == null) {
				return fault(FramingFault.UPGRADE_INVALID, "The client ended its preamble without the required '"
						+ this.policy.upgradeProtocol() + "' upgrade; configure it for Windows transport security");
			}
			return complete();
		}
		throw outOfOrder("an UpgradeRequest or PreambleEnd record", record);
	}

	private ServerAction onUpgradeRequest(String protocol) {
		FramingMode current = currentMode();
		if (!current.isUpgradable()) {
			return fault(FramingFault.UPGRADE_INVALID, "The client requested upgrade '" + UntrustedText.safe(protocol) + "' in mode "
					+ current + ", which cannot carry an upgrade");
		}
		if (this.upgradeProtocol != null) {
			return fault(FramingFault.UPGRADE_INVALID, "The client requested upgrade '" + UntrustedText.safe(protocol)
					+ "' after its stream was already upgraded with '" + this.upgradeProtocol + "'");
		}
		int length = NmfStrings.utf8Length(protocol);
		if (length > this.limits.maxContentTypeLength()) {
			return fault(FramingFault.CONTENT_TYPE_TOO_LONG, "The client sent an upgrade protocol name of " + length
					+ " bytes but at most " + this.limits.maxContentTypeLength() + " are accepted");
		}
		if (!protocol.equals(this.policy.upgradeProtocol())) {
			return fault(FramingFault.UPGRADE_INVALID, "The client requested upgrade '" + UntrustedText.safe(protocol)
					+ "' but this server accepts " + ((this.policy.upgradeProtocol() != null)
							? "only '" + this.policy.upgradeProtocol() + "'" : "no upgrade"));
		}
		this.upgradeProtocol = protocol;
		this.state = State.UPGRADING;
		return new ServerAction.StartUpgrade(protocol);
	}

	private ServerAction onSessionRecord(NmfRecord record) {
		if (record instanceof EnvelopeRecord envelope) {
			boolean unsized = envelope instanceof UnsizedEnvelopeRecord;
			if (unsized != currentMode().usesUnsizedEnvelopes()) {
				throw FramingException.protocol("The client sent a " + record.type() + " record in mode "
						+ currentMode() + ", which uses " + (unsized ? "sized" : "unsized") + " envelopes");
			}
			if (unsized && this.singletonDelivered) {
				throw FramingException.protocol("The client sent a second envelope in mode " + currentMode()
						+ ", which carries exactly one message per preamble ([MC-NMF] 2.2.3.2); only End may follow");
			}
			this.singletonDelivered = unsized;
			if (envelope.size() > this.limits.maxMessageSize()) {
				return fault(FramingFault.MAX_MESSAGE_SIZE_EXCEEDED, "The client sent an envelope of "
						+ envelope.size() + " bytes but at most " + this.limits.maxMessageSize() + " are accepted");
			}
			return new ServerAction.DeliverEnvelope(envelope);
		}
		if (record instanceof EndRecord) {
			this.state = State.ENDED;
			return new ServerAction.SessionEnded();
		}
		throw outOfOrder("an envelope or End record", record);
	}

	private ServerAction complete() {
		this.state = State.SESSION;
		this.singletonDelivered = false;
		return new ServerAction.PreambleComplete(currentMode(), Objects.requireNonNull(this.via),
				Objects.requireNonNull(this.contentType), this.upgradeProtocol);
	}

	private ServerAction fault(FramingFault fault, String logMessage) {
		this.state = State.FAULTED;
		return new ServerAction.SendFault(fault, logMessage);
	}

	private FramingMode currentMode() {
		return Objects.requireNonNull(this.mode, "mode not yet known");
	}

	private FramingException outOfOrder(String expected, NmfRecord received) {
		State current = this.state;
		this.state = State.FAULTED;
		return FramingException.protocol("[MC-NMF] record out of order: expected " + expected + " (state "
				+ current + ") but the client sent " + received.type()
				+ "; the client is not following the .NET Message Framing preamble");
	}

	private void requireAbsoluteUri(String value) {
		try {
			if (new URI(value).isAbsolute()) {
				return;
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		this.state = State.FAULTED;
		throw FramingException.protocol("The client's via '" + UntrustedText.safe(value)
				+ "' is not an absolute URI such as net.tcp://host:808/Service");
	}

}
