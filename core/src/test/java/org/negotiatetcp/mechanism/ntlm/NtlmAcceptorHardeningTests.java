package org.negotiatetcp.mechanism.ntlm;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Attacks on the NTLM acceptor, reproduced against the real {@link NtlmAcceptorContext} with hand-made messages
 * (what impacket-style clients and a man in the middle send), each compared with what Windows SSPI, MIT/gss-ntlmssp
 * and Samba do.
 */
class NtlmAcceptorHardeningTests {

	private static final NtlmServerNames NAMES = NtlmServerNames.forHost("srv1.example.com");

	private static final String SPN = "host/srv1.example.com";

	private static InMemoryNtlmAccountStore accounts() {
		return InMemoryNtlmAccountStore.fromMap(java.util.Map.of("EXAMPLE\\alice", "Secret-1", "bob", "Bob-pw"));
	}

	/** A clock the test moves. */
	static final class MovableClock extends Clock {

		final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T12:00:00Z"));

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now.get();
		}

		void advance(Duration duration) {
			this.now.updateAndGet((instant) -> instant.plus(duration));
		}

	}

	private final MovableClock clock = new MovableClock();

	private NtlmAcceptorContext acceptor(NtlmAcceptorOptions options) {
		NtlmEnvironment environment = new NtlmEnvironment(new java.security.SecureRandom()::nextBytes, this.clock);
		return new NtlmAcceptorContext(accounts(), NAMES, false, options, environment);
	}

	private static final int UNICODE_FLAGS = NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE
			| NegotiateFlags.NTLMSSP_REQUEST_TARGET | NegotiateFlags.NTLMSSP_NEGOTIATE_NTLM
			| NegotiateFlags.NTLMSSP_NEGOTIATE_ALWAYS_SIGN | NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY;

	private static final int OEM_FLAGS = (UNICODE_FLAGS & ~NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE)
			| NegotiateFlags.NTLM_NEGOTIATE_OEM;

	static byte[] authenticate(NtlmChallengeMessage challenge, String domain, String user, String password,
			String workstation, AvPairs echoed, long fileTime, int flags) {
		return NtlmForgery.authenticate(challenge, domain, user, password, workstation, echoed, fileTime, flags);
	}

	private static long fileTime(Instant instant) {
		return NtlmEnvironment.toFileTime(instant);
	}

	private record Started(NtlmAcceptorContext server, NtlmChallengeMessage challenge) {
	}

	private Started start(NtlmAcceptorOptions options, int negotiateFlags) {
		NtlmAcceptorContext server = acceptor(options);
		byte[] challenge = server.step(new NtlmNegotiateMessage(negotiateFlags, "", "", null).toBytes());
		return new Started(server, NtlmChallengeMessage.parse(challenge));
	}

	private static FailureReason failure(Runnable action) {
		try {
			action.run();
		}
		catch (MechanismException ex) {
			return ex.reason();
		}
		throw new AssertionError("expected a MechanismException");
	}

	// --- weakness 5: target info echo, time stamp, challenge lifetime ---

	@Test
	void micLessClientThatEchoesTheTargetInfoFaithfullyIsAcceptedAsWindowsAndSambaAcceptImpacket() {
		Started s = start(NtlmAcceptorOptions.DEFAULTS, UNICODE_FLAGS);
		AvPairs echoed = s.challenge().targetInfo().with(AvPair.ofString(AvPair.MSV_AV_TARGET_NAME, SPN));
		s.server().step(authenticate(s.challenge(), "EXAMPLE", "alice", "Secret-1", "WS1", echoed,
				s.challenge().targetInfo().timestamp(), s.challenge().negotiateFlags()));
		assertThat(s.server().negotiated().peerName()).isEqualTo("EXAMPLE\\alice");
		assertThat(s.server().authenticateMessageHasMic()).isFalse();
	}

	@Test
	void manInTheMiddleWhoStripsTheTimestampToSuppressTheMicIsCaughtByTheEchoCheckAsSambaDoes() {
		// the MITM removes MsvAvTimestamp from the CHALLENGE: the client then sends no MIC and echoes the altered
		// list (the proof covers it), so the altered CHALLENGE shows in the echo. Samba (ntlmssp_server_preauth)
		// compares the echoed AV pairs; before this check the acceptor accepted it and IDENTIFY/SEAL could be cleared
		Started s = start(NtlmAcceptorOptions.DEFAULTS, UNICODE_FLAGS);
		AvPairs stripped = s.challenge().targetInfo().without(AvPair.MSV_AV_TIMESTAMP);
		byte[] token = authenticate(s.challenge(), "EXAMPLE", "alice", "Secret-1", "WS1", stripped,
				fileTime(this.clock.instant()), s.challenge().negotiateFlags());
		assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> s.server().step(token))
			.withMessageContaining("lacks AV pair 7")
			.extracting(MechanismException::reason)
			.isEqualTo(FailureReason.BAD_TOKEN);
	}

	@Test
	void alteredServerNameInTheEchoIsRefused() {
		Started s = start(NtlmAcceptorOptions.DEFAULTS, UNICODE_FLAGS);
		AvPairs altered = s.challenge().targetInfo().without(AvPair.MSV_AV_NB_COMPUTER_NAME)
			.with(AvPair.ofString(AvPair.MSV_AV_NB_COMPUTER_NAME, "EVIL"));
		byte[] token = authenticate(s.challenge(), "EXAMPLE", "alice", "Secret-1", "WS1", altered,
				s.challenge().targetInfo().timestamp(), s.challenge().negotiateFlags());
		assertThat(failure(() -> s.server().step(token))).isEqualTo(FailureReason.BAD_TOKEN);
	}

	@Test
	void ntlmV2TimestampOutsideTheSkewWindowIsRefusedLikeAKerberosAuthenticator() {
		// MIT krb5 and Windows refuse authenticators beyond the 5-minute clock skew; the NTLMv2 time stamp gets the
		// same window, so a response captured earlier cannot be replayed later against the same challenge value
		Started s = start(NtlmAcceptorOptions.DEFAULTS, UNICODE_FLAGS);
		long stale = fileTime(this.clock.instant().minus(Duration.ofMinutes(10)));
		byte[] token = authenticate(s.challenge(), "EXAMPLE", "alice", "Secret-1", "WS1",
				s.challenge().targetInfo(), stale, s.challenge().negotiateFlags());
		assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> s.server().step(token))
			.withMessageContaining("maximum clock skew of 300 s")
			.extracting(MechanismException::reason)
			.isEqualTo(FailureReason.BAD_TOKEN);
	}

	@Test
	void timestampWithinAConfiguredSkewIsAccepted() {
		Started s = start(NtlmAcceptorOptions.DEFAULTS.withMaxClockSkew(Duration.ofMinutes(15)), UNICODE_FLAGS);
		long early = fileTime(this.clock.instant().minus(Duration.ofMinutes(10)));
		s.server().step(authenticate(s.challenge(), "EXAMPLE", "alice", "Secret-1", "WS1",
				s.challenge().targetInfo(), early, s.challenge().negotiateFlags()));
		assertThat(s.server().isEstablished()).isTrue();
	}

	@Test
	void challengeLeftUnansweredBeyondTheSkewExpires() {
		Started s = start(NtlmAcceptorOptions.DEFAULTS, UNICODE_FLAGS);
		this.clock.advance(Duration.ofMinutes(6));
		byte[] token = authenticate(s.challenge(), "EXAMPLE", "alice", "Secret-1", "WS1",
				s.challenge().targetInfo(), fileTime(this.clock.instant()), s.challenge().negotiateFlags());
		assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> s.server().step(token))
			.withMessageContaining("challenges expire unanswered");
	}

	// --- weakness 4: MsvAvTargetName ---

	@Test
	void responseMeantForAnotherServerIsRefusedAsARelayLikeWindowsSpnTargetNameValidation() {
		// a victim authenticating to host/evil.example.com has its exchange relayed here; MsvAvTargetName is
		// protected by the proof, so the relay shows. Windows (SmbServerNameHardeningLevel 1) refuses it too
		Started s = start(NtlmAcceptorOptions.DEFAULTS, UNICODE_FLAGS);
		AvPairs echoed = s.challenge().targetInfo()
			.with(AvPair.ofString(AvPair.MSV_AV_TARGET_NAME, "host/evil.example.com"));
		byte[] token = authenticate(s.challenge(), "EXAMPLE", "alice", "Secret-1", "WS1", echoed,
				s.challenge().targetInfo().timestamp(), s.challenge().negotiateFlags());
		assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> s.server().step(token))
			.withMessageContaining("host/evil.example.com")
			.extracting(MechanismException::reason)
			.isEqualTo(FailureReason.WRONG_TARGET);
	}

	@Test
	void configuredAliasAndAnyServiceClassOfTheServersHostAreAccepted() {
		for (String target : new String[] { "HTTP/SRV1.example.com", "host/srv1", "cifs/alias.example.com:445",
				"host/srv-alias" }) {
			Started s = start(NtlmAcceptorOptions.DEFAULTS
				.withTargetNames(Set.of("alias.example.com", "host/srv-alias")), UNICODE_FLAGS);
			AvPairs echoed = s.challenge().targetInfo().with(AvPair.ofString(AvPair.MSV_AV_TARGET_NAME, target));
			s.server().step(authenticate(s.challenge(), "EXAMPLE", "alice", "Secret-1", "WS1", echoed,
					s.challenge().targetInfo().timestamp(), s.challenge().negotiateFlags()));
			assertThat(s.server().clientTargetName()).isEqualTo(target);
			assertThat(s.server().negotiated().acceptedTargetName()).isEqualTo(target);
		}
	}

	@Test
	void targetNameCheckLevels() {
		AvPairs evil = AvPairs.of(java.util.List.of(AvPair.ofString(AvPair.MSV_AV_TARGET_NAME, "host/evil")));
		// OFF: Windows' default for SMB
		Started off = start(NtlmAcceptorOptions.DEFAULTS.withTargetNameCheck(NtlmAcceptorOptions.TargetNameCheck.OFF),
				UNICODE_FLAGS);
		off.server().step(authenticate(off.challenge(), "EXAMPLE", "alice", "Secret-1", "WS1",
				withAll(off.challenge().targetInfo(), evil), off.challenge().targetInfo().timestamp(),
				off.challenge().negotiateFlags()));
		assertThat(off.server().isEstablished()).isTrue();
		// REQUIRED: a client that names no target is refused
		Started required = start(
				NtlmAcceptorOptions.DEFAULTS.withTargetNameCheck(NtlmAcceptorOptions.TargetNameCheck.REQUIRED),
				UNICODE_FLAGS);
		byte[] none = authenticate(required.challenge(), "EXAMPLE", "alice", "Secret-1", "WS1",
				required.challenge().targetInfo(), required.challenge().targetInfo().timestamp(),
				required.challenge().negotiateFlags());
		assertThat(failure(() -> required.server().step(none))).isEqualTo(FailureReason.WRONG_TARGET);
		// IF_PRESENT (default): no target name passes
		Started present = start(NtlmAcceptorOptions.DEFAULTS, UNICODE_FLAGS);
		present.server().step(authenticate(present.challenge(), "EXAMPLE", "alice", "Secret-1", "WS1",
				present.challenge().targetInfo(), present.challenge().targetInfo().timestamp(),
				present.challenge().negotiateFlags()));
		assertThat(present.server().negotiated().acceptedTargetName()).isNull();
	}

	private static AvPairs withAll(AvPairs first, AvPairs second) {
		return first.with(second.pairs().toArray(AvPair[]::new));
	}

	// --- weakness 1: canonical names, control characters ---

	@Test
	void caseAndUnicodeVariantsOfTheUserNameMapToTheStoredSpellingAsWindowsReportsTheSamName() {
		// U+0131 (dotless i) upper-cases to I, so "alıce" finds alice's entry; NTOWFv2 hashes the typed spelling
		for (String typed : new String[] { "ALICE", "Alice", "al\u0131ce" }) {
			Started s = start(NtlmAcceptorOptions.DEFAULTS, UNICODE_FLAGS);
			s.server().step(authenticate(s.challenge(), "example", typed, "Secret-1", "WS1",
					s.challenge().targetInfo(), s.challenge().targetInfo().timestamp(),
					s.challenge().negotiateFlags()));
			assertThat(s.server().negotiated().peerName()).isEqualTo("EXAMPLE\\alice");
		}
	}

	@Test
	void accountStoredWithoutDomainNeverTakesTheDomainTheClientTyped() {
		for (String domain : new String[] { "NT AUTHORITY", "EXAMPLE", "CORP" }) {
			Started s = start(NtlmAcceptorOptions.DEFAULTS, UNICODE_FLAGS);
			s.server().step(authenticate(s.challenge(), domain, "BOB", "Bob-pw", "WS1", s.challenge().targetInfo(),
					s.challenge().targetInfo().timestamp(), s.challenge().negotiateFlags()));
			assertThat(s.server().negotiated().peerName()).isEqualTo("bob");
		}
	}

	@Test
	void controlCharactersInUserDomainOrWorkstationAreRefusedBeforeAnyLookup() {
		String[][] cases = { { "EXAMPLE\r\nFORGED", "alice", "WS1" }, { "EXAMPLE", "ali\nce", "WS1" },
				{ "EXAMPLE", "alice", "WS\u00001" }, { "EXAMPLE", "alice\u202E", "WS1" } };
		for (String[] names : cases) {
			Started s = start(NtlmAcceptorOptions.DEFAULTS, UNICODE_FLAGS);
			byte[] token = authenticate(s.challenge(), names[0], names[1], "Secret-1", names[2],
					s.challenge().targetInfo(), s.challenge().targetInfo().timestamp(),
					s.challenge().negotiateFlags());
			assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> s.server().step(token))
				.withMessageContaining("control character")
				.extracting(MechanismException::reason)
				.isEqualTo(FailureReason.BAD_TOKEN);
		}
	}

	// --- weakness 11: OEM ---

	@Test
	void oemOnlyNegotiateIsAnsweredWithOemStringsAsMsNlmp32511WindowsAndGssNtlmsspDo() {
		NtlmAcceptorContext server = acceptor(NtlmAcceptorOptions.DEFAULTS);
		byte[] negotiate = new NtlmNegotiateMessage(OEM_FLAGS | NegotiateFlags.NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED,
				"EXAMPLE", "", null).toBytes();
		byte[] challengeToken = server.step(negotiate);
		NtlmChallengeMessage challenge = NtlmChallengeMessage.parse(challengeToken);
		assertThat(challenge.negotiateFlags() & NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE).isZero();
		assertThat(challenge.negotiateFlags() & NegotiateFlags.NTLM_NEGOTIATE_OEM).isNotZero();
		// TargetName in the OEM character set: "EXAMPLE" one byte per character
		int targetNameLength = (challengeToken[12] & 0xFF) | (challengeToken[13] & 0xFF) << 8;
		assertThat(targetNameLength).isEqualTo("EXAMPLE".length());
		byte[] token = authenticate(challenge, "example", "ALICE", "Secret-1", "WS\u00e91", challenge.targetInfo(),
				challenge.targetInfo().timestamp(), challenge.negotiateFlags());
		NtlmAuthenticateMessage parsed = NtlmAuthenticateMessage.parse(token);
		assertThat(parsed.workstation()).isEqualTo("WS\u00e91");
		assertThat(server.step(token)).isEmpty();
		assertThat(server.negotiated().peerName()).isEqualTo("EXAMPLE\\alice");
	}

	@Test
	void unicodeNegotiateIsAnsweredWithUnicodeStrings() {
		NtlmAcceptorContext server = acceptor(NtlmAcceptorOptions.DEFAULTS);
		byte[] challengeToken = server.step(new NtlmNegotiateMessage(UNICODE_FLAGS | NegotiateFlags.NTLM_NEGOTIATE_OEM,
				"", "", null).toBytes());
		NtlmChallengeMessage challenge = NtlmChallengeMessage.parse(challengeToken);
		assertThat(challenge.negotiateFlags() & NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE).isNotZero();
		int targetNameLength = (challengeToken[12] & 0xFF) | (challengeToken[13] & 0xFF) << 8;
		assertThat(targetNameLength).isEqualTo(2 * challenge.targetName().length());
		server.step(authenticate(challenge, "EXAMPLE", "alice", "Secret-1", "WS1", challenge.targetInfo(),
				challenge.targetInfo().timestamp(), challenge.negotiateFlags()));
		assertThat(server.negotiated().peerName()).isEqualTo("EXAMPLE\\alice");
	}

	@Test
	void negotiateWithNeitherCharacterSetIsAnInvalidToken() {
		NtlmAcceptorContext server = acceptor(NtlmAcceptorOptions.DEFAULTS);
		byte[] negotiate = new NtlmNegotiateMessage(UNICODE_FLAGS & ~NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE, "", "",
				null).toBytes();
		assertThat(failure(() -> server.step(negotiate))).isEqualTo(FailureReason.BAD_TOKEN);
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

}
