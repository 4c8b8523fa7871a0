package org.negotiatetcp.framing;

import io.netty.buffer.ByteBuf;

import org.negotiatetcp.FailureReason;

/**
 * The [MC-NMF] 2.2.2 variable-length unsigned integer: 7 bits per byte, least significant group first, bit
 * {@code 0x80} set on every byte but the last; one to five bytes for values {@code 0..2^31-1}.
 */
public final class MultiByteInt31 {

	/** The largest number of bytes an encoded value occupies. */
	public static final int MAX_LENGTH = 5;

	private MultiByteInt31() {
	}

	/**
	 * Decode one value from the readable bytes of {@code in}.
	 * @param in the buffer to read from; its reader index moves past the value only when the value is complete
	 * @return the value, or {@code -1} if more bytes are needed (the reader index is then unchanged)
	 * @throws FramingException if the fifth byte has any of bits {@code 0xF8} set (the value would not fit in 31 bits)
	 */
	public static int decode(ByteBuf in) {
		int start = in.readerIndex();
		int available = in.readableBytes();
		int value = 0;
		for (int index = 0; index < MAX_LENGTH; index++) {
			if (index >= available) {
				return -1;
			}
			int next = in.getUnsignedByte(start + index);
			if (index == MAX_LENGTH - 1 && (next & 0xF8) != 0) {
				throw new FramingException(FailureReason.PROTOCOL, String.format(
						"Malformed [MC-NMF] multi-byte int31: fifth byte 0x%02X has bits beyond 31 set; the peer sent a"
								+ " corrupt length or is not speaking .NET Message Framing",
						next), null);
			}
			value |= (next & 0x7F) << (7 * index);
			if ((next & 0x80) == 0) {
				in.readerIndex(start + index + 1);
				return value;
			}
		}
		throw new IllegalStateException("unreachable: the fifth byte always ends the value");
	}

	/**
	 * Append the encoding of {@code value} to {@code out}.
	 * @param value a value in {@code 0..2^31-1}
	 * @param out the buffer to write to
	 * @throws IllegalArgumentException if {@code value} is negative
	 */
	public static void encode(int value, ByteBuf out) {
		checkValue(value);
		int remaining = value;
		while ((remaining & ~0x7F) != 0) {
			out.writeByte((remaining & 0x7F) | 0x80);
			remaining >>>= 7;
		}
		out.writeByte(remaining);
	}

	/**
	 * Return how many bytes {@link #encode(int, ByteBuf)} writes for {@code value}.
	 * @param value a value in {@code 0..2^31-1}
	 * @return 1 to 5
	 * @throws IllegalArgumentException if {@code value} is negative
	 */
	public static int encodedLength(int value) {
		checkValue(value);
		int length = 1;
		int remaining = value >>> 7;
		while (remaining != 0) {
			length++;
			remaining >>>= 7;
		}
		return length;
	}

	private static void checkValue(int value) {
		if (value < 0) {
			throw new IllegalArgumentException("A multi-byte int31 holds 0.." + Integer.MAX_VALUE + ", not " + value);
		}
	}

}
