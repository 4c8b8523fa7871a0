package org.negotiatetcp.mechanism.ntlm;

/**
 * MD4 (RFC 1320), which the JDK does not ship and NTLM needs for the NT hash (NTOWFv1). Not a general-purpose digest:
 * MD4 is broken and is used here only because [MS-NLMP] prescribes it.
 */
final class Md4 {

	private Md4() {
	}

	/**
	 * Compute the MD4 digest of a message.
	 * @param message the message
	 * @return the 16-byte digest
	 */
	static byte[] digest(byte[] message) {
		long bitLength = (long) message.length * 8;
		int padded = ((message.length + 8) / 64 + 1) * 64;
		byte[] block = new byte[padded];
		System.arraycopy(message, 0, block, 0, message.length);
		block[message.length] = (byte) 0x80;
		NtlmWire.putLe64(block, padded - 8, bitLength);
		int a = 0x67452301;
		int b = 0xefcdab89;
		int c = 0x98badcfe;
		int d = 0x10325476;
		int[] x = new int[16];
		for (int offset = 0; offset < padded; offset += 64) {
			for (int i = 0; i < 16; i++) {
				x[i] = (int) NtlmWire.le32(block, offset + 4 * i);
			}
			int aa = a;
			int bb = b;
			int cc = c;
			int dd = d;
			// Round 1: F(x,y,z) = (x AND y) OR (NOT x AND z)
			for (int i = 0; i < 16; i += 4) {
				a = Integer.rotateLeft(a + ((b & c) | (~b & d)) + x[i], 3);
				d = Integer.rotateLeft(d + ((a & b) | (~a & c)) + x[i + 1], 7);
				c = Integer.rotateLeft(c + ((d & a) | (~d & b)) + x[i + 2], 11);
				b = Integer.rotateLeft(b + ((c & d) | (~c & a)) + x[i + 3], 19);
			}
			// Round 2: G(x,y,z) = (x AND y) OR (x AND z) OR (y AND z), constant 0x5A827999
			for (int i = 0; i < 4; i++) {
				a = Integer.rotateLeft(a + ((b & c) | (b & d) | (c & d)) + x[i] + 0x5A827999, 3);
				d = Integer.rotateLeft(d + ((a & b) | (a & c) | (b & c)) + x[i + 4] + 0x5A827999, 5);
				c = Integer.rotateLeft(c + ((d & a) | (d & b) | (a & b)) + x[i + 8] + 0x5A827999, 9);
				b = Integer.rotateLeft(b + ((c & d) | (c & a) | (d & a)) + x[i + 12] + 0x5A827999, 13);
			}
			// Round 3: H(x,y,z) = x XOR y XOR z, constant 0x6ED9EBA1, word order 0 8 4 12 2 10 6 14 1 9 5 13 3 11 7 15
			int[] order = { 0, 2, 1, 3 };
			for (int i : order) {
				a = Integer.rotateLeft(a + (b ^ c ^ d) + x[i] + 0x6ED9EBA1, 3);
				d = Integer.rotateLeft(d + (a ^ b ^ c) + x[i + 8] + 0x6ED9EBA1, 9);
				c = Integer.rotateLeft(c + (d ^ a ^ b) + x[i + 4] + 0x6ED9EBA1, 11);
				b = Integer.rotateLeft(b + (c ^ d ^ a) + x[i + 12] + 0x6ED9EBA1, 15);
			}
			a += aa;
			b += bb;
			c += cc;
			d += dd;
		}
		byte[] digest = new byte[16];
		NtlmWire.putLe32(digest, 0, a);
		NtlmWire.putLe32(digest, 4, b);
		NtlmWire.putLe32(digest, 8, c);
		NtlmWire.putLe32(digest, 12, d);
		return digest;
	}

}
