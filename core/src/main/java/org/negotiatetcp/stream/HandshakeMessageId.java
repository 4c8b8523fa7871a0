package org.negotiatetcp.stream;

import org.jspecify.annotations.Nullable;

/**
 * The MessageId of an [MS-NNS] handshake message (2.2.1).
 */
public enum HandshakeMessageId {

	/** {@code 0x14}: the sender's context is complete; the payload is its last token, possibly empty. */
	HANDSHAKE_DONE(0x14),

	/** {@code 0x15}: authentication failed; the payload carries an error code. */
	HANDSHAKE_ERROR(0x15),

	/** {@code 0x16}: a handshake token; more legs follow. */
	HANDSHAKE_IN_PROGRESS(0x16);

	private final int code;

	HandshakeMessageId(int code) {
		this.code = code;
	}

	/**
	 * Return the wire value.
	 * @return the byte value
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Look up a wire value.
	 * @param code the byte value
	 * @return the id, or {@code null} if the value is not a handshake message id
	 */
	public static @Nullable HandshakeMessageId of(int code) {
		for (HandshakeMessageId id : values()) {
			if (id.code == code) {
				return id;
			}
		}
		return null;
	}

}
