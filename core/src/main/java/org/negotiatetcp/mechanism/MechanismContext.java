package org.negotiatetcp.mechanism;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.security.AuthorizationContext;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.Mechanism;

/**
 * One side of an authentication exchange, initiator or acceptor, with GSS-API semantics: tokens go back and forth
 * through {@link #step(byte[])} until {@link #isEstablished()}, then data is protected with {@link #wrap} and
 * {@link #unwrap}.
 * <p>
 * A context is not thread-safe: a channel drives it from its single event loop, which also keeps the per-direction
 * sequence numbers in order. Close it when the channel closes.
 */
public interface MechanismContext extends AutoCloseable {

	/**
	 * Process the peer's token and produce the next token to send.
	 * @param inputToken the peer's token, or {@code null} for an initiator's first call
	 * @return the token to send to the peer; an empty array when there is nothing to send
	 * @throws MechanismException if the token is bad or authentication failed
	 */
	byte[] step(byte @Nullable [] inputToken);

	/**
	 * Whether the exchange has completed successfully on this side.
	 * @return {@code true} once established
	 */
	boolean isEstablished();

	/**
	 * Whether this side initiated the exchange (the client).
	 * @return {@code true} for an initiator
	 */
	boolean isInitiator();

	/**
	 * Return what the exchange negotiated. Valid once established.
	 * @return the negotiated properties
	 * @throws IllegalStateException if the context is not established
	 */
	NegotiatedContext negotiated();

	/**
	 * Protect one message.
	 * @param data the buffer holding the plaintext
	 * @param offset where the plaintext starts
	 * @param length how many bytes of plaintext
	 * @param confidential whether to encrypt as well as sign
	 * @return the protected message as one token
	 * @throws MechanismException if protection fails
	 */
	byte[] wrap(byte[] data, int offset, int length, boolean confidential);

	/**
	 * Verify and, if encrypted, decrypt one protected message.
	 * @param token the buffer holding the protected message
	 * @param offset where it starts
	 * @param length its length
	 * @return the plaintext
	 * @throws MechanismException if the message is tampered, replayed, out of sequence or malformed
	 */
	byte[] unwrap(byte[] token, int offset, int length);

	/**
	 * Protect one message read from a buffer into a new buffer, the data path's form of
	 * {@link #wrap(byte[], int, int, boolean)}. Mechanisms that can protect in place (this project's Kerberos AES and
	 * NTLM) copy the message once, into the returned buffer, and protect it there; the default goes through the
	 * array form.
	 * @param data the buffer holding the plaintext at its reader index; the reader index moves past {@code length}
	 * bytes, the buffer is not released
	 * @param length how many bytes of plaintext
	 * @param confidential whether to encrypt as well as sign
	 * @param alloc where the returned buffer comes from
	 * @param headroom how many bytes to leave before the token for the caller (a frame header); the returned buffer's
	 * reader index is 0 and the token starts at {@code headroom}
	 * @return the buffer, owned by the caller
	 * @throws MechanismException if protection fails
	 */
	default ByteBuf wrap(ByteBuf data, int length, boolean confidential, ByteBufAllocator alloc, int headroom) {
		byte[] array;
		int offset;
		if (data.hasArray()) {
			array = data.array();
			offset = data.arrayOffset() + data.readerIndex();
		}
		else {
			array = ByteBufUtil.getBytes(data, data.readerIndex(), length, false);
			offset = 0;
		}
		byte[] token = wrap(array, offset, length, confidential);
		data.skipBytes(length);
		ByteBuf out = alloc.buffer(headroom + token.length);
		out.writerIndex(headroom);
		return out.writeBytes(token);
	}

	/**
	 * Verify and, if encrypted, decrypt one protected message read from a buffer, the data path's form of
	 * {@link #unwrap(byte[], int, int)}. Mechanisms that can open in place (this project's Kerberos AES and NTLM) copy
	 * the token once, into a buffer from the allocator, and return the plaintext as part of it; the default goes
	 * through the array form.
	 * @param token the buffer holding the protected message at its reader index; the reader index moves past
	 * {@code length} bytes, the buffer is not released
	 * @param length the protected message's length
	 * @param alloc where the returned buffer comes from
	 * @return the plaintext, owned by the caller
	 * @throws MechanismException if the message is tampered, replayed, out of sequence or malformed
	 */
	default ByteBuf unwrap(ByteBuf token, int length, ByteBufAllocator alloc) {
		byte[] array;
		int offset;
		if (token.hasArray()) {
			array = token.array();
			offset = token.arrayOffset() + token.readerIndex();
		}
		else {
			array = ByteBufUtil.getBytes(token, token.readerIndex(), length, false);
			offset = 0;
		}
		token.skipBytes(length);
		byte[] plain = unwrap(array, offset, length);
		return (plain.length > 0) ? Unpooled.wrappedBuffer(plain) : Unpooled.EMPTY_BUFFER;
	}

