package org.negotiatetcp.mechanism.ntlm;

import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * NTLM session security with extended session security ([MS-NLMP] 3.4): per-direction signing keys, sealing keys and
 * RC4 handles, and per-direction sequence numbers, for a connection-oriented context.
 * <p>
 * A protected message is {@code [16-byte NTLMSSP_MESSAGE_SIGNATURE][data]}, where data is the RC4-sealed plaintext
 * when sealing and the plaintext otherwise; the signature is computed over the plaintext after sealing it, with the
 * same continuing RC4 handle (as Windows, .NET and gss-ntlmssp lay it out for NegotiateStream and GSS wrap tokens).
 * <p>
 * A replayed or reordered message is refused before any state changes, so the next in-order message still verifies.
 * A message whose signature does not verify has consumed RC4 key stream: the receiving direction is then unusable.
 */
final class NtlmSessionSecurity {

	/** The length of NTLMSSP_MESSAGE_SIGNATURE. */
	static final int SIGNATURE_LENGTH = 16;

	private final byte[] outSignKey;

	private final byte[] inSignKey;

	private final byte[] outSealKey;

	private final byte[] inSealKey;

	private final boolean keyExchange;

	private Rc4 outSeal;

	private Rc4 inSeal;

	private int outSequence;

	private int inSequence;

	private boolean inboundFailed;

	/**
	 * Derive the session security state.
	 * @param exportedSessionKey the exported session key
	 * @param initiator whether this side is the client
	 * @param keyExchange whether NTLMSSP_NEGOTIATE_KEY_EXCH was negotiated (then checksums are RC4-encrypted)
	 */
	NtlmSessionSecurity(byte[] exportedSessionKey, boolean initiator, boolean keyExchange) {
		this.outSignKey = NtlmCrypto.signKey(exportedSessionKey, initiator);
		this.inSignKey = NtlmCrypto.signKey(exportedSessionKey, !initiator);
		this.outSealKey = NtlmCrypto.sealKey(exportedSessionKey, initiator);
		this.inSealKey = NtlmCrypto.sealKey(exportedSessionKey, !initiator);
		this.keyExchange = keyExchange;
		this.outSeal = new Rc4(this.outSealKey);
		this.inSeal = new Rc4(this.inSealKey);
	}

	/**
	 * Sign and optionally seal one outgoing message (SEAL / MAC of [MS-NLMP] 3.4.3, 3.4.4).
	 * @param data the buffer
	 * @param offset where the plaintext starts
	 * @param length its length
	 * @param seal whether to seal
	 * @return {@code [signature][sealed data or plaintext]}
	 */
	byte[] wrap(byte[] data, int offset, int length, boolean seal) {
		byte[] out = new byte[SIGNATURE_LENGTH + length];
		if (seal) {
			this.outSeal.transform(data, offset, length, out, SIGNATURE_LENGTH);
		}
		else {
			System.arraycopy(data, offset, out, SIGNATURE_LENGTH, length);
		}
		signature(data, offset, length, this.outSequence, this.outSignKey, this.outSeal, out, 0);
		this.outSequence++;
		return out;
	}

	/**
	 * Verify and optionally unseal one incoming message.
	 * @param token the buffer
	 * @param offset where the message starts
	 * @param length its length
	 * @param sealed whether the data is sealed
	 * @return the plaintext
	 * @throws MechanismException {@code BAD_TOKEN} if malformed or the signature does not verify, {@code REPLAY} if
	 * its sequence number is not the next one expected
	 */
	byte[] unwrap(byte[] token, int offset, int length, boolean sealed) {
		checkIncoming(token, offset, length);
		byte[] plaintext = new byte[length - SIGNATURE_LENGTH];
		if (sealed) {
			this.inSeal.transform(token, offset + SIGNATURE_LENGTH, plaintext.length, plaintext, 0);
		}
		else {
			System.arraycopy(token, offset + SIGNATURE_LENGTH, plaintext, 0, plaintext.length);
		}
		verify(plaintext, token, offset, sealed ? "sealed message" : "signed message");
		return plaintext;
	}

