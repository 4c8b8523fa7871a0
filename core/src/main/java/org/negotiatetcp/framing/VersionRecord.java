package org.negotiatetcp.framing;

import io.netty.buffer.ByteBuf;

/**
 * The Version record ([MC-NMF] 2.2.3.1): the framing version of the initiator. .NET receivers accept any minor
 * version as long as the major version is 1. Both components must be {@code 0..255}.
 *
 * @param major the major version byte
 * @param minor the minor version byte
 */
public record VersionRecord(int major, int minor) implements NmfRecord {

	/** Version 1.0, the only version defined. */
	public static final VersionRecord V1_0 = new VersionRecord(1, 0);

	/**
	 * Create the record, checking its components.
	 * @param major the major version byte
	 * @param minor the minor version byte
	 */
	public VersionRecord {
		if ((major & ~0xFF) != 0 || (minor & ~0xFF) != 0) {
			throw new IllegalArgumentException("Version bytes must be 0..255, not " + major + "." + minor);
		}
	}

	@Override
	public RecordType type() {
		return RecordType.VERSION;
	}

	@Override
	public void encode(ByteBuf out) {
		out.writeByte(RecordType.VERSION.code());
		out.writeByte(this.major);
		out.writeByte(this.minor);
	}

}
