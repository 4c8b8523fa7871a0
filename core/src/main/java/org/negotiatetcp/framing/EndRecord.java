package org.negotiatetcp.framing;

import io.netty.buffer.ByteBuf;

/**
 * The End record ([MC-NMF] 2.2.3): the sender will send no more envelopes in this session.
 */
public record EndRecord() implements NmfRecord {

	/** The only value this record takes. */
	public static final EndRecord INSTANCE = new EndRecord();

	@Override
	public RecordType type() {
		return RecordType.END;
	}

	@Override
	public void encode(ByteBuf out) {
		out.writeByte(RecordType.END.code());
	}

}
