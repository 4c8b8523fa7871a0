package org.negotiatetcp.framing;

import java.util.Objects;

import io.netty.buffer.ByteBuf;

/**
 * The UnsizedEnvelope record ([MC-NMF] 2.2.3) of singleton-unsized mode (WCF streamed transfer): on the wire a
 * sequence of data chunks ended by a zero chunk size. {@link NmfRecordDecoder} aggregates all chunks into this one
 * record (bounded by {@link FramingLimits#maxMessageSize()}); {@link #encode(ByteBuf)} writes the payload as a
 * single chunk followed by the terminator. Release the record when done.
 *
 * @param payload the envelope bytes; the record owns one reference to it
 */
public record UnsizedEnvelopeRecord(ByteBuf payload) implements EnvelopeRecord {

	/**
	 * Create the record, checking its components.
	 * @param payload the envelope bytes; the record owns one reference to it
	 */
	public UnsizedEnvelopeRecord {
		Objects.requireNonNull(payload, "payload");
	}

	@Override
	public RecordType type() {
		return RecordType.UNSIZED_ENVELOPE;
	}

	@Override
	public void encode(ByteBuf out) {
		int size = this.payload.readableBytes();
		out.writeByte(RecordType.UNSIZED_ENVELOPE.code());
		if (size > 0) {
			MultiByteInt31.encode(size, out);
			out.writeBytes(this.payload, this.payload.readerIndex(), size);
		}
		out.writeByte(0);
	}

}
