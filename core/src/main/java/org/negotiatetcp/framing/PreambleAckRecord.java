package org.negotiatetcp.framing;

import io.netty.buffer.ByteBuf;

/**
 * The PreambleAck record ([MC-NMF] 2.2.3): the receiver accepts the preamble; envelopes may follow.
 */
public record PreambleAckRecord() implements NmfRecord {

	/** The only value this record takes. */
	public static final PreambleAckRecord INSTANCE = new PreambleAckRecord();

	@Override
	public RecordType type() {
		return RecordType.PREAMBLE_ACK;
	}

	@Override
	public void encode(ByteBuf out) {
		out.writeByte(RecordType.PREAMBLE_ACK.code());
	}

}
