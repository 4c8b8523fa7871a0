package org.negotiatetcp.mechanism.ntlm;

import java.util.Arrays;
import java.util.Objects;

import javax.crypto.Mac;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.security.ImpersonationLevel;

/**
 * The client side of NTLM ([MS-NLMP] 3.1.5): NTLMv2 with extended session security, key exchange and 128-bit keys.
 * {@code step(null)} produces the NEGOTIATE message, {@code step(challenge)} the AUTHENTICATE message, after which the
 * context is established. NTLMv1 and LM are never used: a server that does not agree to extended session security is
 * refused.
 * <p>
 * The AUTHENTICATE carries a MIC (and MsvAvFlags 0x2) when the CHALLENGE has an MsvAvTimestamp, and MsvAvTargetName
 * names the target SPN. NTLM does not authenticate the server: {@link #negotiated()} reports {@code mutual=false} and
 * the requested target name as peer name (empty when none was given). The impersonation level is
 * {@code IDENTIFICATION} when the IDENTIFY flag was sent, {@code IMPERSONATION} otherwise (NTLM cannot delegate), and
 * {@code ANONYMOUS} for the anonymous credential.
 */
public final class NtlmInitiatorContext extends NtlmContextSupport {

	private static final int SECURITY_FLAGS = NegotiateFlags.NTLMSSP_NEGOTIATE_SIGN
			| NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL;

	private enum State {

		INITIAL, NEGOTIATE_SENT, ESTABLISHED, FAILED

	}

	private final NtlmCredential credential;

	private final @Nullable String targetName;

	private final NtlmInitiatorOptions options;

	private final NtlmEnvironment environment;

	private State state = State.INITIAL;

	private byte @Nullable [] negotiateMessage;

	/**
	 * Create a client context.
	 * @param credential the credential to authenticate with
	 * @param targetName the SPN of the server (for example {@code host/srv.example.com}), sent as MsvAvTargetName; or
	 * {@code null} to send none
	 * @param options what to request
	 */
	public NtlmInitiatorContext(NtlmCredential credential, @Nullable String targetName, NtlmInitiatorOptions options) {
		this(credential, targetName, options, NtlmEnvironment.DEFAULT);
	}

	NtlmInitiatorContext(NtlmCredential credential, @Nullable String targetName, NtlmInitiatorOptions options,
			NtlmEnvironment environment) {
		this.credential = Objects.requireNonNull(credential, "credential");
		this.targetName = targetName;
		this.options = Objects.requireNonNull(options, "options");
		this.environment = Objects.requireNonNull(environment, "environment");
	}

	@Override
	public boolean isInitiator() {
		return true;
	}

	@Override
	public byte[] step(byte @Nullable [] inputToken) {
		checkOpen();
		return switch (this.state) {
			case INITIAL -> {
				if (inputToken != null && inputToken.length > 0) {
					throw NtlmWire.badToken("An NTLM initiator starts the exchange itself; it got a "
							+ inputToken.length + "-byte token before sending its NEGOTIATE message");
				}
				byte[] negotiate = new NtlmNegotiateMessage(requestedFlags(), "", "", NtlmVersion.DEFAULT).toBytes();
				this.negotiateMessage = negotiate;
				this.state = State.NEGOTIATE_SENT;
				yield negotiate.clone();
			}
			case NEGOTIATE_SENT -> {
				if (inputToken == null || inputToken.length == 0) {
					throw NtlmWire.badToken("NTLM initiator expected the server's CHALLENGE message but got no token");
				}
				try {
					byte[] authenticate = processChallenge(inputToken);
					this.state = State.ESTABLISHED;
					yield authenticate;
				}
				catch (RuntimeException ex) {
					this.state = State.FAILED;
					throw ex;
				}
			}
			case ESTABLISHED -> throw NtlmWire.badToken("NTLM initiator is already established and expects no "
					+ "further token (got " + ((inputToken != null) ? inputToken.length : 0) + " bytes)");
			case FAILED -> throw new IllegalStateException("NTLM initiator failed earlier; start a new context");
		};
	}

	private int requestedFlags() {
		int flags = NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE | NegotiateFlags.NTLMSSP_REQUEST_TARGET
				| NegotiateFlags.NTLMSSP_NEGOTIATE_NTLM | NegotiateFlags.NTLMSSP_NEGOTIATE_ALWAYS_SIGN
				| NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY | NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION
				| NegotiateFlags.NTLMSSP_NEGOTIATE_128 | NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH;
		if (this.options.integrity()) {
			flags |= NegotiateFlags.NTLMSSP_NEGOTIATE_SIGN;
		}
		if (this.options.confidentiality()) {
			flags |= NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL;
		}
		if (this.options.identifyOnly()) {
			flags |= NegotiateFlags.NTLMSSP_NEGOTIATE_IDENTIFY;
		}
		if (this.credential.isAnonymous()) {
			flags |= NegotiateFlags.NTLMSSP_ANONYMOUS;
		}
		return flags;
	}

