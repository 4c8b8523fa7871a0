package org.negotiatetcp.soap.binary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with the primitive structures of [MC-NBFX] section 2.1.
 */
final class ByteSink {

	private byte[] bytes = new byte[256];

	private int size;

	int size() {
		return this.size;
	}

	void set(int index, int value) {
		this.bytes[index] = (byte) value;
	}

	int get(int index) {
		return this.bytes[index] & 0xFF;
	}

	byte[] toByteArray() {
		return Arrays.copyOf(this.bytes, this.size);
	}

	private void ensure(int extra) {
		if (this.size + extra > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.size + extra));
		}
	}

	void u8(int value) {
		ensure(1);
		this.bytes[this.size++] = (byte) value;
	}

	void u16(int value) {
		ensure(2);
		this.bytes[this.size++] = (byte) value;
		this.bytes[this.size++] = (byte) (value >>> 8);
	}

	void i32(int value) {
		ensure(4);
		for (int i = 0; i < 4; i++) {
			this.bytes[this.size++] = (byte) (value >>> (8 * i));
		}
	}

	void i64(long value) {
		ensure(8);
		for (int i = 0; i < 8; i++) {
			this.bytes[this.size++] = (byte) (value >>> (8 * i));
		}
	}

	void write(byte[] data) {
		write(data, 0, data.length);
	}

	void write(byte[] data, int offset, int length) {
		ensure(length);
		System.arraycopy(data, offset, this.bytes, this.size, length);
		this.size += length;
	}

	void multiByteInt31(int value) {
		if (value < 0) {
			throw new IllegalArgumentException("MultiByteInt31 cannot hold " + value);
		}
		int v = value;
		while (v >= 0x80) {
			u8((v & 0x7F) | 0x80);
			v >>>= 7;
		}
		u8(v);
	}

	/** A String structure: MultiByteInt31 length and UTF-8 bytes. */
	void string(String value) {
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		multiByteInt31(utf8.length);
		write(utf8);
	}

}
