package org.negotiatetcp.mechanism.spnego;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * What both SPNEGO roles share: the inner mechanism context, the mechListMIC over the MechTypeList as sent, the NTLM
 * RC4 reset, and delegation of {@link #negotiated()} and per-message protection to the inner context.
 */
abstract sealed class SpnegoContextSupport implements MechanismContext
		permits SpnegoInitiatorContext, SpnegoAcceptorContext {

	static final byte[] EMPTY = new byte[0];

	/** The inner mechanism context, once one was started. */
	protected @Nullable MechanismContext inner;

	/** The mechanism the inner context runs. */
	protected @Nullable Mechanism innerMechanism;

	/** The DER MechTypeList exactly as the initiator sent it. */
	protected byte @Nullable [] mechTypesEncoding;

	/** Whether this side computed and sent its mechListMIC. */
	protected boolean ownMicSent;

	/** Whether the peer's mechListMIC was verified. */
	protected boolean peerMicVerified;

	private boolean established;

	private boolean closed;

	@Override
	public final boolean isEstablished() {
		return this.established;
	}

	/**
	 * Mark SPNEGO as complete; with NTLM, reset the RC4 state if a mechListMIC was exchanged.
	 */
	protected final void markEstablished() {
		MechanismContext context = requireInner();
		if (!context.isEstablished()) {
			throw new MechanismException(FailureReason.BAD_TOKEN,
					"SPNEGO completed before the " + this.innerMechanism + " exchange did");
		}
		if (this.innerMechanism == Mechanism.NTLM && (this.ownMicSent || this.peerMicVerified)) {
			NtlmSealing.resetAfterMechListMic(context);
		}
		this.established = true;
	}

	/**
	 * Whether the inner context can compute and verify MICs (it provides integrity and is not anonymous).
	 * @return {@code true} if a mechListMIC can be exchanged
	 */
	protected final boolean innerCanSign() {
		NegotiatedContext negotiated = requireInner().negotiated();
		return negotiated.integrity() && !negotiated.anonymous();
	}

	/**
	 * Compute this side's mechListMIC.
	 * @param required whether the exchange is mandatory (a failure is then fatal)
	 * @return the MIC, or {@code null} if it is optional and the mechanism cannot sign
	 */
	protected final byte @Nullable [] ownMic(boolean required) {
		MechanismContext context = requireInner();
		if (!innerCanSign()) {
			if (required) {
				throw new MechanismException(FailureReason.POLICY, "The negotiated " + this.innerMechanism
						+ " context provides no integrity, so the mechanism list cannot be protected against a downgrade; "
						+ "use a protection level of sign or encrypt-and-sign and a non-anonymous credential");
			}
			return null;
		}
		byte[] mic = context.getMic(mechTypes());
		this.ownMicSent = true;
		return mic;
	}

	/**
	 * Verify the peer's mechListMIC over the MechTypeList.
	 * @param mic the peer's MIC
	 * @throws MechanismException with {@link FailureReason#BAD_TOKEN} if it does not verify
	 */
	protected final void verifyPeerMic(byte[] mic) {
		MechanismContext context = requireInner();
		if (!context.isEstablished()) {
			throw new MechanismException(FailureReason.BAD_TOKEN,
					"The peer sent a mechListMIC before the " + this.innerMechanism + " exchange completed");
		}
		try {
			context.verifyMic(mechTypes(), mic);
		}
		catch (MechanismException ex) {
			throw new MechanismException(FailureReason.BAD_TOKEN, "The peer's SPNEGO mechListMIC does not verify: "
					+ "the mechanism list was modified (downgrade attempt) or the token was tampered with in transit", ex);
		}
		this.peerMicVerified = true;
	}

	private byte[] mechTypes() {
		byte[] list = this.mechTypesEncoding;
		if (list == null) {
			throw new IllegalStateException("No mechanism list yet");
		}
		return list;
	}

	/**
	 * Return the inner context.
	 * @return the context
	 */
	protected final MechanismContext requireInner() {
		MechanismContext context = this.inner;
		if (context == null) {
			throw new IllegalStateException("No mechanism was negotiated yet");
		}
		return context;
	}

	/**
	 * Replace the inner context, closing the previous one.
	 * @param mechanism the mechanism of the new context
	 * @param context the new context, or {@code null}
	 */
	protected final void setInner(@Nullable Mechanism mechanism, @Nullable MechanismContext context) {
		MechanismContext previous = this.inner;
		if (previous != null && previous != context) {
			previous.close();
		}
		this.inner = context;
		this.innerMechanism = mechanism;
	}

	/**
	 * Reject a step after completion or close.
	 */
	protected final void checkStepAllowed() {
		if (this.closed) {
			throw new MechanismException(FailureReason.PROTOCOL, "The SPNEGO context is closed");
		}
		if (this.established) {
			throw new MechanismException(FailureReason.PROTOCOL,
					"The SPNEGO context is already established; no further handshake token is expected");
		}
	}

	private MechanismContext established() {
		if (!this.established) {
			throw new MechanismException(FailureReason.PROTOCOL, "The SPNEGO context is not established");
		}
		return requireInner();
	}

	@Override
	public final NegotiatedContext negotiated() {
		if (!this.established) {
			throw new IllegalStateException("The SPNEGO context is not established");
		}
		return requireInner().negotiated();
	}

	@Override
	public final byte[] wrap(byte[] data, int offset, int length, boolean confidential) {
		return established().wrap(data, offset, length, confidential);
	}

	@Override
	public final byte[] unwrap(byte[] token, int offset, int length) {
		return established().unwrap(token, offset, length);
	}

	@Override
	public final ByteBuf wrap(ByteBuf data, int length, boolean confidential, ByteBufAllocator alloc, int headroom) {
		return established().wrap(data, length, confidential, alloc, headroom);
	}

	@Override
	public final ByteBuf unwrap(ByteBuf token, int length, ByteBufAllocator alloc) {
		return established().unwrap(token, length, alloc);
	}

	@Override
	public final byte[] getMic(byte[] data) {
		return established().getMic(data);
	}

	@Override
	public final void verifyMic(byte[] data, byte[] mic) {
		established().verifyMic(data, mic);
	}

	/**
	 * Return the mechanism the inner context runs, once one was selected.
	 * @return the mechanism or {@code null}
	 */
	public final @Nullable Mechanism selectedMechanism() {
		return this.innerMechanism;
	}

	/**
	 * Return the inner mechanism context (for example a {@code GssMechanismContext}), once one was started.
	 * @return the context or {@code null}
	 */
	public final @Nullable MechanismContext innerContext() {
		return this.inner;
	}

	@Override
	public void close() {
		this.closed = true;
		setInner(null, null);
	}

	static byte @Nullable [] nonEmpty(byte @Nullable [] token) {
		return (token != null && token.length > 0) ? token : null;
	}

}
