package org.negotiatetcp.mechanism.ntlm;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.negotiatetcp.mechanism.ntlm.NtlmContextTests.ENCRYPT;
import static org.negotiatetcp.mechanism.ntlm.NtlmContextTests.NAMES;
import static org.negotiatetcp.mechanism.ntlm.NtlmContextTests.SPN;
import static org.negotiatetcp.mechanism.ntlm.NtlmContextTests.accounts;
import static org.negotiatetcp.mechanism.ntlm.NtlmContextTests.alice;
import static org.negotiatetcp.mechanism.ntlm.NtlmTestSupport.hex;

/**
 * Hostile, truncated and legacy tokens: every failure is a {@link MechanismException} with a meaningful reason, never
 * an index or runtime exception; NTLMv1 and LM are refused.
 */
class NtlmRobustnessTests {

	/** A server that has seen a NEGOTIATE and waits for an AUTHENTICATE, with the client that talks to it. */
	record Exchange(NtlmInitiatorContext client, NtlmAcceptorContext server, byte[] negotiate, byte[] challenge) {

		static Exchange start() {
			NtlmInitiatorContext client = new NtlmInitiatorContext(alice(), SPN, ENCRYPT);
			NtlmAcceptorContext server = new NtlmAcceptorContext(accounts(), NAMES, false);
			byte[] negotiate = client.step(null);
			return new Exchange(client, server, negotiate, server.step(negotiate));
		}

	}

	static FailureReason reasonOf(Runnable action) {
		try {
			action.run();
			return null;
		}
		catch (MechanismException ex) {
			return ex.reason();
		}
	}

	static NtlmAuthenticateMessage authenticate(byte[] lm, byte[] nt, String user, int flags) {
		return new NtlmAuthenticateMessage(lm, nt, "EXAMPLE", user, "WS1", new byte[16], flags, null, null);
	}

	static final int V2_FLAGS = NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE
			| NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY | NegotiateFlags.NTLMSSP_NEGOTIATE_NTLM;

	@Test
	void negotiateWithoutExtendedSessionSecurityIsRefusedAsNtlmV1() {
		int legacy = 0xa2088207 & ~NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY;
		NtlmAcceptorContext server = new NtlmAcceptorContext(accounts(), NAMES, false);
		assertThatExceptionOfType(MechanismException.class)
			.isThrownBy(() -> server.step(new NtlmNegotiateMessage(legacy, "", "", null).toBytes()))
			.withMessageContaining("NTLMv1")
			.extracting(MechanismException::reason)
			.isEqualTo(FailureReason.UNSUPPORTED_MECHANISM);
	}

