package org.negotiatetcp.mechanism.kerberos.crypto;

/**
 * The n-fold operation of RFC 3961 section 5.1: stretch or shrink a byte string to a given length so that every input
 * bit affects every output bit.
 */
public final class NFold {

	private NFold() {
	}

	/**
	 * Fold {@code input} to {@code outputLength} bytes.
	 * @param input the input, at least one byte
	 * @param outputLength the output length in bytes
	 * @return the folded bytes
	 */
	public static byte[] fold(byte[] input, int outputLength) {
		int inLength = input.length;
		int lcm = lcm(inLength, outputLength);
		// the lcm bytes are the input repeated, each copy rotated right by 13 bits more than the previous one, cut
		// into output-sized pieces that are added with end-around carry (ones' complement addition)
		int[] sum = new int[outputLength];
		for (int i = 0; i < lcm; i++) {
			int copy = i / inLength;
			int bit = (i % inLength) * 8;
			sum[i % outputLength] += rotatedByte(input, copy * 13, bit);
		}
		byte[] out = new byte[outputLength];
		int carry = 0;
		for (int i = outputLength - 1; i >= 0; i--) {
			int value = sum[i] + carry;
			out[i] = (byte) value;
			carry = value >>> 8;
		}
		// end-around carry until none is left
		while (carry != 0) {
			for (int i = outputLength - 1; i >= 0; i--) {
				int value = (out[i] & 0xff) + carry;
				out[i] = (byte) value;
				carry = value >>> 8;
			}
		}
		return out;
	}

	/**
	 * The byte at {@code bitOffset} of the input rotated right by {@code rotation} bits.
	 */
	private static int rotatedByte(byte[] input, int rotation, int bitOffset) {
		int bits = input.length * 8;
		int value = 0;
		for (int b = 0; b < 8; b++) {
			int source = Math.floorMod(bitOffset + b - rotation, bits);
			int bit = (input[source >>> 3] >>> (7 - (source & 7))) & 1;
			value = (value << 1) | bit;
		}
		return value;
	}

	private static int lcm(int a, int b) {
		int x = a;
		int y = b;
		while (y != 0) {
			int t = x % y;
			x = y;
			y = t;
		}
		return a / x * b;
	}

}
