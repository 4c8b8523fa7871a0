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

	@Override
	public int refCnt() {
		return this.payload.refCnt();
	}

	@Override
	public UnsizedEnvelopeRecord retain() {
		this.payload.retain();
		return this;
	}

	@Override
	public UnsizedEnvelopeRecord retain(int increment) {
		this.payload.retain(increment);
		return this;
	}

	@Override
	public UnsizedEnvelopeRecord touch() {
		this.payload.touch();
		return this;
	}

	@Override
	public UnsizedEnvelopeRecord touch(Object hint) {
		this.payload.touch(hint);
		return this;
	}

	@Override
	public boolean release() {
		return this.payload.release();
	}

	@Override
	public boolean release(int decrement) {
		return this.payload.release(decrement);
	}

}