	@Test
	void ntlmV1ResponseIsRefused() {
		Exchange exchange = Exchange.start();
		byte[] token = authenticate(new byte[24], new byte[24], "alice", V2_FLAGS).toBytes();
		assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> exchange.server().step(token))
			.withMessageContaining("NTLMv1 response")
			.withMessageContaining("EXAMPLE\\alice")
			.extracting(MechanismException::reason)
			.isEqualTo(FailureReason.UNSUPPORTED_MECHANISM);
	}

	@Test
	void lmOnlyResponseIsRefused() {
		Exchange exchange = Exchange.start();
		byte[] token = authenticate(new byte[24], new byte[0], "alice", V2_FLAGS).toBytes();
		assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> exchange.server().step(token))
			.withMessageContaining("only an LM response")
			.extracting(MechanismException::reason)
			.isEqualTo(FailureReason.UNSUPPORTED_MECHANISM);
	}

	@Test
	void authenticateWithoutExtendedSessionSecurityIsRefused() {
		Exchange exchange = Exchange.start();
		byte[] token = authenticate(new byte[24], new byte[60], "alice", NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE)
			.toBytes();
		assertThat(reasonOf(() -> exchange.server().step(token))).isEqualTo(FailureReason.UNSUPPORTED_MECHANISM);
	}

	@Test
	void emptyUserWithAResponseIsNotAnonymous() {
		NtlmAcceptorContext server = new NtlmAcceptorContext(accounts(), NAMES, true);
		server.step(new NtlmInitiatorContext(alice(), SPN, ENCRYPT).step(null));
		byte[] token = authenticate(new byte[24], new byte[60], "", V2_FLAGS).toBytes();
		assertThat(reasonOf(() -> server.step(token))).isEqualTo(FailureReason.BAD_CREDENTIALS);
	}

	@Test
	void authenticateClaimingSealThatWasNotOfferedIsRejected() {
		NtlmInitiatorContext signOnly = new NtlmInitiatorContext(alice(), SPN, NtlmContextTests.SIGN);
		NtlmAcceptorContext server = new NtlmAcceptorContext(accounts(), NAMES, false);
		server.step(signOnly.step(null));
		byte[] token = authenticate(new byte[24], new byte[60], "alice",
				V2_FLAGS | NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL | NegotiateFlags.NTLMSSP_NEGOTIATE_128)
			.toBytes();
		assertThat(reasonOf(() -> server.step(token))).isEqualTo(FailureReason.BAD_TOKEN);
	}

	@ParameterizedTest(name = "without {0}: {2}")
	@MethodSource("flagsTheClientNeeds")
	void clientRefusesAChallengeWithoutAFlagItNeeds(String flagName, int flag, FailureReason reason) {
		NtlmChallengeMessage good = NtlmChallengeMessage.parse(Exchange.start().challenge());
		assertThat(reasonOf(() -> clientStep(withFlags(good, good.negotiateFlags() & ~flag)))).isEqualTo(reason);
	}

	static Stream<Arguments> flagsTheClientNeeds() {
		return Stream.of(
				Arguments.of("EXTENDED_SESSIONSECURITY", NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY,
						FailureReason.UNSUPPORTED_MECHANISM),
				// confidentiality wanted: no seal is a policy refusal
				Arguments.of("SEAL", NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL, FailureReason.POLICY),
				// weak (56-bit) keys
				Arguments.of("128", NegotiateFlags.NTLMSSP_NEGOTIATE_128, FailureReason.POLICY));
	}

	@Test
	void clientRefusesChallengeWithoutNetbiosNamesWhenSigning() {
		NtlmChallengeMessage good = NtlmChallengeMessage.parse(Exchange.start().challenge());
		NtlmChallengeMessage stripped = new NtlmChallengeMessage(good.negotiateFlags(), good.targetName(),
				good.serverChallenge(), good.targetInfo().without(AvPair.MSV_AV_NB_COMPUTER_NAME), good.version());
		assertThat(reasonOf(() -> clientStep(stripped.toBytes()))).isEqualTo(FailureReason.BAD_TOKEN);
	}

	@Test
	void clientRefusesATokenBeforeItsNegotiate() {
		NtlmInitiatorContext client = new NtlmInitiatorContext(alice(), SPN, ENCRYPT);
		assertThat(reasonOf(() -> client.step(new byte[] { 1 }))).isEqualTo(FailureReason.BAD_TOKEN);
	}

	private static byte[] withFlags(NtlmChallengeMessage message, int flags) {
		return new NtlmChallengeMessage(flags, message.targetName(), message.serverChallenge(), message.targetInfo(),
				message.version()).toBytes();
	}

	private static void clientStep(byte[] challenge) {
		NtlmInitiatorContext client = new NtlmInitiatorContext(alice(), SPN, ENCRYPT);
		client.step(null);
		client.step(challenge);
	}

	@Test
	void everyTruncationOfEachMessageFailsWithBadTokenOrParsesAsAShorterValidForm() {
		Exchange exchange = Exchange.start();
		byte[] authenticate = exchange.client().step(exchange.challenge());
		List<byte[]> messages = List.of(exchange.negotiate(), exchange.challenge(), authenticate,
				hex(NtlmKnownAnswerTests.CHALLENGE), hex(NtlmKnownAnswerTests.AUTHENTICATE));
		List<Function<byte[], Object>> parsers = List.of(NtlmNegotiateMessage::parse, NtlmChallengeMessage::parse,
				NtlmAuthenticateMessage::parse, NtlmChallengeMessage::parse, NtlmAuthenticateMessage::parse);
		for (int m = 0; m < messages.size(); m++) {
			byte[] full = messages.get(m);
			for (int length = 0; length < full.length; length++) {
				byte[] prefix = Arrays.copyOf(full, length);
				int index = m;
				FailureReason reason = reasonOf(() -> parsers.get(index).apply(prefix));
				if (m == 0 && length >= 16) {
					assertThat(reason).as("a NEGOTIATE of %d bytes is a valid legacy form", length).isNull();
				}
				else {
					assertThat(reason).as("message %d truncated to %d bytes", m, length)
						.isEqualTo(FailureReason.BAD_TOKEN);
				}
			}
		}
	}

	@Test
	void truncatedTokensFailInTheContextsWithBadToken() {
		Exchange exchange = Exchange.start();
		byte[] authenticate = exchange.client().step(exchange.challenge());
		for (int length = 0; length < exchange.challenge().length; length++) {
			byte[] prefix = Arrays.copyOf(exchange.challenge(), length);
			NtlmInitiatorContext client = new NtlmInitiatorContext(alice(), SPN, ENCRYPT);
			client.step(null);
			assertThat(reasonOf(() -> client.step(prefix))).isEqualTo(FailureReason.BAD_TOKEN);
		}
		for (int length = 0; length < authenticate.length; length++) {
			byte[] prefix = Arrays.copyOf(authenticate, length);
			NtlmAcceptorContext server = new NtlmAcceptorContext(accounts(), NAMES, false);
			server.step(exchange.negotiate());
			assertThat(reasonOf(() -> server.step(prefix))).isEqualTo(FailureReason.BAD_TOKEN);
		}
	}

	@Test
	void garbageIsRejectedWithBadToken() {
		NtlmAcceptorContext server = new NtlmAcceptorContext(accounts(), NAMES, false);
		assertThatExceptionOfType(MechanismException.class)
			.isThrownBy(() -> server.step(hex("6082010006062b0601050502a0")))
			.withMessageContaining("NTLMSSP")
			.extracting(MechanismException::reason)
			.isEqualTo(FailureReason.BAD_TOKEN);
		Random random = new Random(42);
		for (int i = 0; i < 500; i++) {
			byte[] garbage = new byte[random.nextInt(200)];
			random.nextBytes(garbage);
			if (i % 2 == 0 && garbage.length >= 12) {
				System.arraycopy(NtlmWire.SIGNATURE, 0, garbage, 0, 8);
				garbage[8] = (byte) (1 + random.nextInt(3));
				garbage[9] = 0;
				garbage[10] = 0;
				garbage[11] = 0;
			}
			NtlmAcceptorContext fresh = new NtlmAcceptorContext(accounts(), NAMES, false);
			NtlmInitiatorContext client = new NtlmInitiatorContext(alice(), SPN, ENCRYPT);
			client.step(null);
			assertNoUnexpectedException(() -> fresh.step(garbage));
			assertNoUnexpectedException(() -> client.step(garbage));
			assertNoUnexpectedException(() -> NtlmAuthenticateMessage.parse(garbage));
			assertNoUnexpectedException(() -> AvPairs.parse(garbage));
		}
	}

	@Test
	void mutatedHandshakeTokensFailOnlyWithMechanismExceptions() {
		Random random = new Random(7);
		for (int i = 0; i < 300; i++) {
			Exchange exchange = Exchange.start();
			byte[] challenge = mutate(exchange.challenge(), random);
			assertNoUnexpectedException(() -> exchange.client().step(challenge));
			Exchange other = Exchange.start();
			byte[] authenticate = mutate(other.client().step(other.challenge()), random);
			assertNoUnexpectedException(() -> other.server().step(authenticate));
			byte[] negotiate = mutate(other.negotiate(), random);
			assertNoUnexpectedException(() -> new NtlmAcceptorContext(accounts(), NAMES, true).step(negotiate));
		}
	}

	@Test
	void fieldOffsetsOutsideTheMessageAreRejected() {
		byte[] token = hex(NtlmKnownAnswerTests.AUTHENTICATE);
		byte[] beyond = token.clone();
		NtlmWire.putLe32(beyond, 20 + 4, token.length - 10);
		assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> NtlmAuthenticateMessage.parse(beyond))
			.withMessageContaining("NtChallengeResponse")
			.extracting(MechanismException::reason)
			.isEqualTo(FailureReason.BAD_TOKEN);
		byte[] huge = token.clone();
		NtlmWire.putLe32(huge, 28 + 4, 0xFFFFFFF0);
		assertThat(reasonOf(() -> NtlmAuthenticateMessage.parse(huge))).isEqualTo(FailureReason.BAD_TOKEN);
		byte[] inHeader = token.clone();
		NtlmWire.putLe32(inHeader, 36 + 4, 8);
		assertThat(reasonOf(() -> NtlmAuthenticateMessage.parse(inHeader))).isEqualTo(FailureReason.BAD_TOKEN);
		byte[] longField = token.clone();
		NtlmWire.putLe16(longField, 52, 0xFFFF);
		assertThat(reasonOf(() -> NtlmAuthenticateMessage.parse(longField))).isEqualTo(FailureReason.BAD_TOKEN);
	}

	@Test
	void oddLengthUnicodeNameIsRejected() {
		byte[] token = hex(NtlmKnownAnswerTests.AUTHENTICATE);
		NtlmWire.putLe16(token, 36, 7);
		assertThat(reasonOf(() -> NtlmAuthenticateMessage.parse(token))).isEqualTo(FailureReason.BAD_TOKEN);
	}

	@Test
	void malformedAvPairsAreRejected() {
		assertThat(reasonOf(() -> AvPairs.parse(hex("0100 0a00 4100")))).isEqualTo(FailureReason.BAD_TOKEN);
		assertThat(reasonOf(() -> AvPairs.parse(hex("01")))).isEqualTo(FailureReason.BAD_TOKEN);
		assertThat(reasonOf(() -> AvPairs.parse(hex("0700 0400 01020304 00000000")).timestamp()))
			.isEqualTo(FailureReason.BAD_TOKEN);
		assertThat(reasonOf(() -> AvPairs.parse(hex("0600 0200 0102 00000000")).flags()))
			.isEqualTo(FailureReason.BAD_TOKEN);
	}

	@Test
	void garbageDataFramesFailOnlyWithMechanismExceptions() {
		Random random = new Random(3);
		NtlmContextTests.Pair pair = NtlmContextTests.Pair.connect(alice(), ENCRYPT);
		for (int i = 0; i < 200; i++) {
			byte[] frame = new byte[random.nextInt(64)];
			random.nextBytes(frame);
			assertNoUnexpectedException(() -> pair.server().unwrap(frame, 0, frame.length));
			assertNoUnexpectedException(() -> pair.client().verifyMic(new byte[3], frame));
		}
	}

	private static byte[] mutate(byte[] token, Random random) {
		byte[] copy = token.clone();
		int changes = 1 + random.nextInt(4);
		for (int c = 0; c < changes; c++) {
			int position = random.nextInt(copy.length);
			copy[position] = (byte) random.nextInt(256);
		}
		if (random.nextInt(4) == 0) {
			copy = Arrays.copyOf(copy, random.nextInt(copy.length + 1));
		}
		return copy;
	}

	private static void assertNoUnexpectedException(Runnable action) {
		try {
			action.run();
		}
		catch (MechanismException ex) {
			assertThat(ex.getMessage()).isNotBlank();
		}
		catch (RuntimeException ex) {
			fail("Expected success or a MechanismException, got " + ex, ex);
		}
	}

}
