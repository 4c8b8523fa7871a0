package org.negotiatetcp.mechanism.kerberos.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;

/**
 * The RFC 3961 keyed checksum of an encryption type for one key usage: the HMAC under Kc, truncated (hmac-sha1-96-aes
 * of RFC 3962, hmac-sha256-128-aes128 and hmac-sha384-192-aes256 of RFC 8009). Kc is derived once; the {@code Mac}
 * belongs to the thread that uses it ({@link JcaInstances}) and stays keyed while that thread uses this checksum.
 * <p>
 * Not thread-safe: one instance per key usage and security context, used from one thread at a time.
 */
public final class KeyUsageChecksum {

	private final EncryptionType type;

	private final byte[] key;

	private KeyUsageChecksum(EncryptionType type, byte[] key) {
		this.type = type;
		this.key = key;
	}

	/**
	 * Derive Kc for a key usage.
	 * @param type the encryption type
	 * @param baseKey the protocol key
	 * @param usage the key usage number
	 * @return the checksum
	 */
	public static KeyUsageChecksum create(EncryptionType type, byte[] baseKey, int usage) {
		byte[] kc = KeyDerivation.derive(type, baseKey, usage, KeyDerivation.CHECKSUM);
		return new KeyUsageChecksum(type, kc);
	}

	/**
	 * Return the checksum's length in bytes.
	 * @return 12, 16 or 24
	 */
	public int length() {
		return this.type.checksumLength();
	}

	/**
	 * Compute the checksum of {@code first | second} into {@code out}.
	 * @param first the first part's buffer
	 * @param firstOffset where it starts
	 * @param firstLength its length
	 * @param second the second part's buffer
	 * @param secondOffset where it starts
	 * @param secondLength its length
	 * @param out where the checksum goes
	 * @param outOffset where in {@code out}
	 */
	public void compute(byte[] first, int firstOffset, int firstLength, byte[] second, int secondOffset,
			int secondLength, byte[] out, int outOffset) {
		byte[] macOut = digest(first, firstOffset, firstLength, second, secondOffset, secondLength);
		System.arraycopy(macOut, 0, out, outOffset, length());
	}

	/**
	 * Verify the checksum of {@code first | second}.
	 * @param first the first part's buffer
	 * @param firstOffset where it starts
	 * @param firstLength its length
	 * @param second the second part's buffer
	 * @param secondOffset where it starts
	 * @param secondLength its length
	 * @param checksum the buffer holding the checksum to verify
	 * @param checksumOffset where it starts
	 * @return whether it verifies
	 */
	public boolean verify(byte[] first, int firstOffset, int firstLength, byte[] second, int secondOffset,
			int secondLength, byte[] checksum, int checksumOffset) {
		byte[] macOut = digest(first, firstOffset, firstLength, second, secondOffset, secondLength);
		return equal(macOut, 0, checksum, checksumOffset, length());
	}

	/**
	 * Forget this checksum's key in the calling thread's JCA instances (when the context closes).
	 */
	public void forget() {
		JcaInstances.current().forget(this.key);
		Arrays.fill(this.key, (byte) 0);
	}

	private byte[] digest(byte[] first, int firstOffset, int firstLength, byte[] second, int secondOffset,
			int secondLength) {
		JcaInstances instances = JcaInstances.current();
		Mac mac = instances.mac(this.key, this.type.macAlgorithm());
		try {
			mac.update(first, firstOffset, firstLength);
			mac.update(second, secondOffset, secondLength);
			mac.doFinal(instances.macOut, 0);
			return instances.macOut;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Kerberos checksum failed: " + ex, ex);
		}
	}

	/**
	 * Compare in time independent of where the bytes differ.
	 */
	static boolean equal(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
		int difference = 0;
		for (int i = 0; i < length; i++) {
			difference |= a[aOffset + i] ^ b[bOffset + i];
		}
		return difference == 0;
	}

}
