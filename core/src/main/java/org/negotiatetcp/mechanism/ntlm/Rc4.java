package org.negotiatetcp.mechanism.ntlm;

import java.util.Arrays;

/**
 * An RC4 key stream handle ([MS-NLMP] 6: RC4Init / RC4). The state continues from call to call, as NTLM sealing
 * requires. The permutation is kept in 256 bytes (the JDK's {@code ARCFOUR} cipher keeps 256 ints and a
 * {@code Cipher} around them, about 1.2 KB per handle, and an NTLM context holds two handles for as long as its channel
 * is open), and transforming allocates nothing.
 */
final class Rc4 {

	private final byte[] state = new byte[256];

	private int i;

	private int j;

	Rc4(byte[] key) {
		if (key.length == 0 || key.length > 256) {
			throw new IllegalArgumentException("An RC4 key has 1 to 256 bytes, not " + key.length);
		}
		byte[] s = this.state;
		for (int n = 0; n < 256; n++) {
			s[n] = (byte) n;
		}
		int k = 0;
		for (int n = 0; n < 256; n++) {
			k = (k + (s[n] & 0xff) + (key[n % key.length] & 0xff)) & 0xff;
			byte t = s[n];
			s[n] = s[k];
			s[k] = t;
		}
	}

	/**
	 * Encrypt (or, identically, decrypt) bytes with the continuing key stream.
	 * @param in the input buffer
	 * @param inOffset where the input starts
	 * @param length how many bytes
	 * @param out the output buffer (may be the input buffer, at the same offset)
	 * @param outOffset where the output goes
	 */
	void transform(byte[] in, int inOffset, int length, byte[] out, int outOffset) {
		byte[] s = this.state;
		int x = this.i;
		int y = this.j;
		for (int n = 0; n < length; n++) {
			x = (x + 1) & 0xff;
			byte sx = s[x];
			y = (y + (sx & 0xff)) & 0xff;
			byte sy = s[y];
			s[x] = sy;
			s[y] = sx;
			out[outOffset + n] = (byte) (in[inOffset + n] ^ s[(sx + sy) & 0xff]);
		}
		this.i = x;
		this.j = y;
	}

	/**
	 * Transform a whole array into a new one.
	 * @param data the input
	 * @return the output
	 */
	byte[] transform(byte[] data) {
		byte[] out = new byte[data.length];
		transform(data, 0, data.length, out, 0);
		return out;
	}

	/**
	 * Overwrite the state.
	 */
	void destroy() {
		Arrays.fill(this.state, (byte) 0);
		this.i = 0;
		this.j = 0;
	}

	/**
	 * One-shot RC4K(key, data) of [MS-NLMP] 6.
	 * @param key the key
	 * @param data the data
	 * @return the result
	 */
	static byte[] rc4k(byte[] key, byte[] data) {
		return new Rc4(key).transform(data);
	}

}
