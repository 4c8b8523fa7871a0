package org.negotiatetcp.mechanism.ntlm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * Little-endian, bounds-checked access to one NTLM message ([MS-NLMP] 2.2): every read is checked against the message
 * length so that a truncated or hostile token fails with {@link FailureReason#BAD_TOKEN}, never with an index
 * exception, and nothing is allocated beyond the token's own size.
 */
final class NtlmWire {

	/** {@code "NTLMSSP\0"}, the Signature field of every message. */
	static final byte[] SIGNATURE = { 'N', 'T', 'L', 'M', 'S', 'S', 'P', 0 };

	private final byte[] message;

	private final String what;

	private NtlmWire(byte[] message, String what) {
		this.message = message;
		this.what = what;
	}

	/**
	 * Check the signature and message type of a token and open it for reading.
	 * @param token the token
	 * @param messageType the expected MessageType (1, 2 or 3)
	 * @param minimumLength the shortest acceptable form of this message
	 * @param what the message name for error messages
	 * @return a reader
	 */
	static NtlmWire open(byte[] token, int messageType, int minimumLength, String what) {
		if (token.length < 12 || !Arrays.equals(token, 0, 8, SIGNATURE, 0, 8)) {
			throw badToken("Expected an NTLM " + what + " message but the token (" + token.length
					+ " bytes) does not start with \"NTLMSSP\\0\"; the peer did not send raw NTLMSSP");
		}
		int type = (int) le32(token, 8);
		if (type != messageType) {
			throw badToken("Expected an NTLM " + what + " message (type " + messageType + ") but got message type "
					+ Integer.toUnsignedString(type));
		}
		if (token.length < minimumLength) {
			throw badToken("NTLM " + what + " message is truncated: " + token.length + " bytes, at least "
					+ minimumLength + " needed");
		}
		return new NtlmWire(token, what);
	}

	int length() {
		return this.message.length;
	}

	int u16(int offset) {
		check(offset, 2);
		return (this.message[offset] & 0xFF) | (this.message[offset + 1] & 0xFF) << 8;
	}

	int u32(int offset) {
		check(offset, 4);
		return (int) le32(this.message, offset);
	}

	byte[] bytes(int offset, int length) {
		check(offset, length);
		return Arrays.copyOfRange(this.message, offset, offset + length);
	}

	/**
	 * Return the payload offset a field descriptor points at, or {@link Integer#MAX_VALUE} for an empty field (so the
	 * minimum over all fields tells where the fixed part ends).
	 * @param descriptorOffset where the 8-byte Len/MaxLen/BufferOffset descriptor starts
	 * @return the buffer offset, or {@code Integer.MAX_VALUE}
	 */
	int payloadOffset(int descriptorOffset) {
		if (descriptorOffset + 8 > this.message.length || u16(descriptorOffset) == 0) {
			return Integer.MAX_VALUE;
		}
		long offset = Integer.toUnsignedLong(u32(descriptorOffset + 4));
		return (offset > Integer.MAX_VALUE) ? Integer.MAX_VALUE : (int) offset;
	}

	/**
	 * Read the payload a field descriptor points at. An empty field (Len 0) yields an empty array whatever its offset
	 * says, as Windows does; a non-empty one must lie inside the message, after the fixed header.
	 * @param descriptorOffset where the 8-byte descriptor starts; if it lies beyond the message the field is empty
	 * @param headerLength the fixed header length below which no payload may start
	 * @param field the field name for error messages
	 * @return the field's bytes
	 */
	byte[] field(int descriptorOffset, int headerLength, String field) {
		if (descriptorOffset + 8 > this.message.length) {
			return new byte[0];
		}
		int length = u16(descriptorOffset);
		if (length == 0) {
			return new byte[0];
		}
		long offset = Integer.toUnsignedLong(u32(descriptorOffset + 4));
		if (offset < headerLength || offset + length > this.message.length) {
			throw badToken("NTLM " + this.what + " field " + field + " (offset " + offset + ", length " + length
					+ ") lies outside the " + this.message.length + "-byte message");
		}
		return Arrays.copyOfRange(this.message, (int) offset, (int) offset + length);
	}

	String string(int descriptorOffset, int headerLength, String field, boolean unicode) {
		byte[] bytes = field(descriptorOffset, headerLength, field);
		return decode(bytes, unicode, this.what + " " + field);
	}

	private void check(int offset, int length) {
		if (offset < 0 || length < 0 || (long) offset + length > this.message.length) {
			throw badToken("NTLM " + this.what + " message is truncated: " + length + " bytes at offset " + offset
					+ " exceed its " + this.message.length + " bytes");
		}
	}

	static String decode(byte[] bytes, boolean unicode, String what) {
		if (!unicode) {
			return new String(bytes, StandardCharsets.ISO_8859_1);
		}
		if ((bytes.length & 1) != 0) {
			throw badToken("NTLM " + what + " is not valid UTF-16LE: odd length " + bytes.length);
		}
		return new String(bytes, StandardCharsets.UTF_16LE);
	}

	static byte[] encode(String value, boolean unicode) {
		return value.getBytes(unicode ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
	}

	static long le32(byte[] bytes, int offset) {
		return (bytes[offset] & 0xFFL) | (bytes[offset + 1] & 0xFFL) << 8 | (bytes[offset + 2] & 0xFFL) << 16
				| (bytes[offset + 3] & 0xFFL) << 24;
	}

	static long le64(byte[] bytes, int offset) {
		return le32(bytes, offset) | le32(bytes, offset + 4) << 32;
	}

	static void putLe16(byte[] bytes, int offset, int value) {
		bytes[offset] = (byte) value;
		bytes[offset + 1] = (byte) (value >>> 8);
	}

	static void putLe32(byte[] bytes, int offset, int value) {
		bytes[offset] = (byte) value;
		bytes[offset + 1] = (byte) (value >>> 8);
		bytes[offset + 2] = (byte) (value >>> 16);
		bytes[offset + 3] = (byte) (value >>> 24);
	}

	static void putLe64(byte[] bytes, int offset, long value) {
		putLe32(bytes, offset, (int) value);
		putLe32(bytes, offset + 4, (int) (value >>> 32));
	}

	static MechanismException badToken(String message) {
		return new MechanismException(FailureReason.BAD_TOKEN, message);
	}

	/**
	 * Writes a message: a fixed header followed by payload buffers that the header's field descriptors point at.
	 */
	static final class Writer {

		private final byte[] out;

		private int payload;

		Writer(int headerLength, int payloadLength, int messageType) {
			this.out = new byte[headerLength + payloadLength];
			this.payload = headerLength;
			System.arraycopy(SIGNATURE, 0, this.out, 0, 8);
			putLe32(this.out, 8, messageType);
		}

		/**
		 * Append a payload buffer and fill in its descriptor.
		 * @param descriptorOffset where the field's 8-byte descriptor lies in the header
		 * @param data the buffer (at most 65535 bytes)
		 */
		void field(int descriptorOffset, byte[] data) {
			if (data.length > 0xFFFF) {
				throw new IllegalArgumentException("NTLM field of " + data.length + " bytes exceeds 65535 bytes");
			}
			putLe16(this.out, descriptorOffset, data.length);
			putLe16(this.out, descriptorOffset + 2, data.length);
			putLe32(this.out, descriptorOffset + 4, this.payload);
			System.arraycopy(data, 0, this.out, this.payload, data.length);
			this.payload += data.length;
		}

		void u32(int offset, int value) {
			putLe32(this.out, offset, value);
		}

		void bytes(int offset, byte[] data) {
			System.arraycopy(data, 0, this.out, offset, data.length);
		}

		byte[] toByteArray() {
			return this.out;
		}

	}

}
