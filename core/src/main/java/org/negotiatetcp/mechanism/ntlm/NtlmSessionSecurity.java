package org.negotiatetcp.mechanism.ntlm;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
 * <p>
 * The RC4 handles are this project's (256 bytes of state each); the HMAC-MD5 instances belong to the thread that
 * signs ({@link ThreadMacs}) and stay keyed while it signs for this context, so neither signing nor sealing allocates.
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
		System.arraycopy(data, offset, out, SIGNATURE_LENGTH, length);
		wrapInPlace(out, 0, length, seal);
		return out;
	}

	/**
	 * Sign and optionally seal one outgoing message in place: the plaintext is already at
	 * {@code token[offset + 16]}, the signature goes before it.
	 * @param token the buffer, with {@code 16 + length} bytes from {@code offset}
	 * @param offset where the message (its signature) starts
	 * @param length the plaintext's length
	 * @param seal whether to seal
	 */
	void wrapInPlace(byte[] token, int offset, int length, boolean seal) {
		int data = offset + SIGNATURE_LENGTH;
		// the checksum is over the plaintext; RC4 seals the data, then (with key exchange) the checksum
		byte[] checksum = checksum(token, data, length, this.outSequence, this.outSignKey);
		if (seal) {
			this.outSeal.transform(token, data, length, token, data);
		}
		writeSignature(checksum, this.outSequence, this.outSeal, token, offset);
		this.outSequence++;
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
		byte[] copy = Arrays.copyOfRange(token, offset, offset + length);
		int dataLength = unwrapInPlace(copy, 0, length, sealed);
		return Arrays.copyOfRange(copy, SIGNATURE_LENGTH, SIGNATURE_LENGTH + dataLength);
	}

	/**
	 * Verify and optionally unseal one incoming message in place: the plaintext is then at
	 * {@code token[offset + 16]}.
	 * @param token the buffer, which this call modifies
	 * @param offset where the message starts
	 * @param length its length
	 * @param sealed whether the data is sealed
	 * @return the plaintext's length
	 * @throws MechanismException {@code BAD_TOKEN} if malformed or the signature does not verify, {@code REPLAY} if
	 * its sequence number is not the next one expected
	 */
	int unwrapInPlace(byte[] token, int offset, int length, boolean sealed) {
		checkIncoming(token, offset, length);
		int data = offset + SIGNATURE_LENGTH;
		int dataLength = length - SIGNATURE_LENGTH;
		if (sealed) {
			this.inSeal.transform(token, data, dataLength, token, data);
		}
		verify(token, data, dataLength, token, offset, sealed ? "sealed message" : "signed message");
		return dataLength;
	}

	/**
	 * Compute the signature of an outgoing message without sending the message itself (GSS_GetMIC).
	 * @param data the data
	 * @return the 16-byte signature
	 */
	byte[] getMic(byte[] data) {
		byte[] signature = new byte[SIGNATURE_LENGTH];
		writeSignature(checksum(data, 0, data.length, this.outSequence, this.outSignKey), this.outSequence,
				this.outSeal, signature, 0);
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
		verify(data, 0, data.length, mic, 0, "MIC");
	}

	/**
	 * Re-initialise both RC4 handles from the sealing keys, keeping the sequence numbers ([MS-SPNG] 3.2.5.1: after
	 * the mechListMIC of an NTLM exchange inside SPNEGO).
	 */
	void resetSealingState() {
		this.outSeal.destroy();
		this.inSeal.destroy();
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
		this.outSeal.destroy();
		this.inSeal.destroy();
		ThreadMacs.current().forget(this.outSignKey, this.inSignKey);
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

	private void verify(byte[] data, int offset, int length, byte[] signature, int signatureOffset, String what) {
		byte[] expected = ThreadMacs.current().expected;
		writeSignature(checksum(data, offset, length, this.inSequence, this.inSignKey), this.inSequence, this.inSeal,
				expected, 0);
		int difference = 0;
		for (int n = 0; n < SIGNATURE_LENGTH; n++) {
			difference |= expected[n] ^ signature[signatureOffset + n];
		}
		if (difference != 0) {
			this.inboundFailed = true;
			throw NtlmWire.badToken("NTLM " + what + " with sequence number "
					+ Integer.toUnsignedString(this.inSequence)
					+ " does not verify: it was altered, or the keys differ (wrong session key or RC4 state)");
		}
		this.inSequence++;
	}

	/**
	 * HMAC_MD5(SigningKey, SeqNum | Message) into the thread's scratch buffer.
	 */
	private static byte[] checksum(byte[] data, int offset, int length, int sequence, byte[] signKey) {
		ThreadMacs macs = ThreadMacs.current();
		Mac mac = macs.mac(signKey);
		byte[] out = macs.checksum;
		NtlmWire.putLe32(out, 0, sequence);
		mac.update(out, 0, 4);
		mac.update(data, offset, length);
		try {
			mac.doFinal(out, 0);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-MD5 failed: " + ex, ex);
		}
		return out;
	}

	/**
	 * NTLMSSP_MESSAGE_SIGNATURE: version 1, the first 8 bytes of the checksum (RC4-sealed with key exchange), the
	 * sequence number.
	 */
	private void writeSignature(byte[] checksum, int sequence, Rc4 seal, byte[] out, int outOffset) {
		NtlmWire.putLe32(out, outOffset, 1);
		if (this.keyExchange) {
			seal.transform(checksum, 0, 8, out, outOffset + 4);
		}
		else {
			System.arraycopy(checksum, 0, out, outOffset + 4, 8);
		}
		NtlmWire.putLe32(out, outOffset + 12, sequence);
	}

	/**
	 * The HMAC-MD5 instances of one thread, each keyed with the signing key it was used with last (found by the
	 * identity of the key's array, which a context keeps for its lifetime), and scratch room for a checksum and an
	 * expected signature.
	 */
	private static final class ThreadMacs {

		private static final int SLOTS = 8;

		private static final ThreadLocal<ThreadMacs> CURRENT = ThreadLocal.withInitial(ThreadMacs::new);

		private final Mac[] macs = new Mac[SLOTS];

		private final byte[][] keys = new byte[SLOTS][];

		private int next;

		final byte[] checksum = new byte[16];

		final byte[] expected = new byte[SIGNATURE_LENGTH];

		static ThreadMacs current() {
			return CURRENT.get();
		}

		Mac mac(byte[] key) {
			for (int n = 0; n < SLOTS; n++) {
				if (this.keys[n] == key) {
					Mac mac = this.macs[n];
					mac.reset();
					return mac;
				}
			}
			int slot = this.next;
			this.next = (slot + 1) % SLOTS;
			try {
				Mac mac = this.macs[slot];
				if (mac == null) {
					mac = Mac.getInstance("HmacMD5");
					this.macs[slot] = mac;
				}
				this.keys[slot] = null;
				mac.init(new SecretKeySpec(key, "HmacMD5"));
				this.keys[slot] = key;
				return mac;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("HmacMD5 is not available from the JDK's security providers; NTLM "
						+ "needs it. Check the provider configuration: " + ex, ex);
			}
		}

		void forget(byte[]... forgotten) {
			for (byte[] key : forgotten) {
				for (int n = 0; n < SLOTS; n++) {
					if (this.keys[n] == key) {
						this.keys[n] = null;
					}
				}
			}
		}

	}

}
