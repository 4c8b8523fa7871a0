package org.negotiatetcp.stream;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;

/**
 * An [MS-NNS] handshake message: a 5-byte header (MessageId, MajorVersion 1, MinorVersion 0, big-endian 16-bit
 * PayloadSize) and the authentication payload.
 * @param id the message id
 * @param payload the token, error payload or empty
 */
public record HandshakeMessage(HandshakeMessageId id, byte[] payload) {

	/** Size of the header. */
	public static final int HEADER_SIZE = 5;

	/** Largest payload the 16-bit size field can carry. */
	public static final int MAX_PAYLOAD_SIZE = 0xFFFF;

	private static final byte[] EMPTY = new byte[0];

	public HandshakeMessage {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(payload, "payload");
		if (payload.length > MAX_PAYLOAD_SIZE) {
			throw new NnsProtocolException(FailureReason.LIMIT, "Handshake token of " + payload.length
					+ " bytes does not fit an NNS handshake message (max " + MAX_PAYLOAD_SIZE + ")");
		}
	}

	/**
	 * A HandshakeInProgress message.
	 * @param token the token
	 * @return the message
	 */
	public static HandshakeMessage inProgress(byte[] token) {
		return new HandshakeMessage(HandshakeMessageId.HANDSHAKE_IN_PROGRESS, token);
	}

	/**
	 * A HandshakeDone message.
	 * @param token the last token, or an empty array for the empty acknowledgement
	 * @return the message
	 */
	public static HandshakeMessage done(byte @Nullable [] token) {
		return new HandshakeMessage(HandshakeMessageId.HANDSHAKE_DONE, (token != null) ? token : EMPTY);
	}

	/**
	 * A HandshakeError message carrying an error code.
	 * @param errorCode the Win32 error or HRESULT, for example {@link HandshakeErrorPayload#ERROR_TRUST_FAILURE}
	 * @return the message
	 */
	public static HandshakeMessage error(int errorCode) {
		return new HandshakeMessage(HandshakeMessageId.HANDSHAKE_ERROR, HandshakeErrorPayload.encode(errorCode));
	}

	/**
	 * Write this message.
	 * @param out the buffer
	 */
	public void encode(ByteBuf out) {
		out.writeByte(this.id.code());
		out.writeByte(1);
		out.writeByte(0);
		out.writeShort(this.payload.length);
		out.writeBytes(this.payload);
	}

	/**
	 * Read one message if complete.
	 * @param in the bytes received so far; the reader index moves past the message only if it is complete
	 * @param maxPayloadSize the largest payload accepted (the handshake token limit)
	 * @return the message, or {@code null} if more bytes are needed
	 * @throws NnsProtocolException if the message id is unknown or the payload exceeds the limit
	 */
	public static @Nullable HandshakeMessage decode(ByteBuf in, int maxPayloadSize) {
		if (in.readableBytes() < HEADER_SIZE) {
			return null;
		}
		int start = in.readerIndex();
		int code = in.getUnsignedByte(start);
		HandshakeMessageId id = HandshakeMessageId.of(code);
		if (id == null) {
			throw new NnsProtocolException(FailureReason.PROTOCOL, String.format(
					"Expected an NNS handshake message (0x14, 0x15 or 0x16) but received 0x%02X; is the peer speaking "
							+ "NegotiateStream, and with the same mode (net.tcp or raw)?", code));
		}
		int size = in.getUnsignedShort(start + 3);
		if (size > maxPayloadSize) {
			throw new NnsProtocolException(FailureReason.LIMIT, "NNS handshake token of " + size
					+ " bytes exceeds the limit of " + maxPayloadSize + " bytes (max-handshake-token-size)");
		}
		if (in.readableBytes() < HEADER_SIZE + size) {
			return null;
		}
		byte[] payload = new byte[size];
		in.getBytes(start + HEADER_SIZE, payload);
		in.skipBytes(HEADER_SIZE + size);
		return new HandshakeMessage(id, payload);
	}

	@Override
	public String toString() {
		return this.id + "[" + this.payload.length + " bytes]";
	}

}
