package org.negotiatetcp.mechanism.kerberos.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * RFC 3961 encryption for one key usage: {@code confounder | plaintext} encrypted with AES-CTS (zero IV) under Ke,
 * followed by the truncated HMAC under Ki, over the plaintext (RFC 3962) or over the zero IV and the ciphertext
 * (RFC 8009). Ke and Ki are derived once. The {@code Cipher} and {@code Mac} instances belong to the thread that uses
 * them ({@link JcaInstances}): they stay keyed with this instance's keys while the thread protects this context's
 * messages, and an idle context holds only its keys.
 * <p>
 * Not thread-safe: one instance per key usage and security context, used from one thread at a time.
 */
public final class KeyUsageCipher {

	/** The length of the random confounder that precedes the plaintext (the AES block size). */
	public static final int CONFOUNDER_LENGTH = 16;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final byte[] ZERO_IV = new byte[16];

	private final EncryptionType type;

	private final byte[] encryptionKey;

	private final byte[] integrityKey;

	private KeyUsageCipher(EncryptionType type, byte[] encryptionKey, byte[] integrityKey) {
		this.type = type;
		this.encryptionKey = encryptionKey;
		this.integrityKey = integrityKey;
	}

	/**
	 * Derive Ke and Ki for a key usage.
	 * @param type the encryption type
	 * @param baseKey the protocol key
	 * @param usage the key usage number
	 * @return the cipher
	 */
	public static KeyUsageCipher create(EncryptionType type, byte[] baseKey, int usage) {
		byte[] ke = KeyDerivation.derive(type, baseKey, usage, KeyDerivation.ENCRYPTION);
		byte[] ki = KeyDerivation.derive(type, baseKey, usage, KeyDerivation.INTEGRITY);
		return new KeyUsageCipher(type, ke, ki);
	}

	/**
	 * Return the encryption type.
	 * @return the type
	 */
	public EncryptionType type() {
		return this.type;
	}

	/**
	 * Return how many bytes encryption adds to the plaintext: the confounder and the checksum.
	 * @return the overhead
	 */
	public int overhead() {
		return CONFOUNDER_LENGTH + this.type.checksumLength();
	}

	/**
	 * Encrypt in place. {@code buffer[offset, offset + 16)} receives a random confounder, the plaintext follows it,
	 * the ciphertext replaces both and the checksum is written after it.
	 * @param buffer the buffer, with room for {@link #overhead()} bytes more than the plaintext
	 * @param offset where the confounder goes
	 * @param plaintextLength the plaintext's length (after the confounder)
	 * @return the ciphertext's length including the checksum
	 */
	public int encrypt(byte[] buffer, int offset, int plaintextLength) {
		byte[] confounder = JcaInstances.current().confounder;
		RANDOM.nextBytes(confounder);
		return encrypt(confounder, buffer, offset, plaintextLength);
	}

	/**
	 * Encrypt in place with a given confounder (the known-answer tests of RFC 8009 give it).
	 * @param confounder the confounder, {@value #CONFOUNDER_LENGTH} bytes
	 * @param buffer the buffer
	 * @param offset where the confounder goes
	 * @param plaintextLength the plaintext's length (after the confounder)
	 * @return the ciphertext's length including the checksum
	 */
	public int encrypt(byte[] confounder, byte[] buffer, int offset, int plaintextLength) {
		System.arraycopy(confounder, 0, buffer, offset, CONFOUNDER_LENGTH);
		int length = CONFOUNDER_LENGTH + plaintextLength;
		int h = this.type.checksumLength();
		JcaInstances instances = JcaInstances.current();
		Cipher encryptor = instances.cipher(this.encryptionKey, Cipher.ENCRYPT_MODE);
		Mac mac = instances.mac(this.integrityKey, this.type.macAlgorithm());
		byte[] macOut = instances.macOut;
		try {
			if (!this.type.isRfc8009()) {
				mac.update(buffer, offset, length);
				mac.doFinal(macOut, 0);
				instances.doFinalInPlace(encryptor, buffer, offset, length);
			}
			else {
				instances.doFinalInPlace(encryptor, buffer, offset, length);
				mac.update(ZERO_IV);
				mac.update(buffer, offset, length);
				mac.doFinal(macOut, 0);
			}
			System.arraycopy(macOut, 0, buffer, offset + length, h);
			return length + h;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Kerberos encryption failed: " + ex, ex);
		}
	}

	/**
	 * Decrypt in place and verify the checksum. The plaintext is left at {@code offset + 16}.
	 * @param buffer the buffer
	 * @param offset where the ciphertext starts
	 * @param length the ciphertext's length including the checksum
	 * @return the plaintext's length (without the confounder)
	 * @throws PerMessageTokenException if the ciphertext is too short or its checksum does not verify
	 */
	public int decrypt(byte[] buffer, int offset, int length) {
		int h = this.type.checksumLength();
		int cipherLength = length - h;
		if (cipherLength < CONFOUNDER_LENGTH) {
			throw new PerMessageTokenException(PerMessageTokenException.Kind.MALFORMED,
					"the ciphertext is shorter than a confounder and a checksum (" + length + " bytes)");
		}
		JcaInstances instances = JcaInstances.current();
		Cipher decryptor = instances.cipher(this.encryptionKey, Cipher.DECRYPT_MODE);
		Mac mac = instances.mac(this.integrityKey, this.type.macAlgorithm());
		byte[] macOut = instances.macOut;
		try {
			if (this.type.isRfc8009()) {
				mac.update(ZERO_IV);
				mac.update(buffer, offset, cipherLength);
				mac.doFinal(macOut, 0);
				checkMac(macOut, buffer, offset + cipherLength, h);
				instances.doFinalInPlace(decryptor, buffer, offset, cipherLength);
			}
			else {
				instances.doFinalInPlace(decryptor, buffer, offset, cipherLength);
				mac.update(buffer, offset, cipherLength);
				mac.doFinal(macOut, 0);
				checkMac(macOut, buffer, offset + cipherLength, h);
			}
			return cipherLength - CONFOUNDER_LENGTH;
		}
		catch (ShortBufferException ex) {
			throw new IllegalStateException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new PerMessageTokenException(PerMessageTokenException.Kind.INTEGRITY,
					"the ciphertext does not decrypt: " + ex.getMessage());
		}
	}

	/**
	 * Forget this instance's keys in the calling thread's JCA instances (when the context closes).
	 */
	public void forget() {
		JcaInstances.current().forget(this.encryptionKey, this.integrityKey);
		Arrays.fill(this.encryptionKey, (byte) 0);
		Arrays.fill(this.integrityKey, (byte) 0);
	}

	private static void checkMac(byte[] macOut, byte[] buffer, int offset, int h) {
		if (!KeyUsageChecksum.equal(macOut, 0, buffer, offset, h)) {
			throw new PerMessageTokenException(PerMessageTokenException.Kind.INTEGRITY,
					"the checksum of the ciphertext does not verify (tampered, or another key)");
		}
	}

}
