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
import org.negotiatetcp.UntrustedText;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.security.ImpersonationLevel;

/**
 * The server side of NTLM ([MS-NLMP] 3.2.5): {@code step(negotiate)} answers with a CHALLENGE (a fresh server
 * challenge and target information with a time stamp), {@code step(authenticate)} verifies the client's NTLMv2
 * response against the NT hash from an {@link NtlmAccountStore}, verifies the MIC when the client says it sent one,
 * and returns an empty token. Only NTLMv2 with extended session security is accepted.
 * <p>
 * The authenticated client is named by the account store's spelling ({@link NtlmAccount#name()}), never by what the
 * client typed, as Windows and Samba report the SAM account name. Names with control characters are refused. An
 * anonymous client, if allowed, is named {@value #ANONYMOUS_NAME} (the Windows name of the anonymous SID S-1-5-7) with
 * {@code anonymous=true}, impersonation level {@code ANONYMOUS} and neither integrity nor confidentiality: its
 * session key is all zeros, so, as Samba does, anonymous sessions are not signed or sealed (protection level None).
 * <p>
 * Beyond the proof, the acceptor checks ({@link NtlmAcceptorOptions}) that the target information the client echoed
 * in its NTLMv2 response is what this server sent (as Samba does; the echo is protected by the proof, so a man in the
 * middle who strips the time stamp to suppress the MIC is caught even from clients that send no MIC), that the
 * NTLMv2 time stamp is within the clock skew, that the CHALLENGE is answered within the skew, and that the client's
 * MsvAvTargetName names this server. Its CHALLENGE's server challenge is registered with {@link NtlmReflectionGuard}
 * so that an initiator in the same process refuses to answer it (reflection, MS08-068).
 * <p>
 * OEM-only clients ([MS-NLMP] 3.2.5.1.1: NEGOTIATE without NTLMSSP_NEGOTIATE_UNICODE but with NTLM_NEGOTIATE_OEM) are
 * answered with OEM strings, as Windows and gss-ntlmssp do.
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

	private final NtlmAcceptorOptions options;

	private final NtlmTargetNames ownTargetNames;

	private State state = State.INITIAL;

	private byte @Nullable [] negotiateMessage;

	private byte @Nullable [] challengeMessage;

	private byte @Nullable [] serverChallenge;

	private int challengeFlags;

	private @Nullable String clientTargetName;

	private AvPairs serverInfo = AvPairs.EMPTY;

	private long challengeFileTime;

	private boolean challengeTimestamp = true;

	/**
	 * Create a server context.
	 * @param accounts where to find the NT hashes of accounts
	 * @param names the names to announce in the CHALLENGE
	 * @param allowAnonymous whether an anonymous client is accepted (otherwise it fails with
	 * {@link FailureReason#POLICY})
	 */
	public NtlmAcceptorContext(NtlmAccountStore accounts, NtlmServerNames names, boolean allowAnonymous) {
		this(accounts, names, allowAnonymous, NtlmAcceptorOptions.DEFAULTS);
	}

	/**
	 * Create a server context with explicit checks.
	 * @param accounts where to find the NT hashes of accounts
	 * @param names the names to announce in the CHALLENGE (also accepted as MsvAvTargetName hosts)
	 * @param allowAnonymous whether an anonymous client is accepted
	 * @param options the clock skew and target name checks
	 */
	public NtlmAcceptorContext(NtlmAccountStore accounts, NtlmServerNames names, boolean allowAnonymous,
			NtlmAcceptorOptions options) {
		this(accounts, names, allowAnonymous, options, NtlmEnvironment.DEFAULT);
	}

	NtlmAcceptorContext(NtlmAccountStore accounts, NtlmServerNames names, boolean allowAnonymous,
			NtlmEnvironment environment) {
		this(accounts, names, allowAnonymous, NtlmAcceptorOptions.DEFAULTS, environment);
	}

	NtlmAcceptorContext(NtlmAccountStore accounts, NtlmServerNames names, boolean allowAnonymous,
			NtlmAcceptorOptions options, NtlmEnvironment environment) {
		this.accounts = Objects.requireNonNull(accounts, "accounts");
		this.names = Objects.requireNonNull(names, "names");
		this.allowAnonymous = allowAnonymous;
		this.options = Objects.requireNonNull(options, "options");
		this.environment = Objects.requireNonNull(environment, "environment");
		this.ownTargetNames = new NtlmTargetNames(names, options.targetNames());
	}

	/**
	 * Leave MsvAvTimestamp out of the CHALLENGE, as the [MS-NLMP] 4.2.4 example server does, so that the example's
	 * AUTHENTICATE verifies. Tests only.
	 * @return this context
	 */
	NtlmAcceptorContext withoutChallengeTimestamp() {
		this.challengeTimestamp = false;
		return this;
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
			forgetChallenge();
			// what only the handshake needed goes (an established context lives as long as its channel)
			this.serverChallenge = null;
			this.negotiateMessage = null;
			this.challengeMessage = null;
			this.serverInfo = AvPairs.EMPTY;
			return new byte[0];
		}
		catch (RuntimeException ex) {
			this.state = State.FAILED;
			forgetChallenge();
			throw ex;
		}
	}

	private void forgetChallenge() {
		byte[] challenge = this.serverChallenge;
		if (challenge != null) {
			NtlmReflectionGuard.answered(challenge);
		}
	}

	@Override
	public void close() {
		forgetChallenge();
		super.close();
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
		NtlmNames.checkReceived(negotiate.domainName(), "NEGOTIATE DomainName");
		NtlmNames.checkReceived(negotiate.workstation(), "NEGOTIATE Workstation");
		int flags = clientFlags & SUPPORTED_FLAGS;
		// [MS-NLMP] 3.2.5.1.1: Unicode when offered, otherwise OEM when offered, otherwise the token is invalid
		if (!NegotiateFlags.isSet(clientFlags, NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE)) {
			if (!NegotiateFlags.isSet(clientFlags, NegotiateFlags.NTLM_NEGOTIATE_OEM)) {
				throw NtlmWire.badToken("NTLM NEGOTIATE offers neither Unicode nor OEM strings (flags "
						+ NegotiateFlags.toString(clientFlags) + ")");
			}
			flags |= NegotiateFlags.NTLM_NEGOTIATE_OEM;
		}
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
		long now = this.environment.fileTimeNow();
		if (this.challengeTimestamp) {
			info.add(AvPair.ofTimestamp(now));
		}
		NtlmVersion version = NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION)
				? NtlmVersion.DEFAULT : null;
		AvPairs targetInfo = AvPairs.of(info);
		byte[] message = new NtlmChallengeMessage(flags, this.names.netbiosDomainName(), challenge, targetInfo,
				version).toBytes();
		this.serverInfo = targetInfo;
		this.challengeFileTime = now;
		NtlmReflectionGuard.issued(challenge, this.ownTargetNames,
				System.nanoTime() + this.options.maxClockSkew().toNanos());
		this.negotiateMessage = token.clone();
		this.challengeMessage = message;
		this.serverChallenge = challenge;
		this.challengeFlags = flags;
		return message.clone();
	}

	private void processAuthenticate(byte[] token) {
		NtlmAuthenticateMessage authenticate = NtlmAuthenticateMessage.parse(token);
		NtlmNames.checkReceived(authenticate.domainName(), "AUTHENTICATE DomainName");
		NtlmNames.checkReceived(authenticate.userName(), "AUTHENTICATE UserName");
		NtlmNames.checkReceived(authenticate.workstation(), "AUTHENTICATE Workstation");
		int flags = authenticate.negotiateFlags();
		String account = UntrustedText.safe(accountName(authenticate.domainName(), authenticate.userName()));
		checkFlags(flags, account);
		checkChallengeAge(account);
		byte[] nt = authenticate.ntChallengeResponse();
		byte[] lm = authenticate.lmChallengeResponse();
		boolean anonymous = authenticate.userName().isEmpty() && nt.length == 0
				&& (lm.length == 0 || (lm.length == 1 && lm[0] == 0));
		byte[] sessionBaseKey;
		AvPairs clientInfo = AvPairs.EMPTY;
		NtlmAccount verified = null;
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
			NtlmAccount stored = this.accounts.account(authenticate.domainName(), authenticate.userName());
			sessionBaseKey = verifyResponse(authenticate, stored, nt, account);
			verified = Objects.requireNonNull(stored);
			clientInfo = AvPairs.parse(Arrays.copyOfRange(nt, 16 + NtlmCrypto.CLIENT_CHALLENGE_HEADER_LENGTH,
					nt.length));
			checkEchoedTargetInfo(clientInfo, account);
			checkTimestamp(NtlmWire.le64(nt, 16 + 8), account);
			checkTargetName(clientInfo, account);
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
		String target = clientInfo.getString(AvPair.MSV_AV_TARGET_NAME);
		this.clientTargetName = (target == null || target.isEmpty()) ? null : target;
		NtlmSessionSecurity security = new NtlmSessionSecurity(exportedSessionKey, false, keyExchange);
		Arrays.fill(exportedSessionKey, (byte) 0);
		Arrays.fill(sessionBaseKey, (byte) 0);
		ImpersonationLevel level = anonymous ? ImpersonationLevel.ANONYMOUS
				: NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_IDENTIFY)
						? ImpersonationLevel.IDENTIFICATION : ImpersonationLevel.IMPERSONATION;
		// anonymous: the session key is all zeros, public; as Samba does, such a session is neither signed nor sealed
		boolean seal = !anonymous && NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL);
		boolean sign = !anonymous && (flags & SECURITY_FLAGS) != 0;
		String peer = (verified != null) ? verified.name() : ANONYMOUS_NAME;
		established(new NegotiatedContext(Mechanism.NTLM, peer, false, seal, sign, anonymous, level, null,
				this.clientTargetName), security, flags, mic);
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
	private byte[] verifyResponse(NtlmAuthenticateMessage authenticate, @Nullable NtlmAccount stored, byte[] nt,
			String account) {
		byte[] ntHash = (stored != null) ? stored.ntHash() : null;
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

	private void checkChallengeAge(String account) {
		long age = this.environment.fileTimeNow() - this.challengeFileTime;
		if (age > this.options.maxClockSkew().toNanos() / 100) {
			throw new MechanismException(FailureReason.BAD_TOKEN, "NTLM AUTHENTICATE of " + account + " answers a "
					+ "CHALLENGE issued " + (age / 10_000_000L) + " s ago, longer than the maximum clock skew of "
					+ this.options.maxClockSkew().toSeconds() + " s: challenges expire unanswered");
		}
	}

	/**
	 * Every AV pair this server sent must come back unchanged in the client's NTLMv2 response (which the proof
	 * protects), as Samba checks in ntlmssp_server_preauth: a man in the middle who altered the CHALLENGE's target
	 * information (for example stripped MsvAvTimestamp so that the client sends no MIC) is caught here.
	 */
	private void checkEchoedTargetInfo(AvPairs clientInfo, String account) {
		for (AvPair sent : this.serverInfo.pairs()) {
			AvPair echoed = clientInfo.get(sent.avId());
			if (echoed == null || !echoed.equals(sent)) {
				throw new MechanismException(FailureReason.BAD_TOKEN, "NTLM AUTHENTICATE of " + account + ": the "
						+ "target information echoed in the NTLMv2 response " + ((echoed == null) ? "lacks" : "alters")
						+ " AV pair " + sent.avId() + " that this server's CHALLENGE sent; the CHALLENGE was altered "
						+ "in transit");
			}
		}
	}

	private void checkTimestamp(long clientFileTime, String account) {
		long skew = this.options.maxClockSkew().toNanos() / 100;
		long difference = Math.abs(this.environment.fileTimeNow() - clientFileTime);
		if (difference > skew || difference < 0) {
			throw new MechanismException(FailureReason.BAD_TOKEN, "NTLM AUTHENTICATE of " + account + " carries an "
					+ "NTLMv2 time stamp " + (difference / 10_000_000L) + " s away from this server's clock, beyond the "
					+ "maximum clock skew of " + this.options.maxClockSkew().toSeconds() + " s (a replayed or "
					+ "stale response, or a client clock that is wrong)");
		}
	}

	private void checkTargetName(AvPairs clientInfo, String account) {
		NtlmAcceptorOptions.TargetNameCheck check = this.options.targetNameCheck();
		if (check == NtlmAcceptorOptions.TargetNameCheck.OFF) {
			return;
		}
		String target = clientInfo.getString(AvPair.MSV_AV_TARGET_NAME);
		if (target == null || target.isEmpty()) {
			if (check == NtlmAcceptorOptions.TargetNameCheck.REQUIRED) {
				throw new MechanismException(FailureReason.WRONG_TARGET, "NTLM AUTHENTICATE of " + account
						+ " names no target (MsvAvTargetName) but this server requires one (target-name-check: "
						+ "required)");
			}
			return;
		}
		if (this.ownTargetNames.matches(target)) {
			return;
		}
		throw new MechanismException(FailureReason.WRONG_TARGET, "NTLM AUTHENTICATE of " + account + " was meant "
				+ "for " + UntrustedText.safe(target) + ", which is not one of this server's names "
				+ this.ownTargetNames + ": refused as a relayed authentication. If clients reach this server by "
				+ "that name, add it to the NTLM target names (negotiate.tcp.server.ntlm.target-names)");
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
