package org.negotiatetcp.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

import org.negotiatetcp.framing.MultiByteInt31;
import org.negotiatetcp.framing.RecordType;

/**
 * Wraps an application message into an [MC-NMF] SizedEnvelope record without copying the payload.
 */
final class Envelopes {

	private Envelopes() {
	}

	/**
	 * Build {@code 0x06 <mbint length> <payload>}.
	 * @param alloc the allocator
	 * @param payload the message; ownership passes to the result
	 * @return the record bytes
	 */
	static ByteBuf sized(ByteBufAllocator alloc, ByteBuf payload) {
		ByteBuf header = alloc.buffer(1 + MultiByteInt31.MAX_LENGTH);
		header.writeByte(RecordType.SIZED_ENVELOPE.code());
		MultiByteInt31.encode(payload.readableBytes(), header);
		CompositeByteBuf record = alloc.compositeBuffer(2);
		record.addComponents(true, header, payload);
		return record;
	}

}
