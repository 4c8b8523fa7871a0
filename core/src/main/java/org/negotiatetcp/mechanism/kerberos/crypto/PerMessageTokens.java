package org.negotiatetcp.mechanism.kerberos.crypto;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import static org.negotiatetcp.mechanism.kerberos.crypto.PerMessageTokenException.Kind.MALFORMED;
import static org.negotiatetcp.mechanism.kerberos.crypto.TokenHeader.ACCEPTOR_SUBKEY;
import static org.negotiatetcp.mechanism.kerberos.crypto.TokenHeader.LENGTH;
import static org.negotiatetcp.mechanism.kerberos.crypto.TokenHeader.SEALED;
import static org.negotiatetcp.mechanism.kerberos.crypto.TokenHeader.SENT_BY_ACCEPTOR;

/**
 * The RFC 4121 per-message tokens of one established Kerberos security context: Wrap (with and without
 * confidentiality) and MIC, for the AES encryption types of RFC 3962 and RFC 8009.
 * <p>
 * The keys of the four key usages (KG-USAGE-ACCEPTOR-SEAL 22, -ACCEPTOR-SIGN 23, -INITIATOR-SEAL 24, -INITIATOR-SIGN
 * 25) are derived from the context key once, when the instance is created: the SEAL usages protect Wrap tokens,
 * encrypted or not, the SIGN usages MIC tokens. The context key is the one RFC 4121 section 2
 * names: the acceptor's subkey if the acceptor sent one (tokens then carry the AcceptorSubkey flag), else the
 * initiator's subkey, else the ticket's session key.
 * <p>
 * Sequence numbers are enforced on every token received, whatever the initiator requested: each direction must carry
 * consecutive numbers from the one {@link #startReceiving(long, boolean)} names; a token seen again is a
 * {@link PerMessageTokenException.Kind#REPLAY replay}, one ahead is {@link PerMessageTokenException.Kind#OUT_OF_SEQUENCE
 * out of sequence}, and the context's state is unchanged by a refused token.
 * <p>
 * Not thread-safe: a channel uses its context from one thread at a time.
 */
public final class PerMessageTokens {

	/** KG-USAGE-ACCEPTOR-SEAL. */
	public static final int ACCEPTOR_SEAL = 22;

	/** KG-USAGE-ACCEPTOR-SIGN. */
	public static final int ACCEPTOR_SIGN = 23;

	/** KG-USAGE-INITIATOR-SEAL. */
	public static final int INITIATOR_SEAL = 24;

	/** KG-USAGE-INITIATOR-SIGN. */
	public static final int INITIATOR_SIGN = 25;

	private final EncryptionType type;

	private final boolean initiator;

	private final KeyUsageCipher sendSeal;

	private final KeyUsageChecksum sendWrapChecksum;

	private final KeyUsageChecksum sendSign;

	private final KeyUsageCipher receiveSeal;

	private final KeyUsageChecksum receiveWrapChecksum;

	private final KeyUsageChecksum receiveSign;

	private @Nullable Boolean acceptorSubkey;

	private long nextSend = -1;

	private long nextReceive = -1;

	private int sendRotation;

	/**
	 * Derive the keys of a context. Call {@link #startSending(long, boolean)} and
	 * {@link #startReceiving(long, boolean)} before using the directions.
	 * @param type the context key's encryption type
	 * @param contextKey the context key
	 * @param initiator whether this side initiated the context
	 */
	public PerMessageTokens(EncryptionType type, byte[] contextKey, boolean initiator) {
		if (contextKey.length != type.keyLength()) {
			throw new IllegalArgumentException("A " + type + " key has " + type.keyLength() + " bytes, not "
					+ contextKey.length);
		}
		this.type = type;
		this.initiator = initiator;
		int sendSealUsage = initiator ? INITIATOR_SEAL : ACCEPTOR_SEAL;
		int receiveSealUsage = initiator ? ACCEPTOR_SEAL : INITIATOR_SEAL;
		// Wrap tokens use the SEAL usage with and without confidentiality (as MIT and the JDK do); MIC tokens SIGN
		this.sendSeal = KeyUsageCipher.create(type, contextKey, sendSealUsage);
		this.sendWrapChecksum = KeyUsageChecksum.create(type, contextKey, sendSealUsage);
		this.sendSign = KeyUsageChecksum.create(type, contextKey, initiator ? INITIATOR_SIGN : ACCEPTOR_SIGN);
		this.receiveSeal = KeyUsageCipher.create(type, contextKey, receiveSealUsage);
		this.receiveWrapChecksum = KeyUsageChecksum.create(type, contextKey, receiveSealUsage);
		this.receiveSign = KeyUsageChecksum.create(type, contextKey, initiator ? ACCEPTOR_SIGN : INITIATOR_SIGN);
	}