	private byte[] processChallenge(byte[] token) {
		NtlmChallengeMessage challenge = NtlmChallengeMessage.parse(token);
		if (NtlmReflectionGuard.isReflected(challenge.serverChallenge(), this.targetName)) {
			// MS08-068: Windows' NTLM client refuses a challenge its own server side issued
			throw new MechanismException(FailureReason.POLICY, "NTLM CHALLENGE from the server meant as "
					+ this.targetName + " carries a server challenge that an NTLM acceptor of this process issued to "
					+ "another connection: the peer is reflecting this process's own challenge to obtain a response "
					+ "it can send back to it (NTLM reflection, MS08-068); refused");
		}
		int flags = negotiate(challenge.negotiateFlags());
		AvPairs serverInfo = challenge.targetInfo();
		if ((flags & SECURITY_FLAGS) != 0 && (serverInfo.get(AvPair.MSV_AV_NB_COMPUTER_NAME) == null
				|| serverInfo.get(AvPair.MSV_AV_NB_DOMAIN_NAME) == null)) {
			throw NtlmWire.badToken("NTLM CHALLENGE lacks MsvAvNbComputerName or MsvAvNbDomainName in its TargetInfo, "
					+ "which [MS-NLMP] 3.1.5.1.2 requires when signing or sealing; the server is not an NTLMv2 server");
		}
		Long timestamp = serverInfo.timestamp();
		byte[] serverChallenge = challenge.serverChallenge();
		byte[] lmResponse;
		byte[] ntResponse;
		byte[] sessionBaseKey;
		boolean mic = false;
		if (this.credential.isAnonymous()) {
			// [MS-NLMP] 3.3.2: anonymous sends an empty NT response and a one-byte zero LM response; the keys
			// derive from a zero session base key.
			lmResponse = new byte[1];
			ntResponse = new byte[0];
			sessionBaseKey = new byte[16];
		}
		else {
			long time = (timestamp != null) ? timestamp : this.environment.fileTimeNow();
			byte[] clientChallenge = this.environment.randomBytes(8);
			mic = timestamp != null;
			byte[] clientInfo = serverInfo.isEmpty() ? new byte[0] : clientTargetInfo(serverInfo, mic).toBytes();
			byte[] responseKey = NtlmCrypto.ntowfv2(this.credential.ntHash(), this.credential.user(),
					this.credential.domain());
			byte[] temp = NtlmCrypto.ntlmv2Temp(time, clientChallenge, clientInfo);
			byte[] proof = NtlmCrypto.ntProofStr(responseKey, serverChallenge, temp);
			ntResponse = concat(proof, temp);
			// With a server time stamp the LM response is Z(24) ([MS-NLMP] 3.1.5.1.2); otherwise LMv2.
			lmResponse = (timestamp != null) ? new byte[24]
					: NtlmCrypto.lmv2Response(responseKey, serverChallenge, clientChallenge);
			sessionBaseKey = NtlmCrypto.hmacMd5(responseKey, proof);
			Arrays.fill(responseKey, (byte) 0);
		}
		// NTLMv2: KeyExchangeKey = SessionBaseKey ([MS-NLMP] 3.4.5.1)
		boolean keyExchange = NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH);
		byte[] exportedSessionKey;
		byte[] encryptedRandomSessionKey;
		if (keyExchange) {
			exportedSessionKey = this.environment.randomBytes(16);
			encryptedRandomSessionKey = Rc4.rc4k(sessionBaseKey, exportedSessionKey);
		}
		else {
			exportedSessionKey = sessionBaseKey;
			encryptedRandomSessionKey = new byte[0];
		}
		NtlmVersion version = NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION)
				? NtlmVersion.DEFAULT : null;
		NtlmAuthenticateMessage authenticate = new NtlmAuthenticateMessage(lmResponse, ntResponse,
				this.credential.domain(), this.credential.user(), this.options.workstation(),
				encryptedRandomSessionKey, flags, version, mic ? new byte[NtlmAuthenticateMessage.MIC_LENGTH] : null);
		byte[] message = authenticate.toBytes();
		if (mic) {
			Mac hmac = NtlmCrypto.hmacMd5(exportedSessionKey);
			hmac.update(Objects.requireNonNull(this.negotiateMessage));
			hmac.update(token);
			hmac.update(message);
			System.arraycopy(hmac.doFinal(), 0, message, NtlmAuthenticateMessage.MIC_OFFSET,
					NtlmAuthenticateMessage.MIC_LENGTH);
		}
		NtlmSessionSecurity security = new NtlmSessionSecurity(exportedSessionKey, true, keyExchange);
		// what only the handshake needed goes (an established context lives as long as its channel)
		this.negotiateMessage = null;
		Arrays.fill(exportedSessionKey, (byte) 0);
		Arrays.fill(sessionBaseKey, (byte) 0);
		boolean identify = NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_IDENTIFY);
		ImpersonationLevel level = this.credential.isAnonymous() ? ImpersonationLevel.ANONYMOUS
				: identify ? ImpersonationLevel.IDENTIFICATION : ImpersonationLevel.IMPERSONATION;
		// an anonymous session's key is all zeros (public): it is neither signed nor sealed, as on the acceptor
		boolean anonymous = this.credential.isAnonymous();
		established(new NegotiatedContext(Mechanism.NTLM, (this.targetName != null) ? this.targetName : "", false,
				!anonymous && NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL),
				!anonymous && (flags & SECURITY_FLAGS) != 0, anonymous, level, null), security, flags, mic);
		return message;
	}

	/**
	 * Check the server's flags against what this client requires and compute the AUTHENTICATE flags.
	 */
	private int negotiate(int serverFlags) {
		if (!NegotiateFlags.isSet(serverFlags, NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
			throw new MechanismException(FailureReason.UNSUPPORTED_MECHANISM, "NTLM server did not agree to "
					+ "extended session security (CHALLENGE flags " + NegotiateFlags.toString(serverFlags)
					+ "); only NTLMv2 with extended session security is used, NTLMv1 and LM are refused");
		}
		if (!NegotiateFlags.isSet(serverFlags, NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE)) {
			throw new MechanismException(FailureReason.UNSUPPORTED_MECHANISM,
					"NTLM server did not agree to Unicode strings (CHALLENGE flags "
							+ NegotiateFlags.toString(serverFlags) + "); OEM-only servers are not supported");
		}
		if (this.options.integrity() && !NegotiateFlags.isSet(serverFlags, NegotiateFlags.NTLMSSP_NEGOTIATE_SIGN)) {
			throw new MechanismException(FailureReason.POLICY, "NTLM server refused message integrity "
					+ "(NTLMSSP_NEGOTIATE_SIGN) that this client requires; CHALLENGE flags "
					+ NegotiateFlags.toString(serverFlags));
		}
		if (this.options.confidentiality()
				&& !NegotiateFlags.isSet(serverFlags, NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL)) {
			throw new MechanismException(FailureReason.POLICY, "NTLM server refused confidentiality "
					+ "(NTLMSSP_NEGOTIATE_SEAL) that this client requires; CHALLENGE flags "
					+ NegotiateFlags.toString(serverFlags));
		}
		int requested = requestedFlags();
		int flags = requested & serverFlags;
		if ((flags & SECURITY_FLAGS) != 0 && !NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_128)) {
			throw new MechanismException(FailureReason.POLICY, "NTLM server does not support 128-bit session keys "
					+ "(NTLMSSP_NEGOTIATE_128); weaker keys are refused. CHALLENGE flags "
					+ NegotiateFlags.toString(serverFlags));
		}
		flags |= serverFlags & NegotiateFlags.NTLMSSP_NEGOTIATE_TARGET_INFO;
		// IDENTIFY and ANONYMOUS are the client's statements about the token it grants; send them even if the
		// server did not echo them.
		flags |= requested & (NegotiateFlags.NTLMSSP_NEGOTIATE_IDENTIFY | NegotiateFlags.NTLMSSP_ANONYMOUS);
		return flags;
	}

	/**
	 * The server's AV pairs as the client returns them in its NTLMv2 response ([MS-NLMP] 3.1.5.1.2): MsvAvTargetName
	 * and MsvAvFlags replaced by the client's own, MsvAvChannelBindings dropped (no channel bindings on
	 * NegotiateStream).
	 */
	private AvPairs clientTargetInfo(AvPairs serverInfo, boolean mic) {
		int avFlags = serverInfo.flags();
		AvPairs info = serverInfo.without(AvPair.MSV_AV_FLAGS, AvPair.MSV_AV_TARGET_NAME,
				AvPair.MSV_AV_CHANNEL_BINDINGS);
		if (mic) {
			avFlags |= AvPair.MSV_AV_FLAGS_MIC_PRESENT;
		}
		if (avFlags != 0) {
			info = info.with(AvPair.ofFlags(avFlags));
		}
		if (this.targetName != null) {
			info = info.with(AvPair.ofString(AvPair.MSV_AV_TARGET_NAME, this.targetName));
		}
		return info;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] out = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, out, first.length, second.length);
		return out;
	}

	@Override
	public String toString() {
		return "NtlmInitiatorContext[" + this.credential + " -> " + this.targetName + ", " + this.state + "]";
	}

}
