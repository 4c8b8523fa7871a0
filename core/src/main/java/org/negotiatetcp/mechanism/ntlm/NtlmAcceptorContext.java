package org.negotiatetcp.mechanism.ntlm;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import javax.crypto.Mac;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.security.ImpersonationLevel;

/**
 * The server side of NTLM ([MS-NLMP] 3.2.5): {@code step(negotiate)} answers with a CHALLENGE (a fresh server
 * challenge and target information with a time stamp), {@code step(authenticate)} verifies the client's NTLMv2
 * response against the NT hash from an {@link NtlmAccountStore}, verifies the MIC when the client says it sent one,
 * and returns an empty token. Only NTLMv2 with extended session security is accepted.
 * <p>
 * The authenticated client is named {@code DOMAIN\\user} as the client spelled it (or {@code user} when it sent no
 * domain). An anonymous client, if allowed, is named {@value #ANONYMOUS_NAME} (the Windows name of the anonymous SID
 * S-1-5-7) with {@code anonymous=true} and impersonation level {@code ANONYMOUS}.
 */
public final class NtlmAcceptorContext extends NtlmContextSupport {

	/** The peer name reported for an anonymous client. */
	public static final String ANONYMOUS_NAME = "NT AUTHORITY\\ANONYMOUS LOGON";

	private static final int SECURITY_FLAGS = NegotiateFlags.NTLMSSP_NEGOTIATE_SIGN
			| NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL;

	/** Flags this server agrees to when the client asks for them. */
	private static final int SUPPORTED_FLAGS = NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE
			| NegotiateFlags.NTLMSSP_REQUEST_TARGET | NegotiateFlags.NTLMSSP_NEGOTIATE_SIGN
			| NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL | NegotiateFlags.NTLMSSP_NEGOTIATE_NTLM
			| NegotiateFlags.NTLMSSP_NEGOTIATE_ALWAYS_SIGN | NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY
			| NegotiateFlags.NTLMSSP_NEGOTIATE_IDENTIFY | NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION
			| NegotiateFlags.NTLMSSP_NEGOTIATE_128 | NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH
			| NegotiateFlags.NTLMSSP_NEGOTIATE_56;

	private enum State {

		INITIAL, CHALLENGE_SENT, ESTABLISHED, FAILED

	}

	private final NtlmAccountStore accounts;

	private final NtlmServerNames names;

	private final boolean allowAnonymous;

	private final NtlmEnvironment environment;

	private State state = State.INITIAL;

	private byte @Nullable [] negotiateMessage;

	private byte @Nullable [] challengeMessage;

	private byte @Nullable [] serverChallenge;

	private int challengeFlags;

	private @Nullable String clientTargetName;

	/**
	 * Create a server context.
	 * @param accounts where to find the NT hashes of accounts
	 * @param names the names to announce in the CHALLENGE
	 * @param allowAnonymous whether an anonymous client is accepted (otherwise it fails with
	 * {@link FailureReason#POLICY})
	 */
	public NtlmAcceptorContext(NtlmAccountStore accounts, NtlmServerNames names, boolean allowAnonymous) {
		this(accounts, names, allowAnonymous, NtlmEnvironment.DEFAULT);
	}

	NtlmAcceptorContext(NtlmAccountStore accounts, NtlmServerNames names, boolean allowAnonymous,
			NtlmEnvironment environment) {
		this.accounts = Objects.requireNonNull(accounts, "accounts");
		this.names = Objects.requireNonNull(names, "names");
		this.allowAnonymous = allowAnonymous;
		this.environment = Objects.requireNonNull(environment, "environment");
	}

	@Override
	public boolean isInitiator() {
		return false;
	}

	/**
	 * Return the SPN the client said it authenticates to (MsvAvTargetName), for extended-protection style checks.
	 * @return the SPN, or {@code null} if the client sent none or the context is not established
	 */
	public @Nullable String clientTargetName() {
		return this.clientTargetName;
	}