	/**
	 * Return the encryption type.
	 * @return the type
	 */
	public EncryptionType type() {
		return this.type;
	}

	/**
	 * Start the sending direction.
	 * @param sequenceNumber the sequence number of the next token to send
	 * @param acceptorSubkey whether the context key is the acceptor's subkey
	 * @throws IllegalStateException if the receiving direction was started with another acceptor-subkey state
	 */
	public void startSending(long sequenceNumber, boolean acceptorSubkey) {
		agreeOnSubkey(acceptorSubkey);
		this.nextSend = sequenceNumber;
	}

	/**
	 * Start the receiving direction.
	 * @param sequenceNumber the sequence number the peer's next token must carry
	 * @param acceptorSubkey whether the context key is the acceptor's subkey
	 * @throws IllegalStateException if the sending direction was started with another acceptor-subkey state
	 */
	public void startReceiving(long sequenceNumber, boolean acceptorSubkey) {
		agreeOnSubkey(acceptorSubkey);
		this.nextReceive = sequenceNumber;
	}

	private void agreeOnSubkey(boolean acceptorSubkey) {
		Boolean known = this.acceptorSubkey;
		if (known != null && known != acceptorSubkey) {
			throw new IllegalStateException("The two directions of a Kerberos context disagree on the acceptor subkey");
		}
		this.acceptorSubkey = acceptorSubkey;
	}

	/**
	 * Whether the sending direction was started.
	 * @return {@code true} once {@link #startSending(long, boolean)} was called
	 */
	public boolean isSending() {
		return this.nextSend >= 0;
	}

	/**
	 * Whether the receiving direction was started.
	 * @return {@code true} once {@link #startReceiving(long, boolean)} was called
	 */
	public boolean isReceiving() {
		return this.nextReceive >= 0;
	}

	/**
	 * Rotate the encrypted part of sent Wrap tokens right by {@code rrc} bytes, as Windows does (RRC 28 for AES with
	 * confidentiality). The default is 0, as JGSS and MIT send.
	 * @param rrc the right rotation count
	 */
	public void sendRotation(int rrc) {
		if (rrc < 0 || rrc > 0xffff) {
			throw new IllegalArgumentException("RRC out of range: " + rrc);
		}
		this.sendRotation = rrc;
	}

	/**
	 * Protect one message as a Wrap token.
	 * @param data the buffer holding the message
	 * @param offset where it starts
	 * @param length its length
	 * @param confidential whether to encrypt it (else it is signed only)
	 * @return the token
	 */
	public byte[] wrap(byte[] data, int offset, int length, boolean confidential) {
		return wrap(data, offset, length, confidential, 0);
	}

	/**
	 * Protect one message as a Wrap token, with filler before the encrypted header copy as RFC 4121 section 4.2.4
	 * allows (and as Windows sends AES tokens, MS-KILE 3.4.5.4.1).
	 * @param data the buffer holding the message
	 * @param offset where it starts
	 * @param length its length
	 * @param confidential whether to encrypt it
	 * @param extraCount the filler's length (EC) when encrypting; ignored when signing only
	 * @return the token
	 */
	public byte[] wrap(byte[] data, int offset, int length, boolean confidential, int extraCount) {
		long sequenceNumber = sendSequence();
		int flags = sendFlags() | (confidential ? SEALED : 0);
		int rrc = this.sendRotation;
		byte[] token;
		if (confidential) {
			int ec = extraCount;
			if (ec < 0 || ec > 0xffff) {
				throw new IllegalArgumentException("EC out of range: " + ec);
			}
			int plaintext = length + ec + LENGTH;
			token = new byte[LENGTH + this.sendSeal.overhead() + plaintext];
			writeWrapHeader(token, 0, flags, ec, 0, sequenceNumber);
			int inner = LENGTH + KeyUsageCipher.CONFOUNDER_LENGTH;
			System.arraycopy(data, offset, token, inner, length);
			Arrays.fill(token, inner + length, inner + length + ec, (byte) 0xff);
			// the encrypted copy of the header has RRC 0; the header sent says the rotation
			System.arraycopy(token, 0, token, inner + length + ec, LENGTH);
			this.sendSeal.encrypt(token, LENGTH, plaintext);
			TokenHeader.put16(token, 6, rrc);
		}
		else {
			int h = this.sendWrapChecksum.length();
			token = new byte[LENGTH + length + h];
			// the checksum covers the data and the header with EC and RRC zero
			writeWrapHeader(token, 0, flags, 0, 0, sequenceNumber);
			System.arraycopy(data, offset, token, LENGTH, length);
			this.sendWrapChecksum.compute(data, offset, length, token, 0, LENGTH, token, LENGTH + length);
			TokenHeader.put16(token, 4, h);
			TokenHeader.put16(token, 6, rrc);
		}
		if (rrc != 0) {
			rotateRight(token, LENGTH, token.length - LENGTH, rrc);
		}
		this.nextSend = sequenceNumber + 1;
		return token;
	}

