package org.negotiatetcp.mechanism.kerberos.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-CTS {@code Cipher} and HMAC {@code Mac} instances of one thread, each keyed with the key it was used with
 * last. A security context keeps only its derived keys (a few dozen bytes each) instead of a {@code Cipher} and a
 * {@code Mac} per key usage (about 1 KB each): an idle channel then costs no JCA state, and a busy one finds its
 * instances still keyed on the event loop that drives it, so that the key schedule and the HMAC pads are computed
 * only when another context's key took the slot.
 * <p>
 * Each thread that protects Kerberos messages (the event loops, in practice) holds at most eight of each, about
 * 15 KB, and a scratch buffer of up to one [MS-NNS] frame (64 KB). A slot keeps the key schedule of the context that
 * used it last until another context takes the slot or the context closes on this thread ({@link #forget}).
 * <p>
 * A slot is found by the identity of the key's array, so a context must keep its key arrays for its lifetime (and
 * not change them); a {@code SecretKeySpec} is made only when a slot is keyed. Confined to its thread (a
 * {@code ThreadLocal}).
 */
final class JcaInstances {

	private static final int SLOTS = 8;

	private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[16]);

	private static final ThreadLocal<JcaInstances> CURRENT = ThreadLocal.withInitial(JcaInstances::new);

	private final Cipher[] ciphers = new Cipher[SLOTS];

	private final byte[][] cipherKeys = new byte[SLOTS][];

	private final int[] cipherModes = new int[SLOTS];

	private int nextCipher;

	private final Mac[] macs = new Mac[SLOTS];

	private final byte[][] macKeys = new byte[SLOTS][];

	private int nextMac;

	/** Room for a whole HMAC output (SHA-384: 48 bytes). */
	final byte[] macOut = new byte[64];

	/** Room for a confounder. */
	final byte[] confounder = new byte[KeyUsageCipher.CONFOUNDER_LENGTH];

	/** The largest scratch buffer kept: a whole [MS-NNS] frame. */
	private static final int MAX_SCRATCH = 64 * 1024 + 128;

	private byte[] scratch = new byte[0];

	private JcaInstances() {
	}

	/**
	 * Return the instances of the calling thread.
	 * @return the instances
	 */
	static JcaInstances current() {
		return CURRENT.get();
	}

	/**
	 * Return an AES/CTS/NoPadding cipher with a zero IV, initialized with {@code key} in {@code mode}.
	 * @param key the AES key
	 * @param mode {@link Cipher#ENCRYPT_MODE} or {@link Cipher#DECRYPT_MODE}
	 * @return the cipher, ready for {@code doFinal}
	 */
	Cipher cipher(byte[] key, int mode) {
		for (int i = 0; i < SLOTS; i++) {
			if (this.cipherKeys[i] == key && this.cipherModes[i] == mode) {
				return this.ciphers[i];
			}
		}
		int slot = this.nextCipher;
		this.nextCipher = (slot + 1) % SLOTS;
		try {
			Cipher cipher = this.ciphers[slot];
			if (cipher == null) {
				cipher = Cipher.getInstance("AES/CTS/NoPadding");
				this.ciphers[slot] = cipher;
			}
			// forget the slot's key first: a failed init must not leave it looking keyed
			this.cipherKeys[slot] = null;
			cipher.init(mode, new SecretKeySpec(key, "AES"), ZERO_IV);
			this.cipherKeys[slot] = key;
			this.cipherModes[slot] = mode;
			return cipher;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-CTS is not available: " + ex, ex);
		}
	}

	/**
	 * Return a {@code Mac} of an algorithm, initialized with {@code key} and reset.
	 * @param key the HMAC key
	 * @param algorithm the JCA name of the HMAC
	 * @return the mac
	 */
	Mac mac(byte[] key, String algorithm) {
		for (int i = 0; i < SLOTS; i++) {
			if (this.macKeys[i] == key) {
				Mac mac = this.macs[i];
				// nothing to do after a doFinal; after a failed use, back to the keyed state
				mac.reset();
				return mac;
			}
		}
		int slot = this.nextMac;
		this.nextMac = (slot + 1) % SLOTS;
		try {
			Mac mac = this.macs[slot];
			if (mac == null || !mac.getAlgorithm().equals(algorithm)) {
				mac = Mac.getInstance(algorithm);
				this.macs[slot] = mac;
			}
			this.macKeys[slot] = null;
			mac.init(new SecretKeySpec(key, algorithm));
			this.macKeys[slot] = key;
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(algorithm + " is not available: " + ex, ex);
		}
	}

	/**
	 * Run {@code cipher} over {@code buffer[offset, offset + length)} and put the result back in place. The JDK's
	 * AES cipher copies its input to a new array when input and output overlap; going through this thread's scratch
	 * buffer costs one copy and no allocation.
	 * @param cipher the initialized cipher
	 * @param buffer the buffer
	 * @param offset where the input starts
	 * @param length its length
	 * @throws GeneralSecurityException if the cipher fails
	 */
	void doFinalInPlace(Cipher cipher, byte[] buffer, int offset, int length) throws GeneralSecurityException {
		byte[] out = this.scratch;
		if (out.length < length) {
			out = new byte[length];
			if (length <= MAX_SCRATCH) {
				this.scratch = out;
			}
		}
		int written = cipher.doFinal(buffer, offset, length, out, 0);
		System.arraycopy(out, 0, buffer, offset, written);
	}

	/**
	 * Forget the slots keyed with these keys (a context that closes, on the thread that closes it): the keys do not
	 * outlive their context in this thread's instances.
	 * @param keys the keys
	 */
	void forget(byte[]... keys) {
		for (byte[] key : keys) {
			for (int i = 0; i < SLOTS; i++) {
				if (this.cipherKeys[i] == key) {
					this.cipherKeys[i] = null;
				}
				if (this.macKeys[i] == key) {
					this.macKeys[i] = null;
				}
			}
		}
	}

}
