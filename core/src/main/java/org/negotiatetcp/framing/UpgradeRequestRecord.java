package org.negotiatetcp.framing;

import java.util.Objects;

import io.netty.buffer.ByteBuf;

/**
 * The UpgradeRequest record ([MC-NMF] 2.2.3.5): the initiator asks to continue over an upgrade protocol.
 *
 * @param protocol the upgrade protocol name
 */
public record UpgradeRequestRecord(String protocol) implements NmfRecord {

	/** The protocol name of the [MS-NNS] NegotiateStream upgrade (Windows transport security). */
	public static final String NEGOTIATE_PROTOCOL = "application/negotiate";

	/** The protocol name of the TLS upgrade (certificate transport security). */
	public static final String SSL_TLS_PROTOCOL = "application/ssl-tls";

	/** The request for the NegotiateStream upgrade. */
	public static final UpgradeRequestRecord NEGOTIATE = new UpgradeRequestRecord(NEGOTIATE_PROTOCOL);

	/**
	 * Create the record, checking its components.
	 * @param protocol the upgrade protocol name
	 */
	public UpgradeRequestRecord {
		Objects.requireNonNull(protocol, "protocol");
	}

	@Override
	public RecordType type() {
		return RecordType.UPGRADE_REQUEST;
	}

	@Override
	public void encode(ByteBuf out) {
		out.writeByte(RecordType.UPGRADE_REQUEST.code());
		NmfStrings.write(this.protocol, out);
	}

}