	/**
	 * Verify and, if encrypted, decrypt one Wrap token of the peer.
	 * @param token the buffer holding the token
	 * @param offset where it starts
	 * @param length its length
	 * @return the message and whether it was encrypted
	 * @throws PerMessageTokenException if the token is malformed, tampered, replayed or out of sequence
	 */
	public Unwrapped unwrap(byte[] token, int offset, int length) {
		if (!isReceiving()) {
			throw new IllegalStateException("The receiving direction of the Kerberos context was not started");
		}
		if (length < LENGTH) {
			throw new PerMessageTokenException(MALFORMED, "a Wrap token has at least 16 bytes, this one " + length);
		}
		TokenHeader header = TokenHeader.read(token, offset, length);
		if (header == null || header.tokenId() != TokenHeader.WRAP) {
			throw new PerMessageTokenException(MALFORMED, "not an RFC 4121 Wrap token (TOK_ID or filler)");
		}
		checkFlags(header);
		int bodyLength = length - LENGTH;
		byte[] body = new byte[bodyLength];
		int rrc = (bodyLength == 0) ? 0 : header.rightRotationCount() % bodyLength;
		// undo the right rotation while copying: the body starts rrc bytes into what was received
		System.arraycopy(token, offset + LENGTH + rrc, body, 0, bodyLength - rrc);
		System.arraycopy(token, offset + LENGTH, body, bodyLength - rrc, rrc);
		byte[] data;
		int ec = header.extraCount();
		if (header.sealed()) {
			int plaintext = this.receiveSeal.decrypt(body, 0, bodyLength);
			int dataLength = plaintext - ec - LENGTH;
			if (dataLength < 0) {
				throw new PerMessageTokenException(MALFORMED, "EC " + ec + " is longer than the encrypted data");
			}
			int copy = KeyUsageCipher.CONFOUNDER_LENGTH + dataLength + ec;
			// the encrypted header copy must match the header, except its RRC, which the sender sets to 0
			if (!KeyUsageChecksum.equal(body, copy, token, offset, 6)
					|| !KeyUsageChecksum.equal(body, copy + 8, token, offset + 8, 8)) {
				throw new PerMessageTokenException(PerMessageTokenException.Kind.INTEGRITY,
						"the encrypted header copy does not match the token's header");
			}
			checkSequence(header.sequenceNumber());
			// RFC 4121 4.2.4: the EC filler bytes are not data
			data = Arrays.copyOfRange(body, KeyUsageCipher.CONFOUNDER_LENGTH,
					KeyUsageCipher.CONFOUNDER_LENGTH + dataLength);
		}
		else {
			int h = this.receiveWrapChecksum.length();
			if (ec != h) {
				throw new PerMessageTokenException(MALFORMED,
						"a signed Wrap token's EC must be the checksum length " + h + ", not " + ec);
			}
			int dataLength = bodyLength - h;
			if (dataLength < 0) {
				throw new PerMessageTokenException(MALFORMED, "the Wrap token is shorter than its checksum");
			}
			byte[] zeroed = Arrays.copyOfRange(token, offset, offset + LENGTH);
			Arrays.fill(zeroed, 4, 8, (byte) 0);
			if (!this.receiveWrapChecksum.verify(body, 0, dataLength, zeroed, 0, LENGTH, body, dataLength)) {
				throw new PerMessageTokenException(PerMessageTokenException.Kind.INTEGRITY,
						"the checksum of the Wrap token does not verify (tampered, or another key)");
			}
			checkSequence(header.sequenceNumber());
			data = (dataLength == bodyLength) ? body : Arrays.copyOf(body, dataLength);
		}
		this.nextReceive = header.sequenceNumber() + 1;
		return new Unwrapped(data, header.sealed());
	}

	/**
	 * Compute a MIC token over a message.
	 * @param data the buffer holding the message
	 * @param offset where it starts
	 * @param length its length
	 * @return the MIC token
	 */
	public byte[] getMic(byte[] data, int offset, int length) {
		long sequenceNumber = sendSequence();
		byte[] token = new byte[LENGTH + this.sendSign.length()];
		writeMicHeader(token, sendFlags(), sequenceNumber);
		this.sendSign.compute(data, offset, length, token, 0, LENGTH, token, LENGTH);
		this.nextSend = sequenceNumber + 1;
		return token;
	}

