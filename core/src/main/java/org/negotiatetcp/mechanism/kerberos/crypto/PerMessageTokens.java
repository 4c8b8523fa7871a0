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
 * 25) are derived from the context key once, when a kind of token is first sent or received: the SEAL usages protect
 * Wrap tokens,
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

	private final byte[] contextKey;

	private @Nullable KeyUsageCipher sendSeal;

	private @Nullable KeyUsageChecksum sendWrapChecksum;

	private @Nullable KeyUsageChecksum sendSign;

	private @Nullable KeyUsageCipher receiveSeal;

	private @Nullable KeyUsageChecksum receiveWrapChecksum;

	private @Nullable KeyUsageChecksum receiveSign;

	private boolean lastSealed;

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
		this.contextKey = contextKey.clone();
	}

	// Wrap tokens use the SEAL usage with and without confidentiality (as MIT and the JDK do); MIC tokens SIGN

	private int sendSealUsage() {
		return this.initiator ? INITIATOR_SEAL : ACCEPTOR_SEAL;
	}

	private int receiveSealUsage() {
		return this.initiator ? ACCEPTOR_SEAL : INITIATOR_SEAL;
	}

	private KeyUsageCipher sendSeal() {
		KeyUsageCipher cipher = this.sendSeal;
		if (cipher == null) {
			cipher = KeyUsageCipher.create(this.type, this.contextKey, sendSealUsage());
			this.sendSeal = cipher;
		}
		return cipher;
	}

	private KeyUsageCipher receiveSeal() {
		KeyUsageCipher cipher = this.receiveSeal;
		if (cipher == null) {
			cipher = KeyUsageCipher.create(this.type, this.contextKey, receiveSealUsage());
			this.receiveSeal = cipher;
		}
		return cipher;
	}

	private KeyUsageChecksum sendWrapChecksum() {
		KeyUsageChecksum checksum = this.sendWrapChecksum;
		if (checksum == null) {
			checksum = KeyUsageChecksum.create(this.type, this.contextKey, sendSealUsage());
			this.sendWrapChecksum = checksum;
		}
		return checksum;
	}

	private KeyUsageChecksum receiveWrapChecksum() {
		KeyUsageChecksum checksum = this.receiveWrapChecksum;
		if (checksum == null) {
			checksum = KeyUsageChecksum.create(this.type, this.contextKey, receiveSealUsage());
			this.receiveWrapChecksum = checksum;
		}
		return checksum;
	}

	private KeyUsageChecksum sendSign() {
		KeyUsageChecksum checksum = this.sendSign;
		if (checksum == null) {
			checksum = KeyUsageChecksum.create(this.type, this.contextKey,
					this.initiator ? INITIATOR_SIGN : ACCEPTOR_SIGN);
			this.sendSign = checksum;
		}
		return checksum;
	}

	private KeyUsageChecksum receiveSign() {
		KeyUsageChecksum checksum = this.receiveSign;
		if (checksum == null) {
			checksum = KeyUsageChecksum.create(this.type, this.contextKey,
					this.initiator ? ACCEPTOR_SIGN : INITIATOR_SIGN);
			this.receiveSign = checksum;
		}
		return checksum;
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
		byte[] token = new byte[wrapTokenLength(length, confidential, extraCount)];
		System.arraycopy(data, offset, token, dataOffset(confidential), length);
		wrapInPlace(token, 0, length, confidential, extraCount);
		return token;
	}

	/**
	 * Return the length of the Wrap token of a message.
	 * @param length the message's length
	 * @param confidential whether it is encrypted
	 * @param extraCount the filler's length (EC) when encrypting
	 * @return the token's length
	 */
	public int wrapTokenLength(int length, boolean confidential, int extraCount) {
		return confidential ? LENGTH + KeyUsageCipher.CONFOUNDER_LENGTH + length + extraCount + LENGTH
				+ this.type.checksumLength() : LENGTH + length + this.type.checksumLength();
	}

	/**
	 * Return where, in a Wrap token, the message starts before it is sealed or after it is opened in place.
	 * @param confidential whether the token is encrypted
	 * @return 32 (the header and the confounder) or 16 (the header)
	 */
	public static int dataOffset(boolean confidential) {
		return confidential ? LENGTH + KeyUsageCipher.CONFOUNDER_LENGTH : LENGTH;
	}

	/**
	 * Protect one message as a Wrap token in place, without copying it: the message is already at
	 * {@code token[offset + dataOffset(confidential)]} and the token's other bytes are written around it (the
	 * buffer has {@link #wrapTokenLength(int, boolean, int)} bytes from {@code offset}).
	 * @param token the buffer
	 * @param offset where the token starts
	 * @param length the message's length
	 * @param confidential whether to encrypt it (else it is signed only)
	 * @param extraCount the filler's length (EC) when encrypting; ignored when signing only
	 * @return the token's length
	 */
	public int wrapInPlace(byte[] token, int offset, int length, boolean confidential, int extraCount) {
		long sequenceNumber = sendSequence();
		int flags = sendFlags() | (confidential ? SEALED : 0);
		int rrc = this.sendRotation;
		int tokenLength = wrapTokenLength(length, confidential, extraCount);
		if (confidential) {
			int ec = extraCount;
			if (ec < 0 || ec > 0xffff) {
				throw new IllegalArgumentException("EC out of range: " + ec);
			}
			int plaintext = length + ec + LENGTH;
			writeWrapHeader(token, offset, flags, ec, 0, sequenceNumber);
			int inner = offset + LENGTH + KeyUsageCipher.CONFOUNDER_LENGTH;
			Arrays.fill(token, inner + length, inner + length + ec, (byte) 0xff);
			// the encrypted copy of the header has RRC 0; the header sent says the rotation
			System.arraycopy(token, offset, token, inner + length + ec, LENGTH);
			sendSeal().encrypt(token, offset + LENGTH, plaintext);
			TokenHeader.put16(token, offset + 6, rrc);
		}
		else {
			int h = this.type.checksumLength();
			// the checksum covers the data and the header with EC and RRC zero
			writeWrapHeader(token, offset, flags, 0, 0, sequenceNumber);
			sendWrapChecksum().compute(token, offset + LENGTH, length, token, offset, LENGTH, token,
					offset + LENGTH + length);
			TokenHeader.put16(token, offset + 4, h);
			TokenHeader.put16(token, offset + 6, rrc);
		}
		if (rrc != 0) {
			rotateRight(token, offset + LENGTH, tokenLength - LENGTH, rrc);
		}
		this.nextSend = sequenceNumber + 1;
		return tokenLength;
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
		byte[] copy = Arrays.copyOfRange(token, offset, offset + length);
		int dataLength = unwrapInPlace(copy, 0, length);
		int start = dataOffset(this.lastSealed);
		return new Unwrapped(Arrays.copyOfRange(copy, start, start + dataLength), this.lastSealed);
	}

	/**
	 * Verify and, if encrypted, decrypt one Wrap token of the peer in place: the message is then at
	 * {@code token[offset + dataOffset(lastUnwrapSealed())]}. The token's other bytes are overwritten.
	 * @param token the buffer holding the token, which this call may modify
	 * @param offset where it starts
	 * @param length its length
	 * @return the message's length
	 * @throws PerMessageTokenException if the token is malformed, tampered, replayed or out of sequence
	 */
	public int unwrapInPlace(byte[] token, int offset, int length) {
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
		int body = offset + LENGTH;
		int bodyLength = length - LENGTH;
		int rrc = (bodyLength == 0) ? 0 : header.rightRotationCount() % bodyLength;
		// undo the right rotation: the body starts rrc bytes into what was received
		rotateLeft(token, body, bodyLength, rrc);
		int dataLength;
		int ec = header.extraCount();
		if (header.sealed()) {
			int plaintext = receiveSeal().decrypt(token, body, bodyLength);
			dataLength = plaintext - ec - LENGTH;
			if (dataLength < 0) {
				throw new PerMessageTokenException(MALFORMED, "EC " + ec + " is longer than the encrypted data");
			}
			int copy = body + KeyUsageCipher.CONFOUNDER_LENGTH + dataLength + ec;
			// the encrypted header copy must match the header, except its RRC, which the sender sets to 0
			if (!KeyUsageChecksum.equal(token, copy, token, offset, 6)
					|| !KeyUsageChecksum.equal(token, copy + 8, token, offset + 8, 8)) {
				throw new PerMessageTokenException(PerMessageTokenException.Kind.INTEGRITY,
						"the encrypted header copy does not match the token's header");
			}
			checkSequence(header.sequenceNumber());
			// RFC 4121 4.2.4: the EC filler bytes are not data
		}
		else {
			int h = this.type.checksumLength();
			if (ec != h) {
				throw new PerMessageTokenException(MALFORMED,
						"a signed Wrap token's EC must be the checksum length " + h + ", not " + ec);
			}
			dataLength = bodyLength - h;
			if (dataLength < 0) {
				throw new PerMessageTokenException(MALFORMED, "the Wrap token is shorter than its checksum");
			}
			// the checksum covers the header with EC and RRC zero: zero them in place (the header was read)
			Arrays.fill(token, offset + 4, offset + 8, (byte) 0);
			if (!receiveWrapChecksum().verify(token, body, dataLength, token, offset, LENGTH, token,
					body + dataLength)) {
				throw new PerMessageTokenException(PerMessageTokenException.Kind.INTEGRITY,
						"the checksum of the Wrap token does not verify (tampered, or another key)");
			}
			checkSequence(header.sequenceNumber());
		}
		this.nextReceive = header.sequenceNumber() + 1;
		this.lastSealed = header.sealed();
		return dataLength;
	}

	/**
	 * Whether the token {@link #unwrapInPlace(byte[], int, int)} opened last was encrypted.
	 * @return {@code true} if it was
	 */
	public boolean lastUnwrapSealed() {
		return this.lastSealed;
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
		KeyUsageChecksum sign = sendSign();
		byte[] token = new byte[LENGTH + sign.length()];
		writeMicHeader(token, sendFlags(), sequenceNumber);
		sign.compute(data, offset, length, token, 0, LENGTH, token, LENGTH);
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
				|| micLength != LENGTH + this.type.checksumLength()) {
			throw new PerMessageTokenException(MALFORMED, "not an RFC 4121 MIC token of " + this.type);
		}
		checkFlags(header);
		if (!receiveSign().verify(data, offset, length, mic, micOffset, LENGTH, mic, micOffset + LENGTH)) {
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
	 * Rotate {@code buffer[offset, offset + length)} right by {@code count} bytes, in place.
	 */
	static void rotateRight(byte[] buffer, int offset, int length, int count) {
		if (length == 0) {
			return;
		}
		rotateLeft(buffer, offset, length, length - (count % length));
	}

	/**
	 * Rotate {@code buffer[offset, offset + length)} left by {@code count} bytes, in place (three reversals).
	 */
	static void rotateLeft(byte[] buffer, int offset, int length, int count) {
		if (length == 0) {
			return;
		}
		int shift = count % length;
		if (shift == 0) {
			return;
		}
		reverse(buffer, offset, offset + shift);
		reverse(buffer, offset + shift, offset + length);
		reverse(buffer, offset, offset + length);
	}

	private static void reverse(byte[] buffer, int from, int to) {
		for (int i = from, j = to - 1; i < j; i++, j--) {
			byte b = buffer[i];
			buffer[i] = buffer[j];
			buffer[j] = b;
		}
	}

	/**
	 * Forget this context's keys in the calling thread's JCA instances (when the context closes).
	 */
	public void forget() {
		forget(this.sendSeal);
		forget(this.receiveSeal);
		forget(this.sendWrapChecksum);
		forget(this.receiveWrapChecksum);
		forget(this.sendSign);
		forget(this.receiveSign);
		KeyDerivation.forget(this.contextKey);
		Arrays.fill(this.contextKey, (byte) 0);
	}

	private static void forget(@Nullable Object keys) {
		if (keys instanceof KeyUsageCipher cipher) {
			cipher.forget();
		}
		else if (keys instanceof KeyUsageChecksum checksum) {
			checksum.forget();
		}
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
