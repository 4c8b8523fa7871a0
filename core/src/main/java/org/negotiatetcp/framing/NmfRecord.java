package org.negotiatetcp.framing;

import io.netty.buffer.ByteBuf;

/**
 * One [MC-NMF] record: a type byte and its fields. {@link NmfRecordDecoder} reads records; {@link #encode(ByteBuf)}
 * writes them.
 */
public sealed interface NmfRecord permits VersionRecord, ModeRecord, ViaRecord, KnownEncodingRecord,
		ExtensibleEncodingRecord, UpgradeRequestRecord, UpgradeResponseRecord, PreambleEndRecord, PreambleAckRecord,
		EnvelopeRecord, EndRecord, FaultRecord {

	/**
	 * Return the type of this record.
	 * @return the record type
	 */
	RecordType type();

	/**
	 * Append the wire form of this record, type byte first, to {@code out}.
	 * @param out the buffer to write to
	 */
	void encode(ByteBuf out);

}
