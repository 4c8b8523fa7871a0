package org.negotiatetcp.mechanism.spnego;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * The server side of SPNEGO (RFC 4178, [MS-SPNG]) over inner mechanism contexts.
 * <p>
 * The acceptor selects the first mechanism in the client's list that it supports, skipping unknown ones, and echoes
 * the exact OID the client listed (Microsoft's Kerberos OID if that came first). It uses the optimistic token when it
 * is for that mechanism; otherwise it answers {@code request-mic} (the selected mechanism is not the client's first
 * choice) or {@code accept-incomplete} with {@code supportedMech} and no responseToken, and the client starts over
 * with the selected mechanism.
 * <p>
 * A mechListMIC over the client's MechTypeList as sent is required when the selected mechanism was not listed first
 * and when the client's NTLM AUTHENTICATE_MESSAGE carries a MIC; a client's mechListMIC is always verified. When the
 * exchange is required and the client has not sent its MIC yet, the acceptor sends its own with
 * {@code accept-incomplete} and waits for the client's, as Windows does.
 * <p>
 * An anonymous client is refused unless {@code allow-anonymous-clients} is set.
 */
final class SpnegoAcceptorContext extends SpnegoContextSupport {

	private static final Logger logger = LoggerFactory.getLogger(SpnegoAcceptorContext.class);

	private final List<NegotiableMechanism> mechanisms;

	private final boolean allowAnonymousClients;

	private @Nullable String selectedOid;

	private boolean micRequired;

	private boolean awaitingClientMic;

	/**
	 * Create an acceptor.
	 * @param mechanisms the mechanisms this server accepts, each starting an acceptor context
	 * @param allowAnonymousClients whether anonymous clients are accepted ({@code allow-anonymous-clients})
	 */
	public SpnegoAcceptorContext(List<NegotiableMechanism> mechanisms, boolean allowAnonymousClients) {
		if (mechanisms.isEmpty()) {
			throw new IllegalArgumentException("An SPNEGO acceptor needs at least one mechanism");
		}
		this.mechanisms = List.copyOf(mechanisms);
		this.allowAnonymousClients = allowAnonymousClients;
	}

	@Override
	public byte[] step(byte @Nullable [] inputToken) {
		checkStepAllowed();
		if (inputToken == null || inputToken.length == 0) {
			throw new MechanismException(FailureReason.BAD_TOKEN, "Expected the client's SPNEGO token, got nothing");
		}
		NegotiationToken token = NegotiationToken.decode(inputToken);
		if (this.selectedOid == null) {
			if (!(token instanceof NegTokenInit init)) {
				throw new MechanismException(FailureReason.BAD_TOKEN,
						"The client's first SPNEGO token is a NegTokenResp, not a NegTokenInit");
			}
			return accept(init);
		}
		byte[] mechToken;
		byte[] mic;
		if (token instanceof NegTokenResp response) {
			if (response.negState() == NegState.REJECT) {
				throw new MechanismException(FailureReason.BAD_CREDENTIALS, "The client abandoned the SPNEGO exchange");
			}
			mechToken = nonEmpty(response.responseToken());
			mic = response.mechListMic();
		}
		else {
			NegTokenInit continuation = (NegTokenInit) token;
			if (!continuation.mechTypes().isEmpty()) {
				throw new MechanismException(FailureReason.BAD_TOKEN, "The client sent a second NegTokenInit");
			}
			// the JDK's SPNEGO initiator carries later tokens in a NegTokenInit without mechTypes
			mechToken = nonEmpty(continuation.mechToken());
			mic = continuation.mechListMic();
		}
		if (this.awaitingClientMic) {
			return acceptClientMic(mechToken, mic);
		}
		if (mechToken == null) {
			throw new MechanismException(FailureReason.BAD_TOKEN,
					"The client's NegTokenResp carries no " + this.innerMechanism + " token");
		}
		byte[] out = requireInner().step(mechToken);
		return respond(false, out, mic);
	}

	private byte[] accept(NegTokenInit init) {
		List<String> offered = init.mechTypes();
		byte[] list = init.mechTypesEncoding();
		if (list == null || offered.isEmpty()) {
			throw new MechanismException(FailureReason.BAD_TOKEN, "The client's NegTokenInit lists no mechanisms");
		}
		this.mechTypesEncoding = list;
		NegotiableMechanism selected = null;
		int index = -1;
		for (int i = 0; i < offered.size() && selected == null; i++) {
			Mechanism mechanism = NegotiableMechanism.mechanismOf(offered.get(i));
			for (NegotiableMechanism candidate : this.mechanisms) {
				if (candidate.mechanism() == mechanism) {
					selected = candidate;
					index = i;
					break;
				}
			}
		}
		if (selected == null) {
			List<String> supported = new ArrayList<>();
			this.mechanisms.forEach((m) -> supported.addAll(m.oids()));
			throw new MechanismException(FailureReason.UNSUPPORTED_MECHANISM, "The client offered " + offered
					+ " but this server accepts only " + supported
					+ "; configure a Kerberos keytab or an NTLM account store that matches the client");
		}
		this.selectedOid = offered.get(index);
		this.micRequired = index > 0;
		setInner(selected.mechanism(), selected.start());
		byte[] optimistic = nonEmpty(init.mechToken());
		byte[] out = null;
		if (index == 0 && optimistic != null) {
			out = requireInner().step(optimistic);
		}
		else if (optimistic != null) {
			logger.debug("SPNEGO: ignoring the optimistic {} token, {} was selected", offered.get(0), this.selectedOid);
		}
		return respond(true, out, (index == 0) ? init.mechListMic() : null);
	}

	private byte[] respond(boolean first, byte @Nullable [] out, byte @Nullable [] clientMic) {
		MechanismContext context = requireInner();
		out = nonEmpty(out);
		String supportedMech = first ? this.selectedOid : null;
		if (!context.isEstablished()) {
			if (clientMic != null) {
				throw new MechanismException(FailureReason.BAD_TOKEN,
						"The client sent a mechListMIC before the " + this.innerMechanism + " exchange completed");
			}
			if (out == null && !first) {
				throw new MechanismException(FailureReason.BAD_TOKEN, "The " + this.innerMechanism
						+ " acceptor needs more from the client but produced nothing to send");
			}
			NegState state = (first && this.micRequired) ? NegState.REQUEST_MIC : NegState.ACCEPT_INCOMPLETE;
			return new NegTokenResp(state, supportedMech, out, null).encode();
		}
		if (clientMic != null) {
			verifyPeerMic(clientMic);
		}
		checkAnonymous(context);
		if (NtlmSealing.authenticateMessageHasMic(context)) {
			this.micRequired = true;
		}
		if (!this.micRequired && !this.peerMicVerified) {
			markEstablished();
			return new NegTokenResp(NegState.ACCEPT_COMPLETED, supportedMech, out, null).encode();
		}
		byte[] ownMic = ownMic(this.micRequired);
		if (this.peerMicVerified || ownMic == null) {
			markEstablished();
			return new NegTokenResp(NegState.ACCEPT_COMPLETED, supportedMech, out, ownMic).encode();
		}
		// Windows: send our MIC and wait for the client's
		this.awaitingClientMic = true;
		return new NegTokenResp(NegState.ACCEPT_INCOMPLETE, supportedMech, out, ownMic).encode();
	}

	private byte[] acceptClientMic(byte @Nullable [] mechToken, byte @Nullable [] mic) {
		if (mechToken != null) {
			throw new MechanismException(FailureReason.BAD_TOKEN, "The client sent another " + this.innerMechanism
					+ " token after the " + this.innerMechanism + " exchange had completed");
		}
		if (mic == null) {
			throw new MechanismException(FailureReason.POLICY, "The client did not send the SPNEGO mechListMIC that "
					+ "protects the mechanism list; the mechanism list may have been modified (downgrade attempt)");
		}
		verifyPeerMic(mic);
		this.awaitingClientMic = false;
		markEstablished();
		return new NegTokenResp(NegState.ACCEPT_COMPLETED, null, null, null).encode();
	}

	private void checkAnonymous(MechanismContext context) {
		if (!this.allowAnonymousClients && context.negotiated().anonymous()) {
			throw new MechanismException(FailureReason.POLICY, "An anonymous " + this.innerMechanism
					+ " client was refused; set allow-anonymous-clients to true to accept anonymous clients");
		}
	}

	@Override
	public boolean isInitiator() {
		return false;
	}

	/**
	 * Return the mechanism OID selected from the client's list, exactly as the client listed it.
	 * @return the dotted OID, or {@code null} before the first step
	 */
	public @Nullable String selectedMechanismOid() {
		return this.selectedOid;
	}

	@Override
	public String toString() {
		return "SpnegoAcceptorContext[selected=" + this.selectedOid + ", established=" + isEstablished() + "]";
	}

}
