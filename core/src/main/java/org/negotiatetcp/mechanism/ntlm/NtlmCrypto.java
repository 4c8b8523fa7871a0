package org.negotiatetcp.mechanism.ntlm;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * The NTLM cryptographic functions of [MS-NLMP] 3.3.2 (NTLMv2), 3.4.5 (key derivation) and 6 (primitives).
 */
final class NtlmCrypto {

	private static final byte[] CLIENT_SIGNING_MAGIC = magic("session key to client-to-server signing key magic constant");

	private static final byte[] SERVER_SIGNING_MAGIC = magic("session key to server-to-client signing key magic constant");

	private static final byte[] CLIENT_SEALING_MAGIC = magic("session key to client-to-server sealing key magic constant");

	private static final byte[] SERVER_SEALING_MAGIC = magic("session key to server-to-client sealing key magic constant");

	/** The length of NTLMv2_CLIENT_CHALLENGE up to (not including) its AvPairs. */
	static final int CLIENT_CHALLENGE_HEADER_LENGTH = 28;

	private NtlmCrypto() {
	}

	private static byte[] magic(String text) {
		byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
		return Arrays.copyOf(ascii, ascii.length + 1);
	}

	/**
	 * NTOWFv1: MD4(UNICODE(password)), the NT hash.
	 * @param password the password
	 * @return the 16-byte NT hash
	 */
	static byte[] ntowfv1(char[] password) {
		ByteBuffer encoded = StandardCharsets.UTF_16LE.encode(CharBuffer.wrap(password));
		byte[] bytes = new byte[encoded.remaining()];
		encoded.get(bytes);
		if (encoded.hasArray()) {
			Arrays.fill(encoded.array(), (byte) 0);
		}
		try {
			return Md4.digest(bytes);
		}
		finally {
			Arrays.fill(bytes, (byte) 0);
		}
	}

	/**
	 * NTOWFv2: HMAC_MD5(NTOWFv1, UNICODE(Uppercase(User) ‖ UserDom)). The user name is upper-cased character by
	 * character, which keeps its length as Windows' RtlUpcaseUnicodeString does.
	 * @param ntHash the NT hash
	 * @param user the user name
	 * @param domain the user's domain (not upper-cased)
	 * @return the 16-byte ResponseKeyNT (= ResponseKeyLM)
	 */
	static byte[] ntowfv2(byte[] ntHash, String user, String domain) {
		char[] upper = user.toCharArray();
		for (int i = 0; i < upper.length; i++) {
			upper[i] = Character.toUpperCase(upper[i]);
		}
		return hmacMd5(ntHash, (new String(upper) + domain).getBytes(StandardCharsets.UTF_16LE));
	}

	/**
	 * The NTLMv2 "temp" of [MS-NLMP] 3.3.2: {@code 01 01 Z(6) Time ClientChallenge Z(4) ServerName Z(4)}.
	 * @param fileTime the time stamp
	 * @param clientChallenge the 8-byte client challenge
	 * @param serverName the (client-modified) target info, encoded
	 * @return temp
	 */
	static byte[] ntlmv2Temp(long fileTime, byte[] clientChallenge, byte[] serverName) {
		byte[] temp = new byte[CLIENT_CHALLENGE_HEADER_LENGTH + serverName.length + 4];
		temp[0] = 1;
		temp[1] = 1;
		NtlmWire.putLe64(temp, 8, fileTime);
		System.arraycopy(clientChallenge, 0, temp, 16, 8);
		System.arraycopy(serverName, 0, temp, CLIENT_CHALLENGE_HEADER_LENGTH, serverName.length);
		return temp;
	}

	/**
	 * NTProofStr = HMAC_MD5(ResponseKeyNT, ServerChallenge ‖ temp).
	 * @param responseKeyNt NTOWFv2
	 * @param serverChallenge the 8-byte server challenge
	 * @param temp the NTLMv2 client challenge blob
	 * @return the 16-byte proof
	 */
	static byte[] ntProofStr(byte[] responseKeyNt, byte[] serverChallenge, byte[] temp) {
		return hmacMd5(responseKeyNt, serverChallenge, temp);
	}

	/**
	 * The LMv2 response: HMAC_MD5(ResponseKeyLM, ServerChallenge ‖ ClientChallenge) ‖ ClientChallenge.
	 * @param responseKeyLm NTOWFv2
	 * @param serverChallenge the server challenge
	 * @param clientChallenge the client challenge
	 * @return the 24-byte response
	 */
	static byte[] lmv2Response(byte[] responseKeyLm, byte[] serverChallenge, byte[] clientChallenge) {
		byte[] mac = hmacMd5(responseKeyLm, serverChallenge, clientChallenge);
		byte[] response = Arrays.copyOf(mac, 24);
		System.arraycopy(clientChallenge, 0, response, 16, 8);
		return response;
	}

	/**
	 * SIGNKEY of [MS-NLMP] 3.4.5.2 with extended session security.
	 * @param exportedSessionKey the exported session key
	 * @param clientToServer the direction
	 * @return the 16-byte signing key
	 */
	static byte[] signKey(byte[] exportedSessionKey, boolean clientToServer) {
		return md5(exportedSessionKey, clientToServer ? CLIENT_SIGNING_MAGIC : SERVER_SIGNING_MAGIC);
	}

	/**
	 * SEALKEY of [MS-NLMP] 3.4.5.3 with extended session security and 128-bit keys.
	 * @param exportedSessionKey the exported session key
	 * @param clientToServer the direction
	 * @return the 16-byte sealing key
	 */
	static byte[] sealKey(byte[] exportedSessionKey, boolean clientToServer) {
		return md5(exportedSessionKey, clientToServer ? CLIENT_SEALING_MAGIC : SERVER_SEALING_MAGIC);
	}

	static byte[] md5(byte[]... parts) {
		try {
			MessageDigest md5 = MessageDigest.getInstance("MD5");
			for (byte[] part : parts) {
				md5.update(part);
			}
			return md5.digest();
		}
		catch (GeneralSecurityException ex) {
			throw unavailable("MD5", ex);
		}
	}

	static byte[] hmacMd5(byte[] key, byte[]... parts) {
		try {
			Mac mac = Mac.getInstance("HmacMD5");
			mac.init(new SecretKeySpec(key, "HmacMD5"));
			for (byte[] part : parts) {
				mac.update(part);
			}
			return mac.doFinal();
		}
		catch (GeneralSecurityException ex) {
			throw unavailable("HmacMD5", ex);
		}
	}

	static Mac hmacMd5(byte[] key) {
		try {
			Mac mac = Mac.getInstance("HmacMD5");
			mac.init(new SecretKeySpec(key, "HmacMD5"));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw unavailable("HmacMD5", ex);
		}
	}

	private static MechanismException unavailable(String algorithm, Exception ex) {
		return new MechanismException(FailureReason.INTERNAL, algorithm
				+ " is not available from the JDK's security providers; NTLM needs it. Check the provider configuration",
				ex);
	}

}
