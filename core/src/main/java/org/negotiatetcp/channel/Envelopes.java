package org.negotiatetcp.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

import org.negotiatetcp.framing.MultiByteInt31;
import org.negotiatetcp.framing.RecordType;
import org.negotiatetcp.framing.UnsizedEnvelopeRecord;

/**
 * Wraps an application message into an [MC-NMF] SizedEnvelope record, or an UnsizedEnvelope in a streamed session.
 */
final class Envelopes {

	private Envelopes() {
	}

	/**
	 * Build {@code 0x05 (<mbint chunk size> <chunk>)* 0x00}, the UnsizedEnvelope record of a streamed session, in
	 * one heap buffer (the NegotiateStream handler cuts it into data frames next).
	 * @param alloc the allocator
	 * @param payload the message, always released
	 * @param maxChunkSize the largest chunk
	 * @return the record bytes
	 */
	static ByteBuf unsized(ByteBufAllocator alloc, ByteBuf payload, int maxChunkSize) {
		UnsizedEnvelopeRecord record = new UnsizedEnvelopeRecord(payload);
		try {
			ByteBuf out = alloc.heapBuffer(
					Math.toIntExact(UnsizedEnvelopeRecord.maxEncodedSize(payload.readableBytes(), maxChunkSize)));
			record.encode(out, maxChunkSize);
			return out;
		}
		finally {
			record.release();
		}
	}

	/**
	 * Build {@code 0x06 <mbint length> <payload>}.
	 * @param alloc the allocator
	 * @param payload the message; ownership passes to the result
	 * @param contiguous whether the record is wrapped into data frames next: then it is built in one heap buffer, whose
	 * array the security context reads directly (one copy of the payload, where a composite record is copied into a
	 * new array for every frame); otherwise a composite without copying the payload
	 * @return the record bytes
	 */
	static ByteBuf sized(ByteBufAllocator alloc, ByteBuf payload, boolean contiguous) {
		if (contiguous) {
			int size = payload.readableBytes();
			try {
				ByteBuf record = alloc.heapBuffer(1 + MultiByteInt31.MAX_LENGTH + size);
				record.writeByte(RecordType.SIZED_ENVELOPE.code());
				MultiByteInt31.encode(size, record);
				return record.writeBytes(payload);
			}
			finally {
				payload.release();
			}
		}
		ByteBuf header = alloc.buffer(1 + MultiByteInt31.MAX_LENGTH);
		header.writeByte(RecordType.SIZED_ENVELOPE.code());
		MultiByteInt31.encode(payload.readableBytes(), header);
		CompositeByteBuf record = alloc.compositeBuffer(2);
		record.addComponents(true, header, payload);
		return record;
	}

}
