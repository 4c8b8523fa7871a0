package org.negotiatetcp.framing;

import java.util.Objects;

import io.netty.buffer.ByteBuf;

/**
 * The KnownEncoding record ([MC-NMF] 2.2.3.4.1): the envelope encoding as one byte.
 *
 * @param encoding the encoding
 */
public record KnownEncodingRecord(KnownEncoding encoding) implements NmfRecord {

	/**
	 * Create the record, checking its components.
	 * @param encoding the encoding
	 */
	public KnownEncodingRecord {
		Objects.requireNonNull(encoding, "encoding");
	}

	@Override
	public RecordType type() {
		return RecordType.KNOWN_ENCODING;
	}

	@Override
	public void encode(ByteBuf out) {
		out.writeByte(RecordType.KNOWN_ENCODING.code());
		out.writeByte(this.encoding.code());
	}

}