	/**
	 * Compute a MIC (integrity checksum) over {@code data}, as SPNEGO's mechListMIC needs.
	 * @param data the data
	 * @return the MIC token
	 * @throws MechanismException if the mechanism cannot compute one
	 */
	byte[] getMic(byte[] data);

	/**
	 * Verify a MIC produced by the peer's {@link #getMic(byte[])}.
	 * @param data the data
	 * @param mic the MIC token
	 * @throws MechanismException if the MIC does not verify
	 */
	void verifyMic(byte[] data, byte[] mic);

	/**
	 * Release the mechanism state (keys, JGSS context). Idempotent.
	 */
	@Override
	void close();

	/**
	 * What an established context negotiated.
	 * @param mechanism the concrete mechanism that authenticated
	 * @param peerName on an acceptor the client's principal name ({@code user@REALM} or {@code DOMAIN\\user});
	 * on an initiator the server's name as authenticated (or the requested target name when not mutual)
	 * @param mutual whether the server was authenticated to the client
	 * @param confidentiality whether wrap may encrypt
	 * @param integrity whether wrap may sign
	 * @param anonymous whether the client is anonymous
	 * @param impersonationLevel the impersonation level the client granted
	 * @param delegatedCredential on an acceptor, the client's delegated credential ({@code GSSCredential}) if any
	 * @param acceptedTargetName on an acceptor, the target name the client authenticated to as the acceptor checked
	 * it (NTLM's MsvAvTargetName), or {@code null} if unknown
	 * @param authorizationContext on an acceptor, the client's authorization context (from the ticket's PAC);
	 * {@link AuthorizationContext#none()} otherwise
	 */
	record NegotiatedContext(Mechanism mechanism, String peerName, boolean mutual, boolean confidentiality,
			boolean integrity, boolean anonymous, ImpersonationLevel impersonationLevel,
			@Nullable Object delegatedCredential, @Nullable String acceptedTargetName,
			AuthorizationContext authorizationContext) {

		/**
		 * Create a description without an authorization context.
		 * @param mechanism the concrete mechanism that authenticated
		 * @param peerName the peer's name
		 * @param mutual whether the server was authenticated to the client
		 * @param confidentiality whether wrap may encrypt
		 * @param integrity whether wrap may sign
		 * @param anonymous whether the client is anonymous
		 * @param impersonationLevel the impersonation level the client granted
		 * @param delegatedCredential the client's delegated credential, if any
		 * @param acceptedTargetName the target name the acceptor checked, or {@code null}
		 */
		public NegotiatedContext(Mechanism mechanism, String peerName, boolean mutual, boolean confidentiality,
				boolean integrity, boolean anonymous, ImpersonationLevel impersonationLevel,
				@Nullable Object delegatedCredential, @Nullable String acceptedTargetName) {
			this(mechanism, peerName, mutual, confidentiality, integrity, anonymous, impersonationLevel,
					delegatedCredential, acceptedTargetName, AuthorizationContext.none());
		}

		/**
		 * Create a description without an accepted target name or authorization context.
		 * @param mechanism the concrete mechanism that authenticated
		 * @param peerName the peer's name
		 * @param mutual whether the server was authenticated to the client
		 * @param confidentiality whether wrap may encrypt
		 * @param integrity whether wrap may sign
		 * @param anonymous whether the client is anonymous
		 * @param impersonationLevel the impersonation level the client granted
		 * @param delegatedCredential the client's delegated credential, if any
		 */
		public NegotiatedContext(Mechanism mechanism, String peerName, boolean mutual, boolean confidentiality,
				boolean integrity, boolean anonymous, ImpersonationLevel impersonationLevel,
				@Nullable Object delegatedCredential) {
			this(mechanism, peerName, mutual, confidentiality, integrity, anonymous, impersonationLevel,
					delegatedCredential, null, AuthorizationContext.none());
		}

	}

}