	/**
	 * Compute the signature of an outgoing message without sending the message itself (GSS_GetMIC).
	 * @param data the data
	 * @return the 16-byte signature
	 */
	byte[] getMic(byte[] data) {
		byte[] signature = new byte[SIGNATURE_LENGTH];
		signature(data, 0, data.length, this.outSequence, this.outSignKey, this.outSeal, signature, 0);
		this.outSequence++;
		return signature;
	}

	/**
	 * Verify the peer's signature over data (GSS_VerifyMIC).
	 * @param data the data
	 * @param mic the signature
	 */
	void verifyMic(byte[] data, byte[] mic) {
		if (mic.length != SIGNATURE_LENGTH) {
			throw NtlmWire.badToken("NTLM MIC must be " + SIGNATURE_LENGTH + " bytes, not " + mic.length);
		}
		checkIncoming(mic, 0, mic.length);
		verify(data, mic, 0, "MIC");
	}

	/**
	 * Re-initialise both RC4 handles from the sealing keys, keeping the sequence numbers ([MS-SPNG] 3.2.5.1: after
	 * the mechListMIC of an NTLM exchange inside SPNEGO).
	 */
	void resetSealingState() {
		this.outSeal = new Rc4(this.outSealKey);
		this.inSeal = new Rc4(this.inSealKey);
	}

	/**
	 * Overwrite the keys.
	 */
	void destroy() {
		Arrays.fill(this.outSignKey, (byte) 0);
		Arrays.fill(this.inSignKey, (byte) 0);
		Arrays.fill(this.outSealKey, (byte) 0);
		Arrays.fill(this.inSealKey, (byte) 0);
	}

	private void checkIncoming(byte[] token, int offset, int length) {
		if (this.inboundFailed) {
			throw NtlmWire.badToken("An earlier NTLM message from the peer failed verification and consumed RC4 key "
					+ "stream; this context can no longer verify messages and must be closed");
		}
		if (length < SIGNATURE_LENGTH) {
			throw NtlmWire.badToken("NTLM protected message of " + length + " bytes is shorter than its "
					+ SIGNATURE_LENGTH + "-byte signature");
		}
		int version = (int) NtlmWire.le32(token, offset);
		if (version != 1) {
			throw NtlmWire.badToken("NTLM message signature has version " + Integer.toUnsignedString(version)
					+ ", expected 1 (extended session security)");
		}
		int sequence = (int) NtlmWire.le32(token, offset + 12);
		if (sequence != this.inSequence) {
			throw new MechanismException(FailureReason.REPLAY, "NTLM message carries sequence number "
					+ Integer.toUnsignedString(sequence) + " but " + Integer.toUnsignedString(this.inSequence)
					+ " was expected: the message was replayed, reordered or lost");
		}
	}

	private void verify(byte[] plaintext, byte[] signature, int offset, String what) {
		byte[] expected = new byte[SIGNATURE_LENGTH];
		signature(plaintext, 0, plaintext.length, this.inSequence, this.inSignKey, this.inSeal, expected, 0);
		if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(signature, offset, offset + SIGNATURE_LENGTH))) {
			this.inboundFailed = true;
			throw NtlmWire.badToken("NTLM " + what + " with sequence number "
					+ Integer.toUnsignedString(this.inSequence)
					+ " does not verify: it was altered, or the keys differ (wrong session key or RC4 state)");
		}
		this.inSequence++;
	}

	private void signature(byte[] data, int offset, int length, int sequence, byte[] signKey, Rc4 seal, byte[] out,
			int outOffset) {
		byte[] sequenceBytes = new byte[4];
		NtlmWire.putLe32(sequenceBytes, 0, sequence);
		Mac mac = NtlmCrypto.hmacMd5(signKey);
		mac.update(sequenceBytes);
		mac.update(data, offset, length);
		byte[] checksum = mac.doFinal();
		NtlmWire.putLe32(out, outOffset, 1);
		if (this.keyExchange) {
			seal.transform(checksum, 0, 8, out, outOffset + 4);
		}
		else {
			System.arraycopy(checksum, 0, out, outOffset + 4, 8);
		}
		NtlmWire.putLe32(out, outOffset + 12, sequence);
	}

}
