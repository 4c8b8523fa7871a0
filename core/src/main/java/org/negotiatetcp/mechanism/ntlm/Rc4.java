package org.negotiatetcp.mechanism.ntlm;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * An RC4 key stream handle ([MS-NLMP] 6: RC4Init / RC4), backed by the JDK's {@code ARCFOUR} cipher (present in the
 * SunJCE provider of JDK 17 and later). The state continues from call to call, as NTLM sealing requires.
 */
final class Rc4 {

	private final Cipher cipher;

	Rc4(byte[] key) {
		try {
			this.cipher = Cipher.getInstance("ARCFOUR");
			this.cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
		}
		catch (GeneralSecurityException ex) {
			throw new MechanismException(FailureReason.INTERNAL,
					"RC4 (ARCFOUR) is not available from the JDK's security providers; NTLM sealing needs it. "
							+ "Check that the SunJCE provider is enabled and not restricted by a FIPS policy",
					ex);
		}
	}

	/**
	 * Encrypt (or, identically, decrypt) bytes with the continuing key stream.
	 * @param in the input buffer
	 * @param inOffset where the input starts
	 * @param length how many bytes
	 * @param out the output buffer (may be the input buffer)
	 * @param outOffset where the output goes
	 */
	void transform(byte[] in, int inOffset, int length, byte[] out, int outOffset) {
		if (length == 0) {
			return;
		}
		try {
			int written = this.cipher.update(in, inOffset, length, out, outOffset);
			if (written != length) {
				throw new IllegalStateException("ARCFOUR returned " + written + " bytes for " + length);
			}
		}
		catch (ShortBufferException ex) {
			throw new IllegalStateException(ex);
		}
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
	 * One-shot RC4K(key, data) of [MS-NLMP] 6.
	 * @param key the key
	 * @param data the data
	 * @return the result
	 */
	static byte[] rc4k(byte[] key, byte[] data) {
		return new Rc4(key).transform(data);
	}

}
