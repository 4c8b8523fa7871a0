package org.negotiatetcp.framing;

import org.jspecify.annotations.Nullable;

/**
 * The communication modes of [MC-NMF] 2.2.3.2 (Mode record value).
 */
public enum FramingMode {

	/** {@code 0x01}: one unsized (chunked) envelope per preamble; WCF net.tcp with streamed transfer. */
	SINGLETON_UNSIZED(0x01),

	/** {@code 0x02}: sized envelopes in both directions; WCF net.tcp with buffered transfer, the default. */
	DUPLEX(0x02),

	/** {@code 0x03}: sized envelopes from the initiator only; no upgrade and no PreambleAck. */
	SIMPLEX(0x03),

	/** {@code 0x04}: one sized envelope right after the preamble; no upgrade, no PreambleEnd and no PreambleAck. */
	SINGLETON_SIZED(0x04);

	private final int code;

	FramingMode(int code) {
		this.code = code;
	}

	/**
	 * Return the mode byte.
	 * @return {@code 0x01..0x04}
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Whether the initiator ends its preamble with a PreambleEnd record in this mode ([MC-NMF] 3.2.4.2).
	 * @return {@code false} only for {@link #SINGLETON_SIZED}
	 */
	public boolean hasPreambleEnd() {
		return this != SINGLETON_SIZED;
	}

	/**
	 * Whether the initiator may request a stream upgrade and the receiver answers the PreambleEnd with a PreambleAck
	 * in this mode ([MC-NMF] 3.2.4.2, 3.3.4.2).
	 * @return {@code true} for {@link #DUPLEX} and {@link #SINGLETON_UNSIZED}
	 */
	public boolean isUpgradable() {
		return this == DUPLEX || this == SINGLETON_UNSIZED;
	}

	/**
	 * Whether the receiver answers the PreambleEnd with a PreambleAck in this mode.
	 * @return {@code true} for {@link #DUPLEX} and {@link #SINGLETON_UNSIZED}
	 */
	public boolean isAcknowledged() {
		return isUpgradable();
	}

	/**
	 * Whether envelopes travel as UnsizedEnvelope records in this mode.
	 * @return {@code true} only for {@link #SINGLETON_UNSIZED}
	 */
	public boolean usesUnsizedEnvelopes() {
		return this == SINGLETON_UNSIZED;
	}

	/**
	 * Look up a mode by its byte.
	 * @param code the byte read from the wire
	 * @return the mode, or {@code null} if the byte names none
	 */
	public static @Nullable FramingMode fromCode(int code) {
		for (FramingMode mode : values()) {
			if (mode.code == code) {
				return mode;
			}
		}
		return null;
	}

}
