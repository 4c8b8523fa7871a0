package org.negotiatetcp.framing;

import java.util.Objects;

import io.netty.buffer.ByteBuf;

/**
 * The UnsizedEnvelope record ([MC-NMF] 2.2.3) of singleton-unsized mode (WCF streamed transfer): on the wire a
 * sequence of data chunks ended by a zero chunk size. {@link NmfRecordDecoder} aggregates all chunks into this one
 * record (bounded by {@link FramingLimits#maxMessageSize()}); {@link #encode(ByteBuf)} writes the payload as a
 * single chunk followed by the terminator, {@link #encode(ByteBuf, int)} as chunks of a bounded size (what a
 * streaming sender does). Release the record when done.
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

	/** The chunk size a streaming sender uses by default: 64 KiB. */
	public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

	@Override
	public void encode(ByteBuf out) {
		encode(out, Integer.MAX_VALUE);
	}

	/**
	 * Write the record with the payload split into chunks of at most {@code maxChunkSize} bytes, then the zero
	 * chunk size that ends the envelope. The payload's reader index does not move.
	 * @param out the buffer to write to
	 * @param maxChunkSize the largest chunk, at least 1
	 */
	public void encode(ByteBuf out, int maxChunkSize) {
		if (maxChunkSize < 1) {
			throw new IllegalArgumentException("maxChunkSize must be at least 1 but was " + maxChunkSize);
		}
		out.writeByte(RecordType.UNSIZED_ENVELOPE.code());
		int index = this.payload.readerIndex();
		int end = this.payload.writerIndex();
		while (index < end) {
			int chunk = Math.min(maxChunkSize, end - index);
			MultiByteInt31.encode(chunk, out);
			out.writeBytes(this.payload, index, chunk);
			index += chunk;
		}
		out.writeByte(0);
	}

	/**
	 * Return how many bytes {@link #encode(ByteBuf, int)} writes at most for a payload, for sizing a buffer.
	 * @param payloadSize the payload size
	 * @param maxChunkSize the largest chunk, at least 1
	 * @return the type byte, every chunk with its size, and the terminator
	 */
	public static long maxEncodedSize(int payloadSize, int maxChunkSize) {
		long chunks = (payloadSize + (long) maxChunkSize - 1) / maxChunkSize;
		return 2L + payloadSize + chunks * MultiByteInt31.MAX_LENGTH;
	}

}
