package org.negotiatetcp.framing;

import java.util.Objects;

import io.netty.buffer.ByteBuf;

/**
 * The SizedEnvelope record ([MC-NMF] 2.2.3): one envelope of known size, used in duplex, simplex and
 * singleton-sized modes. Decoded payloads are retained slices of the receive buffer; release the record when done.
 *
 * @param payload the envelope bytes; the record owns one reference to it
 */
public record SizedEnvelopeRecord(ByteBuf payload) implements EnvelopeRecord {

	/**
	 * Create the record, checking its components.
	 * @param payload the envelope bytes; the record owns one reference to it
	 */
	public SizedEnvelopeRecord {
		Objects.requireNonNull(payload, "payload");
	}

	@Override
	public RecordType type() {
		return RecordType.SIZED_ENVELOPE;
	}

	@Override
	public void encode(ByteBuf out) {
		int size = this.payload.readableBytes();
		out.writeByte(RecordType.SIZED_ENVELOPE.code());
		MultiByteInt31.encode(size, out);
		out.writeBytes(this.payload, this.payload.readerIndex(), size);
	}

}
