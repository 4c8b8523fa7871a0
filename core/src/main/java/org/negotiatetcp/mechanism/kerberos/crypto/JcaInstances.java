package org.negotiatetcp.mechanism.kerberos.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

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
 * not change them); a {@code SecretKeySpec} is made only when a slot is keyed. Key derivation has its own AES cipher,
 * which keeps the base key it derived from last (cleared when that context closes on this thread), and its own
 * {@code Mac}, cleared after every derivation. Confined to its thread (a {@code ThreadLocal}).
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

	private static final byte[] BLANK_KEY = new byte[16];

	private static final SecretKeySpec BLANK_AES_KEY = new SecretKeySpec(BLANK_KEY, "AES");

	private @Nullable Cipher derivationCipher;

	private byte @Nullable [] derivationCipherKey;

	private @Nullable Mac derivationMac;

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
	 * Return this thread's {@code AES/ECB/NoPadding} cipher for key derivation, keyed with a base key. The cipher keeps
	 * the key until another base key is used on this thread or {@link #forgetDerivationKey(byte[])} clears it: a
	 * context derives its keys one after the other from the same base key, and the JDK's AES computes the key schedule
	 * only when the key changes (the schedule costs twenty times the two blocks of a derivation).
	 * @param key the base key
	 * @return the keyed cipher
	 * @throws GeneralSecurityException if the key is not an AES key
	 */
	Cipher derivationCipher(byte[] key) throws GeneralSecurityException {
		Cipher cipher = this.derivationCipher;
		if (cipher == null) {
			cipher = Cipher.getInstance("AES/ECB/NoPadding");
			this.derivationCipher = cipher;
		}
		// forget the key first: a failed init must not leave it looking keyed
		this.derivationCipherKey = null;
		cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
		this.derivationCipherKey = key;
		return cipher;
	}

	/**
	 * Clear the derivation cipher if it holds a base key (found by the identity of its array), keying it with a
	 * constant instead; called when a context that derived keys on this thread closes.
	 * @param key the base key
	 */
	void forgetDerivationKey(byte[] key) {
		Cipher cipher = this.derivationCipher;
		if (cipher == null || this.derivationCipherKey != key) {
			return;
		}
		this.derivationCipherKey = null;
		try {
			cipher.init(Cipher.ENCRYPT_MODE, BLANK_AES_KEY);
		}
		catch (GeneralSecurityException ex) {
			// do not keep an instance that may still hold the key
			this.derivationCipher = null;
		}
	}

	/**
	 * Return this thread's {@code Mac} of an algorithm for key derivation (KDF-HMAC-SHA2), to be keyed by the caller
	 * for one derivation and then {@linkplain #forgetDerivationKey(Mac) cleared}.
	 * @param algorithm the HMAC algorithm
	 * @return the MAC
	 */
	Mac derivationMac(String algorithm) {
		Mac mac = this.derivationMac;
		if (mac == null || !mac.getAlgorithm().equals(algorithm)) {
			try {
				mac = Mac.getInstance(algorithm);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(algorithm + " is not available: " + ex, ex);
			}
			this.derivationMac = mac;
		}
		return mac;
	}

	/**
	 * Key the derivation MAC with a constant again, so that a base key does not stay in this thread's instance after
	 * its derivation.
	 * @param mac the MAC from {@link #derivationMac}
	 */
	void forgetDerivationKey(Mac mac) {
		try {
			mac.init(new SecretKeySpec(BLANK_KEY, mac.getAlgorithm()));
		}
		catch (GeneralSecurityException ex) {
			// do not keep an instance that may still hold the key
			this.derivationMac = null;
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
