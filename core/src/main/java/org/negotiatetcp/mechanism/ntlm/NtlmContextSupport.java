package org.negotiatetcp.mechanism.ntlm;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * What the NTLM initiator and acceptor share once established: negotiated properties and session security.
 */
abstract sealed class NtlmContextSupport implements NtlmContext permits NtlmInitiatorContext, NtlmAcceptorContext {

	private @Nullable NegotiatedContext negotiated;

	private @Nullable NtlmSessionSecurity security;

	private int flags;

	private boolean mic;

	private boolean closed;

	/**
	 * Mark the context established.
	 * @param negotiated what was negotiated
	 * @param security the session security state
	 * @param flags the final negotiated flags
	 * @param mic whether the AUTHENTICATE carried a MIC
	 */
	final void established(NegotiatedContext negotiated, NtlmSessionSecurity security, int flags, boolean mic) {
		this.negotiated = negotiated;
		this.security = security;
		this.flags = flags;
		this.mic = mic;
	}

	final void checkOpen() {
		if (this.closed) {
			throw new IllegalStateException("NTLM context is closed");
		}
	}

	@Override
	public final boolean isEstablished() {
		return this.negotiated != null && !this.closed;
	}

	@Override
	public final NegotiatedContext negotiated() {
		return requireEstablished();
	}

	@Override
	public final int negotiatedFlags() {
		requireEstablished();
		return this.flags;
	}

	@Override
	public final boolean authenticateMessageHasMic() {
		requireEstablished();
		return this.mic;
	}

	@Override
	public final byte[] wrap(byte[] data, int offset, int length, boolean confidential) {
		Objects.checkFromIndexSize(offset, length, data.length);
		checkWrap(confidential);
		return security().wrap(data, offset, length, confidential);
	}

	@Override
	public final ByteBuf wrap(ByteBuf data, int length, boolean confidential, ByteBufAllocator alloc, int headroom) {
		checkWrap(confidential);
		int tokenLength = NtlmSessionSecurity.SIGNATURE_LENGTH + length;
		ByteBuf out = alloc.heapBuffer(headroom + tokenLength);
		if (!out.hasArray()) {
			out.release();
			return NtlmContext.super.wrap(data, length, confidential, alloc, headroom);
		}
		try {
			// the plaintext is copied once, into the message, and signed and sealed there
			int base = out.arrayOffset() + headroom;
			data.readBytes(out.array(), base + NtlmSessionSecurity.SIGNATURE_LENGTH, length);
			security().wrapInPlace(out.array(), base, length, confidential);
			return out.writerIndex(headroom + tokenLength);
		}
		catch (RuntimeException ex) {
			out.release();
			throw ex;
		}
	}

	private void checkWrap(boolean confidential) {
		NegotiatedContext context = requireEstablished();
		if (!context.integrity()) {
			throw new MechanismException(FailureReason.POLICY, "NTLM negotiated neither signing nor sealing "
					+ "(protection level None), so messages cannot be wrapped; request integrity or confidentiality");
		}
		if (confidential && !context.confidentiality()) {
			throw new MechanismException(FailureReason.POLICY, "NTLM did not negotiate sealing "
					+ "(NTLMSSP_NEGOTIATE_SEAL), so messages can only be signed; request confidentiality "
					+ "(ProtectionLevel.ENCRYPT_AND_SIGN) on the client to encrypt");
		}
		if (!confidential && context.confidentiality()) {
			throw new MechanismException(FailureReason.POLICY, "NTLM negotiated sealing, and the peer will unseal "
					+ "every message (NTLM tokens do not say whether they are sealed); wrap with confidential=true");
		}
	}

	@Override
	public final byte[] unwrap(byte[] token, int offset, int length) {
		Objects.checkFromIndexSize(offset, length, token.length);
		return security().unwrap(token, offset, length, checkUnwrap().confidentiality());
	}

	@Override
	public final ByteBuf unwrap(ByteBuf token, int length, ByteBufAllocator alloc) {
		boolean sealed = checkUnwrap().confidentiality();
		ByteBuf copy = alloc.heapBuffer(length);
		if (!copy.hasArray()) {
			copy.release();
			return NtlmContext.super.unwrap(token, length, alloc);
		}
		try {
			// the message is copied once, out of the received bytes, and verified and unsealed there
			copy.writeBytes(token, length);
			int dataLength = security().unwrapInPlace(copy.array(), copy.arrayOffset(), length, sealed);
			return copy.setIndex(NtlmSessionSecurity.SIGNATURE_LENGTH,
					NtlmSessionSecurity.SIGNATURE_LENGTH + dataLength);
		}
		catch (RuntimeException ex) {
			copy.release();
			throw ex;
		}
	}

	private NegotiatedContext checkUnwrap() {
		NegotiatedContext context = requireEstablished();
		if (!context.integrity()) {
			throw new MechanismException(FailureReason.POLICY, "NTLM negotiated neither signing nor sealing "
					+ "(protection level None), so there are no protected messages to unwrap");
		}
		return context;
	}

	@Override
	public final byte[] getMic(byte[] data) {
		requireEstablished();
		return security().getMic(data);
	}

	@Override
	public final void verifyMic(byte[] data, byte[] mic) {
		requireEstablished();
		security().verifyMic(data, mic);
	}

	@Override
	public final void resetSealingState() {
		requireEstablished();
		security().resetSealingState();
	}

	@Override
	public void close() {
		if (!this.closed) {
			this.closed = true;
			if (this.security != null) {
				this.security.destroy();
			}
		}
	}

	private NtlmSessionSecurity security() {
		return Objects.requireNonNull(this.security);
	}

	private NegotiatedContext requireEstablished() {
		checkOpen();
		NegotiatedContext context = this.negotiated;
		if (context == null) {
			throw new IllegalStateException("NTLM context is not established yet");
		}
		return context;
	}

}