	/**
	 * Verify the peer's MIC token over a message.
	 * @param data the buffer holding the message
	 * @param offset where it starts
	 * @param length its length
	 * @param mic the buffer holding the MIC token
	 * @param micOffset where it starts
	 * @param micLength its length
	 * @throws PerMessageTokenException if the token is malformed, does not verify, is replayed or out of sequence
	 */
	public void verifyMic(byte[] data, int offset, int length, byte[] mic, int micOffset, int micLength) {
		if (!isReceiving()) {
			throw new IllegalStateException("The receiving direction of the Kerberos context was not started");
		}
		TokenHeader header = TokenHeader.read(mic, micOffset, micLength);
		if (header == null || header.tokenId() != TokenHeader.MIC
				|| micLength != LENGTH + this.receiveSign.length()) {
			throw new PerMessageTokenException(MALFORMED, "not an RFC 4121 MIC token of " + this.type);
		}
		checkFlags(header);
		if (!this.receiveSign.verify(data, offset, length, mic, micOffset, LENGTH, mic, micOffset + LENGTH)) {
			throw new PerMessageTokenException(PerMessageTokenException.Kind.INTEGRITY,
					"the MIC does not verify (tampered, or another key)");
		}
		checkSequence(header.sequenceNumber());
		this.nextReceive = header.sequenceNumber() + 1;
	}

	private long sendSequence() {
		if (!isSending()) {
			throw new IllegalStateException("The sending direction of the Kerberos context was not started");
		}
		return this.nextSend;
	}

	private int sendFlags() {
		return (this.initiator ? 0 : SENT_BY_ACCEPTOR)
				| (Boolean.TRUE.equals(this.acceptorSubkey) ? ACCEPTOR_SUBKEY : 0);
	}

	private void checkFlags(TokenHeader header) {
		boolean byAcceptor = (header.flags() & SENT_BY_ACCEPTOR) != 0;
		if (byAcceptor != this.initiator) {
			throw new PerMessageTokenException(MALFORMED, "the token was sent by the "
					+ (byAcceptor ? "acceptor" : "initiator") + ", as this side is (a reflected token)");
		}
		if (header.acceptorSubkey() != Boolean.TRUE.equals(this.acceptorSubkey)) {
			throw new PerMessageTokenException(MALFORMED, "the token's AcceptorSubkey flag is "
					+ header.acceptorSubkey() + " while the context's key is "
					+ (header.acceptorSubkey() ? "not " : "") + "the acceptor's subkey");
		}
	}

	private void checkSequence(long sequenceNumber) {
		long expected = this.nextReceive;
		if (sequenceNumber < expected) {
			throw new PerMessageTokenException(PerMessageTokenException.Kind.REPLAY,
					"sequence number " + sequenceNumber + " was already received (expected " + expected + ")");
		}
		if (sequenceNumber > expected) {
			throw new PerMessageTokenException(PerMessageTokenException.Kind.OUT_OF_SEQUENCE, "sequence number "
					+ sequenceNumber + " is ahead of the expected " + expected + ": tokens are missing or reordered");
		}
	}

	private static void writeWrapHeader(byte[] token, int offset, int flags, int ec, int rrc, long sequenceNumber) {
		token[offset] = 0x05;
		token[offset + 1] = 0x04;
		token[offset + 2] = (byte) flags;
		token[offset + 3] = (byte) 0xff;
		TokenHeader.put16(token, offset + 4, ec);
		TokenHeader.put16(token, offset + 6, rrc);
		TokenHeader.put64(token, offset + 8, sequenceNumber);
	}

	private static void writeMicHeader(byte[] token, int flags, long sequenceNumber) {
		token[0] = 0x04;
		token[1] = 0x04;
		token[2] = (byte) flags;
		Arrays.fill(token, 3, 8, (byte) 0xff);
		TokenHeader.put64(token, 8, sequenceNumber);
	}

	/**
	 * Rotate {@code buffer[offset, offset + length)} right by {@code count} bytes.
	 */
	static void rotateRight(byte[] buffer, int offset, int length, int count) {
		if (length == 0) {
			return;
		}
		int shift = count % length;
		if (shift == 0) {
			return;
		}
		byte[] tail = Arrays.copyOfRange(buffer, offset + length - shift, offset + length);
		System.arraycopy(buffer, offset, buffer, offset + shift, length - shift);
		System.arraycopy(tail, 0, buffer, offset, shift);
	}

	@Override
	public String toString() {
		return "PerMessageTokens[" + this.type + ", " + (this.initiator ? "initiator" : "acceptor") + "]";
	}

	/**
	 * The result of {@link #unwrap(byte[], int, int)}.
	 * @param data the message
	 * @param confidential whether it was encrypted
	 */
	public record Unwrapped(byte[] data, boolean confidential) {
	}

}
