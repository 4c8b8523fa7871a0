package org.negotiatetcp.mechanism.kerberos;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A forward-only reader of the DER encoding of Kerberos messages (RFC 4120 5): definite lengths only. Every method
 * throws {@link IllegalArgumentException} on an unexpected tag or a truncated value.
 */
final class Der {

	private static final int INTEGER = 0x02;

	private static final int OCTET_STRING = 0x04;

	private static final int GENERAL_STRING = 0x1B;

	private final byte[] bytes;

	int pos;

	Der(byte[] bytes) {
		this.bytes = bytes;
	}

	/** Read the expected tag and the length; return where the content ends, positioned at its start. */
	int enter(int tag) {
		if (this.pos >= this.bytes.length || (this.bytes[this.pos++] & 0xff) != tag) {
			throw new IllegalArgumentException("unexpected tag");
		}
		int length = this.bytes[this.pos++] & 0xff;
		if (length > 0x80) {
			int count = length & 0x7f;
			if (count > 3) {
				throw new IllegalArgumentException("length too large");
			}
			length = 0;
			for (int i = 0; i < count; i++) {
				length = (length << 8) | (this.bytes[this.pos++] & 0xff);
			}
		}
		else if (length == 0x80) {
			throw new IllegalArgumentException("indefinite length");
		}
		int end = this.pos + length;
		if (end > this.bytes.length) {
			throw new IllegalArgumentException("truncated");
		}
		return end;
	}

	/** Whether the next tag is {@code tag} (and there is a next value before {@code end}). */
	boolean at(int tag, int end) {
		return this.pos < end && (this.bytes[this.pos] & 0xff) == tag;
	}

	void skip(int tag) {
		this.pos = enter(tag);
	}

	void skipContext(int number) {
		skip(0xA0 | number);
	}

	String string() {
		int end = enter(GENERAL_STRING);
		String value = new String(this.bytes, this.pos, end - this.pos, StandardCharsets.UTF_8);
		this.pos = end;
		return value;
	}

	int integer() {
		int end = enter(INTEGER);
		if (end == this.pos || end - this.pos > 4) {
			throw new IllegalArgumentException("integer length");
		}
		int value = this.bytes[this.pos++];
		while (this.pos < end) {
			value = (value << 8) | (this.bytes[this.pos++] & 0xff);
		}
		return value;
	}

	byte[] octets() {
		int end = enter(OCTET_STRING);
		byte[] value = Arrays.copyOfRange(this.bytes, this.pos, end);
		this.pos = end;
		return value;
	}

}
