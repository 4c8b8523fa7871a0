package org.negotiatetcp.framing;

import java.util.Objects;

import io.netty.buffer.ByteBuf;

/**
 * The Mode record ([MC-NMF] 2.2.3.2).
 *
 * @param mode the communication mode
 */
public record ModeRecord(FramingMode mode) implements NmfRecord {

	/**
	 * Create the record, checking its components.
	 * @param mode the communication mode
	 */
	public ModeRecord {
		Objects.requireNonNull(mode, "mode");
	}

	@Override
	public RecordType type() {
		return RecordType.MODE;
	}

	@Override
	public void encode(ByteBuf out) {
		out.writeByte(RecordType.MODE.code());
		out.writeByte(this.mode.code());
	}

}
