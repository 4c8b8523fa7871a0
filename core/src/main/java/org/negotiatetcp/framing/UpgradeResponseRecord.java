package org.negotiatetcp.framing;

import io.netty.buffer.ByteBuf;

/**
 * The UpgradeResponse record ([MC-NMF] 2.2.3): the receiver accepts the upgrade and the upgrade protocol's bytes
 * follow immediately after this single byte.
 */
public record UpgradeResponseRecord() implements NmfRecord {

	/** The only value this record takes. */
	public static final UpgradeResponseRecord INSTANCE = new UpgradeResponseRecord();

	@Override
	public RecordType type() {
		return RecordType.UPGRADE_RESPONSE;
	}

	@Override
	public void encode(ByteBuf out) {
		out.writeByte(RecordType.UPGRADE_RESPONSE.code());
	}

}
