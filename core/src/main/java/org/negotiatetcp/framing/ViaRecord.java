package org.negotiatetcp.framing;

import java.util.Objects;

import io.netty.buffer.ByteBuf;

/**
 * The Via record ([MC-NMF] 2.2.3.3): the URI the initiator addresses, e.g. {@code net.tcp://host:808/Service}.
 *
 * @param via the URI
 */
public record ViaRecord(String via) implements NmfRecord {

	/**
	 * Create the record, checking its components.
	 * @param via the URI
	 */
	public ViaRecord {
		Objects.requireNonNull(via, "via");
	}

	@Override
	public RecordType type() {
		return RecordType.VIA;
	}

	@Override
	public void encode(ByteBuf out) {
		out.writeByte(RecordType.VIA.code());
		NmfStrings.write(this.via, out);
	}

}
