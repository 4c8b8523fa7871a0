package org.negotiatetcp.framing;

import java.util.Objects;

import io.netty.buffer.ByteBuf;

/**
 * The ExtensibleEncoding record ([MC-NMF] 2.2.3.4.2): the envelope encoding as a MIME content type, used for
 * encodings without a known byte (e.g. {@code application/soap+msbinsession1+gzip}).
 *
 * @param contentType the content type
 */
public record ExtensibleEncodingRecord(String contentType) implements NmfRecord {

	/**
	 * Create the record, checking its components.
	 * @param contentType the content type
	 */
	public ExtensibleEncodingRecord {
		Objects.requireNonNull(contentType, "contentType");
	}

	@Override
	public RecordType type() {
		return RecordType.EXTENSIBLE_ENCODING;
	}

	@Override
	public void encode(ByteBuf out) {
		out.writeByte(RecordType.EXTENSIBLE_ENCODING.code());
		NmfStrings.write(this.contentType, out);
	}

}
