package org.negotiatetcp.mechanism.kerberos.crypto;

import org.jspecify.annotations.Nullable;

/**
 * The 16-byte header of an RFC 4121 per-message token (section 4.2.6), as read from a token.
 * @param tokenId {@link #WRAP} or {@link #MIC}
 * @param flags the flags octet ({@link #SENT_BY_ACCEPTOR}, {@link #SEALED}, {@link #ACCEPTOR_SUBKEY})
 * @param extraCount the EC field of a Wrap token (0 for a MIC token)
 * @param rightRotationCount the RRC field of a Wrap token (0 for a MIC token)
 * @param sequenceNumber the SND_SEQ field
 */
public record TokenHeader(int tokenId, int flags, int extraCount, int rightRotationCount, long sequenceNumber) {

	/** The header's length. */
	public static final int LENGTH = 16;

	/** TOK_ID of a Wrap token. */
	public static final int WRAP = 0x0504;

	/** TOK_ID of a MIC token. */
	public static final int MIC = 0x0404;

	/** Flag: the acceptor sent the token. */
	public static final int SENT_BY_ACCEPTOR = 0x01;

	/** Flag: the Wrap token's data is encrypted. */
	public static final int SEALED = 0x02;

	/** Flag: the token is protected with the acceptor's subkey. */
	public static final int ACCEPTOR_SUBKEY = 0x04;

	/**
	 * Read the header of an RFC 4121 Wrap or MIC token.
	 * @param token the buffer
	 * @param offset where the token starts
	 * @param length the token's length
	 * @return the header, or {@code null} if the bytes are not an RFC 4121 Wrap or MIC token (for example an RFC 1964
	 * token of RC4-HMAC or DES3)
	 */
	public static @Nullable TokenHeader read(byte[] token, int offset, int length) {
		if (length < LENGTH) {
			return null;
		}
		int id = ((token[offset] & 0xff) << 8) | (token[offset + 1] & 0xff);
		if (id == WRAP && token[offset + 3] == (byte) 0xff) {
			return new TokenHeader(id, token[offset + 2] & 0xff, u16(token, offset + 4), u16(token, offset + 6),
					u64(token, offset + 8));
		}
		if (id == MIC && fillerOfMic(token, offset)) {
			return new TokenHeader(id, token[offset + 2] & 0xff, 0, 0, u64(token, offset + 8));
		}
		return null;
	}

	/**
	 * Whether the sender asserted the acceptor subkey.
	 * @return the {@link #ACCEPTOR_SUBKEY} flag
	 */
	public boolean acceptorSubkey() {
		return (this.flags & ACCEPTOR_SUBKEY) != 0;
	}

	/**
	 * Whether the Wrap token is encrypted.
	 * @return the {@link #SEALED} flag
	 */
	public boolean sealed() {
		return (this.flags & SEALED) != 0;
	}

	static boolean fillerOfMic(byte[] token, int offset) {
		for (int i = 3; i < 8; i++) {
			if (token[offset + i] != (byte) 0xff) {
				return false;
			}
		}
		return true;
	}

	static int u16(byte[] b, int offset) {
		return ((b[offset] & 0xff) << 8) | (b[offset + 1] & 0xff);
	}

	static long u64(byte[] b, int offset) {
		long value = 0;
		for (int i = 0; i < 8; i++) {
			value = (value << 8) | (b[offset + i] & 0xff);
		}
		return value;
	}

	static void put16(byte[] b, int offset, int value) {
		b[offset] = (byte) (value >>> 8);
		b[offset + 1] = (byte) value;
	}

	static void put64(byte[] b, int offset, long value) {
		for (int i = 7; i >= 0; i--) {
			b[offset + i] = (byte) value;
			value >>>= 8;
		}
	}

}
