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
 * The client side of SPNEGO (RFC 4178, [MS-SPNG]) over inner mechanism contexts.
 * <p>
 * The first {@code step(null)} starts the mechanisms in order of preference until one produces a token: that token is
 * the optimistic {@code mechToken} of the NegTokenInit, and mechanisms that could not start (no Kerberos ticket or
 * credential, no KDC, unknown client or SPN) are left out of the list, so SPNEGO falls back to the next one. A
 * credential the KDC refuted (wrong password, revoked or expired account) ends the negotiation instead. When no
 * mechanism can start and NTLM was withheld by policy ({@code require-server-auth}), the failure
 * ({@link FailureReason#POLICY}) leads with why Kerberos failed and adds that NTLM was not tried because of that
 * setting.
 * <p>
 * Later steps process the acceptor's NegTokenResp: a change of mechanism (the acceptor selected one other than the
 * optimistic one) restarts with that mechanism. A mechListMIC over the MechTypeList as sent is required, and the
 * acceptor's is verified, whenever the selected mechanism is not the first one listed, the acceptor sent
 * {@code request-mic}, or NTLM put a MIC into its AUTHENTICATE_MESSAGE; a mechListMIC the acceptor sends is always
 * verified.
 */
final class SpnegoInitiatorContext extends SpnegoContextSupport {

	private static final Logger logger = LoggerFactory.getLogger(SpnegoInitiatorContext.class);

	private final List<NegotiableMechanism> mechanisms;

	private final boolean ntlmRefusedByPolicy;

	private List<NegotiableMechanism> offered = List.of();

	private List<String> offeredOids = List.of();

	private @Nullable NegotiableMechanism optimistic;

	private @Nullable String selectedOid;

	private boolean micRequired;

	private @Nullable String micRequiredBecause;

	private boolean started;

	/**
	 * Create an initiator.
	 * @param mechanisms the mechanisms to offer, in order of preference, each starting an initiator context
	 * @param ntlmRefusedByPolicy whether NTLM was left out because {@code require-server-auth} is {@code true}; the
	 * error when no mechanism can start then names that setting
	 */
	public SpnegoInitiatorContext(List<NegotiableMechanism> mechanisms, boolean ntlmRefusedByPolicy) {
		if (mechanisms.isEmpty()) {
			throw new IllegalArgumentException("SPNEGO needs at least one mechanism to offer");
		}
		this.mechanisms = List.copyOf(mechanisms);
		this.ntlmRefusedByPolicy = ntlmRefusedByPolicy;
	}

	@Override
	public byte[] step(byte @Nullable [] inputToken) {
		checkStepAllowed();
		if (!this.started) {
			if (inputToken != null && inputToken.length > 0) {
				throw new MechanismException(FailureReason.PROTOCOL,
						"An SPNEGO initiator starts the exchange; it does not accept a server-initiated NegTokenInit2");
			}
			this.started = true;
			return start();
		}
		if (inputToken == null || inputToken.length == 0) {
			throw new MechanismException(FailureReason.BAD_TOKEN, "Expected the server's SPNEGO NegTokenResp, got nothing");
		}
		NegotiationToken token = NegotiationToken.decode(inputToken);
		if (!(token instanceof NegTokenResp response)) {
			throw new MechanismException(FailureReason.BAD_TOKEN,
					"The server answered with a NegTokenInit where a NegTokenResp was expected");
		}
		return process(response);
	}

	private byte[] start() {
		List<MechanismException> failures = new ArrayList<>();
		for (int i = 0; i < this.mechanisms.size(); i++) {
			NegotiableMechanism candidate = this.mechanisms.get(i);
			MechanismContext context = null;
			try {
				context = candidate.start();
				byte[] token = context.step(null);
				setInner(candidate.mechanism(), context);
				this.optimistic = candidate;
				this.offered = this.mechanisms.subList(i, this.mechanisms.size());
				List<String> oids = new ArrayList<>();
				this.offered.forEach((m) -> oids.addAll(m.oids()));
				this.offeredOids = List.copyOf(oids);
				NegTokenInit init = NegTokenInit.of(this.offeredOids, nonEmpty(token));
				this.mechTypesEncoding = NegTokenInit.encodeMechTypeList(this.offeredOids);
				logger.debug("SPNEGO offers {} with an optimistic {} token", this.offeredOids, candidate.mechanism());
				return init.encode();
			}
			catch (MechanismException ex) {
				if (context != null) {
					context.close();
				}
				if (!FallbackRules.allowsFallback(ex)) {
					throw ex;
				}
				failures.add(ex);
				logger.debug("SPNEGO cannot start {}: {}", candidate.mechanism(), ex.getMessage());
			}
		}
		throw noMechanism(failures);
	}

	private MechanismException noMechanism(List<MechanismException> failures) {
		StringBuilder reasons = new StringBuilder();
		for (int i = 0; i < failures.size(); i++) {
			reasons.append((i > 0) ? "; " : "").append(this.mechanisms.get(i).mechanism()).append(": ")
				.append(failures.get(i).getMessage());
		}
		MechanismException first = failures.get(0);
		if (this.ntlmRefusedByPolicy) {
			// the headline is what went wrong with Kerberos; the reason stays POLICY: NTLM was possible but not allowed
			MechanismException refusal = new MechanismException(FailureReason.POLICY, first.getMessage()
					+ ". SPNEGO did not fall back to NTLM: require-server-auth is true and NTLM cannot authenticate the "
					+ "server; fix the Kerberos problem, or set require-server-auth to false to allow NTLM", first);
			for (int i = 1; i < failures.size(); i++) {
				refusal.addSuppressed(failures.get(i));
			}
			return refusal;
		}
		if (failures.size() == 1) {
			return first;
		}
		MechanismException all = new MechanismException(failures.get(failures.size() - 1).reason(),
				"SPNEGO could not start any mechanism (" + reasons + ")", first);
		for (int i = 1; i < failures.size(); i++) {
			all.addSuppressed(failures.get(i));
		}
		return all;
	}

	private byte[] process(NegTokenResp response) {
		NegState state = response.negState();
		if (state == NegState.REJECT) {
			throw rejected(response);
		}
		byte[] token = nonEmpty(response.responseToken());
		byte[] mic = response.mechListMic();
		byte[] out = null;
		if (this.selectedOid == null) {
			out = select(response, token);
		}
		else if (response.supportedMech() != null && !response.supportedMech().equals(this.selectedOid)) {
			throw new MechanismException(FailureReason.BAD_TOKEN, "The server changed the SPNEGO mechanism from "
					+ this.selectedOid + " to " + response.supportedMech() + " in mid-exchange");
		}
		if (state == NegState.REQUEST_MIC) {
			requireMic("the server sent request-mic");
		}
		MechanismContext context = requireInner();
		if (mic != null && token != null && Der.equal(mic, token)) {
			// Windows 2000 (and some Java servers) echo the mechanism token as mechListMIC
			mic = null;
		}
		if (mic != null && token == null && out == null && !context.isEstablished()) {
			// the same bug without a responseToken: the "MIC" is the mechanism's token
			token = mic;
			mic = null;
		}
		if (token != null) {
			if (context.isEstablished()) {
				throw new MechanismException(FailureReason.BAD_TOKEN, "The server sent a " + this.innerMechanism
						+ " token after the " + this.innerMechanism + " exchange had completed");
			}
			out = context.step(token);
		}
		out = nonEmpty(out);
		if (NtlmSealing.authenticateMessageHasMic(context)) {
			requireMic("the NTLM AUTHENTICATE_MESSAGE carries a MIC");
		}
		if (mic != null) {
			verifyPeerMic(mic);
		}
		if (state == NegState.ACCEPT_COMPLETED) {
			if (out != null) {
				throw new MechanismException(FailureReason.BAD_TOKEN, "The server completed SPNEGO but the client's "
						+ this.innerMechanism + " context still has a token to send");
			}
			finish();
			return EMPTY;
		}
		byte[] ownMic = null;
		if (context.isEstablished() && !this.ownMicSent && (this.micRequired || this.peerMicVerified)) {
			ownMic = ownMic(this.micRequired);
		}
		if (out == null && ownMic == null) {
			if (state == null && context.isEstablished()) {
				// negState omitted from a final reply: nothing is pending on either side
				finish();
				return EMPTY;
			}
			throw new MechanismException(FailureReason.BAD_TOKEN,
					"The server's NegTokenResp asks to continue but gives the client nothing to answer");
		}
		return new NegTokenResp(null, null, out, ownMic).encode();
	}

	private byte @Nullable [] select(NegTokenResp response, byte @Nullable [] token) {
		String supported = response.supportedMech();
		if (supported == null) {
			if (response.negState() == null) {
				throw new MechanismException(FailureReason.BAD_TOKEN,
						"The server's first NegTokenResp has neither negState nor supportedMech");
			}
			// lenient: a reply without supportedMech accepts the optimistic mechanism
			supported = this.offeredOids.get(0);
		}
		NegotiableMechanism selected = null;
		for (NegotiableMechanism candidate : this.offered) {
			if (candidate.oids().contains(supported) && this.offeredOids.contains(supported)) {
				selected = candidate;
				break;
			}
		}
		if (selected == null) {
			throw new MechanismException(FailureReason.UNSUPPORTED_MECHANISM, "The server selected mechanism " + supported
					+ ", which this client did not offer (offered " + this.offeredOids + ")");
		}
		this.selectedOid = supported;
		if (selected != this.offered.get(0)) {
			requireMic("the server selected " + supported + ", not the client's first choice "
					+ this.offeredOids.get(0));
		}
		if (selected == this.optimistic) {
			if (token != null || response.mechListMic() != null || response.negState() == NegState.ACCEPT_COMPLETED) {
				return null;
			}
			// the server did not consume the optimistic token (it does not see this mechanism as the first
			// choice): start the mechanism again and send its first token
			logger.debug("SPNEGO: the server ignored the optimistic {} token; starting over", this.innerMechanism);
		}
		else if (token != null) {
			throw new MechanismException(FailureReason.BAD_TOKEN, "The server sent a " + selected.mechanism()
					+ " token although the client's optimistic token was for " + this.innerMechanism);
		}
		else {
			logger.debug("SPNEGO: the server selected {} instead of the optimistic {}", selected.mechanism(),
					this.innerMechanism);
		}
		setInner(null, null);
		MechanismContext context = selected.start();
		setInner(selected.mechanism(), context);
		this.optimistic = null;
		return context.step(null);
	}

	private void requireMic(String because) {
		if (!this.micRequired) {
			this.micRequired = true;
			this.micRequiredBecause = because;
		}
	}

	private void finish() {
		if (this.micRequired && !this.peerMicVerified) {
			throw new MechanismException(FailureReason.POLICY, "The server completed SPNEGO without the mechListMIC "
					+ "that is required because " + this.micRequiredBecause
					+ "; the mechanism list may have been modified (downgrade attempt)");
		}
		markEstablished();
	}

	private MechanismException rejected(NegTokenResp response) {
		if (this.selectedOid == null && response.supportedMech() == null) {
			return new MechanismException(FailureReason.UNSUPPORTED_MECHANISM, "The server rejected SPNEGO: it supports "
					+ "none of the offered mechanisms " + this.offeredOids + " (Kerberos needs a keytab on the server, "
					+ "NTLM needs require-server-auth false on the client and an account store on the server)");
		}
		return new MechanismException(FailureReason.BAD_CREDENTIALS, "The server rejected the "
				+ ((this.innerMechanism != null) ? this.innerMechanism : response.supportedMech())
				+ " authentication; check the client's credentials and the server's configuration");
	}

	@Override
	public boolean isInitiator() {
		return true;
	}

	/**
	 * Return the mechanism OIDs offered in the NegTokenInit, in order.
	 * @return the dotted OIDs (empty before the first step)
	 */
	public List<String> offeredMechanisms() {
		return this.offeredOids;
	}

	@Override
	public String toString() {
		return "SpnegoInitiatorContext[offered=" + this.offeredOids + ", selected=" + this.selectedOid
				+ ", established=" + isEstablished() + "]";
	}

}
