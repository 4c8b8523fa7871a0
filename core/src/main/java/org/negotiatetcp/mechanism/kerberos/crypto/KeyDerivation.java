package org.negotiatetcp.mechanism.kerberos.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Key derivation: DK of the RFC 3961 simplified profile (for RFC 3962) and KDF-HMAC-SHA2 of RFC 8009.
 */
public final class KeyDerivation {

	/** The well-known constant's last byte for a checksum key Kc. */
	public static final int CHECKSUM = 0x99;

	/** The well-known constant's last byte for an encryption key Ke. */
	public static final int ENCRYPTION = 0xAA;

	/** The well-known constant's last byte for an integrity key Ki. */
	public static final int INTEGRITY = 0x55;

	private static final int BLOCK = 16;

	private KeyDerivation() {
	}

	/**
	 * Derive the key of a key usage and purpose.
	 * @param type the encryption type
	 * @param baseKey the protocol key (for example the context key of a GSS context)
	 * @param usage the key usage number, for example 24 (KG-USAGE-INITIATOR-SEAL)
	 * @param purpose {@link #CHECKSUM}, {@link #ENCRYPTION} or {@link #INTEGRITY}
	 * @return the derived key
	 */
	public static byte[] derive(EncryptionType type, byte[] baseKey, int usage, int purpose) {
		byte[] constant = { (byte) (usage >>> 24), (byte) (usage >>> 16), (byte) (usage >>> 8), (byte) usage,
				(byte) purpose };
		if (!type.isRfc8009()) {
			return dk(baseKey, constant, type.keyLength());
		}
		int length = switch (purpose) {
			case ENCRYPTION -> type.keyLength();
			case INTEGRITY -> type.integrityKeyLength();
			default -> type.checksumKeyLength();
		};
		return kdfHmacSha2(type, baseKey, constant, length);
	}

	/**
	 * {@code DK(Key, Constant) = random-to-key(DR(Key, Constant))} for AES (RFC 3961 section 5.1, RFC 3962), where
	 * random-to-key is the identity.
	 * @param baseKey the AES key
	 * @param constant the constant, n-folded to the block size unless it has that size
	 * @param keyLength the derived key's length in bytes
	 * @return the derived key
	 */
	public static byte[] dk(byte[] baseKey, byte[] constant, int keyLength) {
		byte[] block = (constant.length == BLOCK) ? constant.clone() : NFold.fold(constant, BLOCK);
		byte[] out = new byte[keyLength];
		try {
			Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
			aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(baseKey, "AES"));
			for (int filled = 0; filled < keyLength; filled += BLOCK) {
				block = aes.doFinal(block);
				System.arraycopy(block, 0, out, filled, Math.min(BLOCK, keyLength - filled));
			}
			return out;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES is not available: " + ex, ex);
		}
	}

	/**
	 * {@code KDF-HMAC-SHA2(key, label, k)} of RFC 8009 section 3 without context: the first {@code k} bits of
	 * {@code HMAC(key, 00 00 00 01 | label | 00 | k)}.
	 * @param type the encryption type, which names the hash
	 * @param key the key
	 * @param label the label
	 * @param length {@code k} in bytes
	 * @return the derived key
	 */
	public static byte[] kdfHmacSha2(EncryptionType type, byte[] key, byte[] label, int length) {
		try {
			Mac mac = Mac.getInstance(type.macAlgorithm());
			mac.init(new SecretKeySpec(key, type.macAlgorithm()));
			mac.update(new byte[] { 0, 0, 0, 1 });
			mac.update(label);
			int bits = length * 8;
			mac.update(new byte[] { 0, (byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits });
			return Arrays.copyOf(mac.doFinal(), length);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(type.macAlgorithm() + " is not available: " + ex, ex);
		}
	}

}
