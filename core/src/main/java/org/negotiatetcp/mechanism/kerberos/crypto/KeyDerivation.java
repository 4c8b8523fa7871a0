package org.negotiatetcp.mechanism.kerberos.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

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

	/** Key usages below this number have their folded constants cached (RFC 4120 and RFC 4121 use 1 to 25). */
	private static final int CACHED_USAGES = 64;

	private static final AtomicReferenceArray<byte[]> FOLDED = new AtomicReferenceArray<>(CACHED_USAGES * 3);

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
			return dk(baseKey, foldedConstant(usage, purpose, constant), type.keyLength(), true);
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
		return dk(baseKey, constant, keyLength, false);
	}

	private static byte[] dk(byte[] baseKey, byte[] constant, int keyLength, boolean folded) {
		// the block is only read (each encryption returns a new array), so a cached folded constant can be used
		byte[] block = (folded || constant.length == BLOCK) ? constant : NFold.fold(constant, BLOCK);
		byte[] out = new byte[keyLength];
		try {
			// this thread's cipher: looked up once, and keyed again only when the base key changes
			Cipher aes = JcaInstances.current().derivationCipher(baseKey);
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
	 * Return the n-fold of a key usage's well-known constant to the block size, computed once per usage and purpose
	 * (the n-fold costs more than the two AES blocks of a derivation, and a handshake derives a dozen keys).
	 * @param usage the key usage
	 * @param purpose the purpose byte
	 * @param constant the constant, usage (big-endian) then purpose
	 * @return the folded block, shared: not to be modified
	 */
	private static byte[] foldedConstant(int usage, int purpose, byte[] constant) {
		int slot = switch (purpose) {
			case CHECKSUM -> 0;
			case ENCRYPTION -> 1;
			case INTEGRITY -> 2;
			default -> -1;
		};
		if (slot < 0 || usage < 0 || usage >= CACHED_USAGES) {
			return NFold.fold(constant, BLOCK);
		}
		int index = usage * 3 + slot;
		byte[] folded = FOLDED.get(index);
		if (folded == null) {
			folded = NFold.fold(constant, BLOCK);
			FOLDED.set(index, folded);
		}
		return folded;
	}

	/**
	 * Clear this thread's derivation state of a base key whose context closes.
	 * @param baseKey the base key, the same array the keys were derived from
	 */
	public static void forget(byte[] baseKey) {
		JcaInstances.current().forgetDerivationKey(baseKey);
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
		JcaInstances instances = JcaInstances.current();
		Mac mac = instances.derivationMac(type.macAlgorithm());
		try {
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
		finally {
			instances.forgetDerivationKey(mac);
		}
	}

}
