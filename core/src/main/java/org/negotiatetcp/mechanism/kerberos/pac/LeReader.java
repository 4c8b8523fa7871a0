package org.negotiatetcp.mechanism.kerberos.pac;

import java.nio.charset.StandardCharsets;

/**
 * A bounded little-endian reader over a slice of a buffer; every read checks the remaining length and reports the
 * structure being read when it runs short. Alignment is relative to the slice's start.
 */
final class LeReader {

	private final byte[] bytes;

	private final int start;

	private final int end;

	private final String structure;

	private int position;

	LeReader(byte[] bytes, int start, int length, String structure) {
		if (start < 0 || length < 0 || start > bytes.length - length) {
			throw new PacFormatException(structure + " at " + start + " with length " + length + " exceeds "
					+ bytes.length + " bytes");
		}
		this.bytes = bytes;
		this.start = start;
		this.end = start + length;
		this.structure = structure;
		this.position = start;
	}

	int position() {
		return this.position - this.start;
	}

	int remaining() {
		return this.end - this.position;
	}

	void align(int alignment) {
		int misaligned = position() % alignment;
		if (misaligned != 0) {
			skip(alignment - misaligned);
		}
	}

	void skip(int count) {
		need(count, "padding");
		this.position += count;
	}

	int u8() {
		need(1, "byte");
		return this.bytes[this.position++] & 0xFF;
	}

	int u16() {
		need(2, "16-bit field");
		int value = (this.bytes[this.position] & 0xFF) | (this.bytes[this.position + 1] & 0xFF) << 8;
		this.position += 2;
		return value;
	}

	long u32() {
		need(4, "32-bit field");
		long value = (this.bytes[this.position] & 0xFFL) | (this.bytes[this.position + 1] & 0xFFL) << 8
				| (this.bytes[this.position + 2] & 0xFFL) << 16 | (this.bytes[this.position + 3] & 0xFFL) << 24;
		this.position += 4;
		return value;
	}

	/** A 32-bit count or length that must fit an int and the remaining bytes when multiplied by elementSize. */
	int count(String field, int elementSize) {
		long value = u32();
		if (value > Integer.MAX_VALUE || value * elementSize > remaining()) {
			throw new PacFormatException(this.structure + " " + field + " " + value + " (x" + elementSize
					+ " bytes) exceeds the " + remaining() + " bytes left");
		}
		return (int) value;
	}

	long u64() {
		long low = u32();
		long high = u32();
		return (high << 32) | low;
	}

	byte[] bytes(int count) {
		need(count, count + " bytes");
		byte[] out = new byte[count];
		System.arraycopy(this.bytes, this.position, out, 0, count);
		this.position += count;
		return out;
	}

	String utf16(int byteLength, String field) {
		if ((byteLength & 1) != 0) {
			throw new PacFormatException(this.structure + " " + field + " has an odd UTF-16 length " + byteLength);
		}
		need(byteLength, field);
		String value = new String(this.bytes, this.position, byteLength, StandardCharsets.UTF_16LE);
		this.position += byteLength;
		return value;
	}

	PacFormatException error(String message) {
		return new PacFormatException(this.structure + ": " + message);
	}

	private void need(int count, String what) {
		if (count < 0 || count > remaining()) {
			throw new PacFormatException(this.structure + " ends at byte " + position() + " of "
					+ (this.end - this.start) + " while reading " + what);
		}
	}

}
