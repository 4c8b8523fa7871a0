package org.negotiatetcp.framing;

import org.jspecify.annotations.Nullable;

/**
 * The one-byte record types of [MC-NMF] 2.2.1.
 */
public enum RecordType {

	/** {@code 0x00}: major and minor version bytes. */
	VERSION(0x00),

	/** {@code 0x01}: the communication mode byte. */
	MODE(0x01),

	/** {@code 0x02}: the target URI (multi-byte int31 length + UTF-8). */
	VIA(0x02),

	/** {@code 0x03}: one byte naming a well-known envelope encoding. */
	KNOWN_ENCODING(0x03),

	/** {@code 0x04}: a MIME content type (multi-byte int31 length + UTF-8). */
	EXTENSIBLE_ENCODING(0x04),

	/** {@code 0x05}: an envelope sent as chunks, each a multi-byte int31 size plus bytes, ended by a zero size. */
	UNSIZED_ENVELOPE(0x05),

	/** {@code 0x06}: an envelope of known size (multi-byte int31 length + bytes). */
	SIZED_ENVELOPE(0x06),

	/** {@code 0x07}: the end of the session in the sender's direction. */
	END(0x07),

	/** {@code 0x08}: a fault URI (multi-byte int31 length + UTF-8). */
	FAULT(0x08),

	/** {@code 0x09}: a request to upgrade the stream to a protocol such as {@code application/negotiate}. */
	UPGRADE_REQUEST(0x09),

	/** {@code 0x0A}: the receiver accepts the upgrade; the upgrade protocol's bytes follow at once. */
	UPGRADE_RESPONSE(0x0A),

	/** {@code 0x0B}: the receiver accepts the preamble. */
	PREAMBLE_ACK(0x0B),

	/** {@code 0x0C}: the initiator has sent its whole preamble. */
	PREAMBLE_END(0x0C);

	private static final RecordType[] BY_CODE = values();

	private final int code;

	RecordType(int code) {
		this.code = code;
	}

	/**
	 * Return the record type byte.
	 * @return {@code 0x00..0x0C}
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Look up a record type by its byte.
	 * @param code the byte read from the wire, {@code 0..255}
	 * @return the record type, or {@code null} if the byte names none
	 */
	public static @Nullable RecordType fromCode(int code) {
		return (code >= 0 && code < BY_CODE.length) ? BY_CODE[code] : null;
	}

}
