package org.negotiatetcp.framing;

import io.netty.buffer.ByteBuf;

/**
 * The PreambleEnd record ([MC-NMF] 2.2.3.7): the initiator has sent its whole preamble (after any upgrade, this
 * travels inside the upgraded stream).
 */
public record PreambleEndRecord() implements NmfRecord {

	/** The only value this record takes. */
	public static final PreambleEndRecord INSTANCE = new PreambleEndRecord();

	@Override
	public RecordType type() {
		return RecordType.PREAMBLE_END;
	}

	@Override
	public void encode(ByteBuf out) {
		out.writeByte(RecordType.PREAMBLE_END.code());
	}

}
