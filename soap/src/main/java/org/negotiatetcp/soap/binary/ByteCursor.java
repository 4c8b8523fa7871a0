package org.negotiatetcp.soap.binary;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Reads the primitive structures of [MC-NBFX] section 2.1 from a byte array, never past its end: every shortfall is a
 * {@link MalformedBinaryXmlException} naming what was cut off.
 */
final class ByteCursor {

	private final byte[] bytes;

	private final int start;

	private final int end;

	private int position;

	ByteCursor(byte[] bytes, int offset, int length) {
		this.bytes = bytes;
		this.start = offset;
		this.end = offset + length;
		this.position = offset;
	}

	byte[] array() {
		return this.bytes;
	}

	/** The offset of the next byte from the start of the message. */
	long offset() {
		return this.position - this.start;
	}

	int position() {
		return this.position;
	}

	boolean hasRemaining() {
		return this.position < this.end;
	}

	int remaining() {
		return this.end - this.position;
	}

	int peek() {
		return this.bytes[this.position] & 0xFF;
	}

	/** Reserves {@code count} bytes and returns the array index of the first. */
	int take(int count, String what) throws MalformedBinaryXmlException {
		if (count < 0 || count > this.end - this.position) {
			throw new MalformedBinaryXmlException("The message ends inside " + what + " (" + count + " bytes needed, "
					+ (this.end - this.position) + " left)", offset());
		}
		int at = this.position;
		this.position += count;
		return at;
	}

	int u8(String what) throws MalformedBinaryXmlException {
		return this.bytes[take(1, what)] & 0xFF;
	}

	int u16(String what) throws MalformedBinaryXmlException {
		int at = take(2, what);
		return (this.bytes[at] & 0xFF) | (this.bytes[at + 1] & 0xFF) << 8;
	}

	int i32(String what) throws MalformedBinaryXmlException {
		int at = take(4, what);
		return (this.bytes[at] & 0xFF) | (this.bytes[at + 1] & 0xFF) << 8 | (this.bytes[at + 2] & 0xFF) << 16
				| (this.bytes[at + 3] & 0xFF) << 24;
	}

	long i64(String what) throws MalformedBinaryXmlException {
		int at = take(8, what);
		long value = 0;
		for (int i = 7; i >= 0; i--) {
			value = (value << 8) | (this.bytes[at + i] & 0xFF);
		}
		return value;
	}

	/** [MC-NBFX] 2.1.2 MultiByteInt31: 1 to 5 bytes, 7 bits each, the fifth holding at most 3 bits. */
	int multiByteInt31(String what) throws MalformedBinaryXmlException {
		int value = 0;
		for (int i = 0; i < 5; i++) {
			int b = u8(what);
			if (i == 4 && b > 0x07) {
				throw new MalformedBinaryXmlException("The MultiByteInt31 of " + what + " exceeds 31 bits", offset() - 1);
			}
			value |= (b & 0x7F) << (7 * i);
			if ((b & 0x80) == 0) {
				return value;
			}
		}
		throw new IllegalStateException("unreachable");
	}

	/** A UTF-8 string of {@code length} bytes; invalid UTF-8 is malformed input, not replaced. */
	String utf8(int length, String what) throws MalformedBinaryXmlException {
		int at = take(length, what);
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(this.bytes, at, length))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new MalformedBinaryXmlException("The characters of " + what + " are not UTF-8", at - this.start);
		}
	}

	String utf16(int length, String what) throws MalformedBinaryXmlException {
		if ((length & 1) != 0) {
			throw new MalformedBinaryXmlException("The UTF-16 characters of " + what + " have an odd length " + length,
					offset());
		}
		int at = take(length, what);
		try {
			return StandardCharsets.UTF_16LE.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(this.bytes, at, length))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new MalformedBinaryXmlException("The characters of " + what + " are not UTF-16", at - this.start);
		}
	}

}