	@Override
	public byte[] step(byte @Nullable [] inputToken) {
		checkOpen();
		if (this.state == State.FAILED) {
			throw new IllegalStateException("NTLM acceptor failed earlier; start a new context");
		}
		if (this.state == State.ESTABLISHED) {
			throw NtlmWire.badToken("NTLM acceptor is already established and expects no further token");
		}
		if (inputToken == null || inputToken.length == 0) {
			throw NtlmWire.badToken("NTLM acceptor expected the client's "
					+ ((this.state == State.INITIAL) ? "NEGOTIATE" : "AUTHENTICATE") + " message but got no token");
		}
		try {
			if (this.state == State.INITIAL) {
				byte[] challenge = processNegotiate(inputToken);
				this.state = State.CHALLENGE_SENT;
				return challenge;
			}
			processAuthenticate(inputToken);
			this.state = State.ESTABLISHED;
			return new byte[0];
		}
		catch (RuntimeException ex) {
			this.state = State.FAILED;
			throw ex;
		}
	}

	private byte[] processNegotiate(byte[] token) {
		NtlmNegotiateMessage negotiate = NtlmNegotiateMessage.parse(token);
		int clientFlags = negotiate.negotiateFlags();
		if (!NegotiateFlags.isSet(clientFlags, NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
			throw new MechanismException(FailureReason.UNSUPPORTED_MECHANISM, "NTLM client does not offer extended "
					+ "session security (NEGOTIATE flags " + NegotiateFlags.toString(clientFlags) + "): it is an "
					+ "NTLMv1/LM client, which this server refuses. Configure the client for NTLMv2 "
					+ "(LmCompatibilityLevel 3 or higher on Windows)");
		}
		if (!NegotiateFlags.isSet(clientFlags, NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE)) {
			throw new MechanismException(FailureReason.UNSUPPORTED_MECHANISM, "NTLM client does not offer Unicode "
					+ "(NEGOTIATE flags " + NegotiateFlags.toString(clientFlags) + "); OEM-only clients are not "
					+ "supported");
		}
		int flags = clientFlags & SUPPORTED_FLAGS;
		if ((flags & SECURITY_FLAGS) != 0 && !NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_128)) {
			throw new MechanismException(FailureReason.POLICY, "NTLM client asks for signing or sealing without "
					+ "128-bit keys (NEGOTIATE flags " + NegotiateFlags.toString(clientFlags) + "); weaker keys are "
					+ "refused");
		}
		// As Windows Server 2022 and gss-ntlmssp do, send the VERSION whenever signing may be used: some clients
		// compute the MIC wrongly without it.
		if ((flags & (SECURITY_FLAGS | NegotiateFlags.NTLMSSP_NEGOTIATE_ALWAYS_SIGN)) != 0) {
			flags |= NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION;
		}
		flags |= NegotiateFlags.NTLMSSP_NEGOTIATE_TARGET_INFO | NegotiateFlags.NTLMSSP_TARGET_TYPE_DOMAIN;
		byte[] challenge = this.environment.randomBytes(8);
		List<AvPair> info = new ArrayList<>();
		info.add(AvPair.ofString(AvPair.MSV_AV_NB_DOMAIN_NAME, this.names.netbiosDomainName()));
		info.add(AvPair.ofString(AvPair.MSV_AV_NB_COMPUTER_NAME, this.names.netbiosComputerName()));
		if (this.names.dnsDomainName() != null) {
			info.add(AvPair.ofString(AvPair.MSV_AV_DNS_DOMAIN_NAME, this.names.dnsDomainName()));
		}
		if (this.names.dnsComputerName() != null) {
			info.add(AvPair.ofString(AvPair.MSV_AV_DNS_COMPUTER_NAME, this.names.dnsComputerName()));
		}
		info.add(AvPair.ofTimestamp(this.environment.fileTimeNow()));
		NtlmVersion version = NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION)
				? NtlmVersion.DEFAULT : null;
		byte[] message = new NtlmChallengeMessage(flags, this.names.netbiosDomainName(), challenge,
				AvPairs.of(info), version).toBytes();
		this.negotiateMessage = token.clone();
		this.challengeMessage = message;
		this.serverChallenge = challenge;
		this.challengeFlags = flags;
		return message.clone();
	}

	private void processAuthenticate(byte[] token) {
		NtlmAuthenticateMessage authenticate = NtlmAuthenticateMessage.parse(token);
		int flags = authenticate.negotiateFlags();
		String account = accountName(authenticate.domainName(), authenticate.userName());
		checkFlags(flags, account);
		byte[] nt = authenticate.ntChallengeResponse();
		byte[] lm = authenticate.lmChallengeResponse();
		boolean anonymous = authenticate.userName().isEmpty() && nt.length == 0
				&& (lm.length == 0 || (lm.length == 1 && lm[0] == 0));
		byte[] sessionBaseKey;
		AvPairs clientInfo = AvPairs.EMPTY;
		if (anonymous) {
			if (!this.allowAnonymous) {
				throw new MechanismException(FailureReason.POLICY, "Anonymous NTLM client refused: this server does "
						+ "not allow anonymous clients; set allow-anonymous-clients to true to accept them");
			}
			sessionBaseKey = new byte[16];
		}
		else {
			if (authenticate.userName().isEmpty()) {
				throw new MechanismException(FailureReason.BAD_CREDENTIALS, "NTLM AUTHENTICATE has an empty user "
						+ "name but is not an anonymous logon (NT response of " + nt.length + " bytes)");
			}
			if (nt.length == 24 || nt.length == 0) {
				throw new MechanismException(FailureReason.UNSUPPORTED_MECHANISM, "NTLM client " + account + " sent "
						+ ((nt.length == 0) ? "only an LM response" : "an NTLMv1 response (24 bytes)")
						+ "; this server accepts NTLMv2 only. Configure the client for NTLMv2 "
						+ "(LmCompatibilityLevel 3 or higher on Windows)");
			}
			if (nt.length < 16 + NtlmCrypto.CLIENT_CHALLENGE_HEADER_LENGTH) {
				throw NtlmWire.badToken("NTLMv2 response of " + account + " is truncated: " + nt.length
						+ " bytes, at least " + (16 + NtlmCrypto.CLIENT_CHALLENGE_HEADER_LENGTH) + " needed");
			}
			if (nt[16] != 1 || nt[17] != 1) {
				throw NtlmWire.badToken("NTLMv2 response of " + account + " has RespType " + (nt[16] & 0xFF)
						+ "/HiRespType " + (nt[17] & 0xFF) + "; expected 1/1");
			}
			sessionBaseKey = verifyResponse(authenticate, nt, account);
			clientInfo = AvPairs.parse(Arrays.copyOfRange(nt, 16 + NtlmCrypto.CLIENT_CHALLENGE_HEADER_LENGTH,
					nt.length));
		}
		boolean keyExchange = NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH);
		byte[] exportedSessionKey;
		if (keyExchange) {
			byte[] encrypted = authenticate.encryptedRandomSessionKey();
			if (encrypted.length != 16) {
				throw NtlmWire.badToken("NTLM AUTHENTICATE of " + account + " negotiates key exchange but its "
						+ "EncryptedRandomSessionKey is " + encrypted.length + " bytes, not 16");
			}
			exportedSessionKey = Rc4.rc4k(sessionBaseKey, encrypted);
		}
		else {
			exportedSessionKey = sessionBaseKey.clone();
		}
		boolean mic = (clientInfo.flags() & AvPair.MSV_AV_FLAGS_MIC_PRESENT) != 0;
		if (mic) {
			verifyMic(token, authenticate, exportedSessionKey, account);
		}
		this.clientTargetName = clientInfo.getString(AvPair.MSV_AV_TARGET_NAME);
		NtlmSessionSecurity security = new NtlmSessionSecurity(exportedSessionKey, false, keyExchange);
		Arrays.fill(exportedSessionKey, (byte) 0);
		Arrays.fill(sessionBaseKey, (byte) 0);
		ImpersonationLevel level = anonymous ? ImpersonationLevel.ANONYMOUS
				: NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_IDENTIFY)
						? ImpersonationLevel.IDENTIFICATION : ImpersonationLevel.IMPERSONATION;
		established(new NegotiatedContext(Mechanism.NTLM, anonymous ? ANONYMOUS_NAME : account, false,
				NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL), (flags & SECURITY_FLAGS) != 0,
				anonymous, level, null), security, flags, mic);
	}

	private void checkFlags(int flags, String account) {
		if (!NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
			throw new MechanismException(FailureReason.UNSUPPORTED_MECHANISM, "NTLM AUTHENTICATE of " + account
					+ " drops extended session security (flags " + NegotiateFlags.toString(flags)
					+ "); only NTLMv2 with extended session security is accepted");
		}
		int offered = SECURITY_FLAGS | NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH;
		int unexpected = flags & offered & ~this.challengeFlags;
		if (unexpected != 0) {
			throw NtlmWire.badToken("NTLM AUTHENTICATE of " + account + " claims " + NegotiateFlags.toString(unexpected)
					+ " that the CHALLENGE did not offer");
		}
		if ((flags & SECURITY_FLAGS) != 0 && !NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_128)) {
			throw new MechanismException(FailureReason.POLICY, "NTLM AUTHENTICATE of " + account + " signs or seals "
					+ "without 128-bit keys (flags " + NegotiateFlags.toString(flags) + "); weaker keys are refused");
		}
	}

	/**
	 * Verify the NTLMv2 response ([MS-NLMP] 3.2.5.1.2, 3.3.2) and return the session base key. Tries the domain the
	 * client sent, then the empty domain (clients that compute NTOWFv2 with a NIL UserDom).
	 */
	private byte[] verifyResponse(NtlmAuthenticateMessage authenticate, byte[] nt, String account) {
		byte[] ntHash = this.accounts.ntHash(authenticate.domainName(), authenticate.userName());
		boolean known = ntHash != null && ntHash.length == 16;
		// Unknown accounts go through the same computation with a throw-away hash, so timing does not tell them apart.
		byte[] hash = known ? ntHash : this.environment.randomBytes(16);
		byte[] proof = Arrays.copyOf(nt, 16);
		byte[] temp = Arrays.copyOfRange(nt, 16, nt.length);
		byte[] challenge = Objects.requireNonNull(this.serverChallenge);
		List<String> domains = authenticate.domainName().isEmpty() ? List.of("")
				: List.of(authenticate.domainName(), "");
		for (String domain : domains) {
			byte[] responseKey = NtlmCrypto.ntowfv2(hash, authenticate.userName(), domain);
			byte[] expected = NtlmCrypto.ntProofStr(responseKey, challenge, temp);
			if (MessageDigest.isEqual(expected, proof) && known) {
				byte[] sessionBaseKey = NtlmCrypto.hmacMd5(responseKey, proof);
				Arrays.fill(responseKey, (byte) 0);
				return sessionBaseKey;
			}
			Arrays.fill(responseKey, (byte) 0);
		}
		throw new MechanismException(FailureReason.BAD_CREDENTIALS,
				"NTLM authentication failed for " + account + ": wrong password or unknown account");
	}

	private void verifyMic(byte[] token, NtlmAuthenticateMessage authenticate, byte[] exportedSessionKey,
			String account) {
		byte[] received = authenticate.mic();
		if (received == null) {
			throw NtlmWire.badToken("NTLM AUTHENTICATE of " + account + " announces a MIC (MsvAvFlags 0x2) but its "
					+ "payload leaves no room for the MIC field at offset " + NtlmAuthenticateMessage.MIC_OFFSET);
		}
		byte[] zeroed = token.clone();
		Arrays.fill(zeroed, NtlmAuthenticateMessage.MIC_OFFSET,
				NtlmAuthenticateMessage.MIC_OFFSET + NtlmAuthenticateMessage.MIC_LENGTH, (byte) 0);
		Mac hmac = NtlmCrypto.hmacMd5(exportedSessionKey);
		hmac.update(Objects.requireNonNull(this.negotiateMessage));
		hmac.update(Objects.requireNonNull(this.challengeMessage));
		hmac.update(zeroed);
		if (!MessageDigest.isEqual(hmac.doFinal(), received)) {
			throw NtlmWire.badToken("NTLM AUTHENTICATE of " + account + " has a MIC that does not verify: the "
					+ "NEGOTIATE, CHALLENGE or AUTHENTICATE message was altered in transit");
		}
	}

	private static String accountName(String domain, String user) {
		return domain.isEmpty() ? user : domain + "\\" + user;
	}

	@Override
	public String toString() {
		return "NtlmAcceptorContext[" + this.names.netbiosComputerName() + ", " + this.state + "]";
	}

}
