package org.negotiatetcp.mechanism.ntlm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.MechanismContext.NegotiatedContext;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * An {@link NtlmInitiatorContext} and an {@link NtlmAcceptorContext} talking to each other in memory.
 */
class NtlmContextTests {

	static final String SPN = "host/srv1.example.com";

	static final NtlmServerNames NAMES = NtlmServerNames.forHost("srv1.example.com");

	static final NtlmInitiatorOptions ENCRYPT = new NtlmInitiatorOptions(true, true, false, "WS1");

	static final NtlmInitiatorOptions SIGN = new NtlmInitiatorOptions(true, false, false, "WS1");

	static InMemoryNtlmAccountStore accounts() {
		return new InMemoryNtlmAccountStore().add("EXAMPLE", "alice", "Secret-1".toCharArray())
			.add("", "bob", "Bob-pw".toCharArray())
			.addAnyDomain("carol", "Carol-pw".toCharArray());
	}

	static NtlmCredential alice() {
		return NtlmCredential.password("EXAMPLE", "alice", "Secret-1".toCharArray());
	}

	/** A client and a server with the three handshake tokens exchanged. */
	record Pair(NtlmInitiatorContext client, NtlmAcceptorContext server, byte[] negotiate, byte[] challenge,
			byte[] authenticate) {

		static Pair connect(NtlmCredential credential, NtlmInitiatorOptions options) {
			return connect(credential, options, accounts(), false);
		}

		static Pair connect(NtlmCredential credential, NtlmInitiatorOptions options, NtlmAccountStore store,
				boolean allowAnonymous) {
			NtlmInitiatorContext client = new NtlmInitiatorContext(credential, SPN, options);
			NtlmAcceptorContext server = new NtlmAcceptorContext(store, NAMES, allowAnonymous);
			byte[] negotiate = client.step(null);
			byte[] challenge = server.step(negotiate);
			byte[] authenticate = client.step(challenge);
			assertThat(server.step(authenticate)).isEmpty();
			return new Pair(client, server, negotiate, challenge, authenticate);
		}

	}

	static byte[] text(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] wrap(NtlmContext context, String message) {
		byte[] data = text(message);
		return context.wrap(data, 0, data.length, context.negotiated().confidentiality());
	}

	static String unwrap(NtlmContext context, byte[] token) {
		return new String(context.unwrap(token, 0, token.length), StandardCharsets.UTF_8);
	}

	static FailureReason failure(Runnable action) {
		try {
			action.run();
		}
		catch (MechanismException ex) {
			return ex.reason();
		}
		throw new AssertionError("expected a MechanismException");
	}

	@Nested
	class Handshake {

		@Test
		void bothSidesAreEstablishedWithNtlmProperties() {
			Pair pair = Pair.connect(alice(), ENCRYPT);
			assertThat(pair.client().isEstablished()).isTrue();
			assertThat(pair.server().isEstablished()).isTrue();
			assertThat(pair.client().isInitiator()).isTrue();
			assertThat(pair.server().isInitiator()).isFalse();
			NegotiatedContext client = pair.client().negotiated();
			assertThat(client).isEqualTo(new NegotiatedContext(Mechanism.NTLM, SPN, false, true, true, false,
					ImpersonationLevel.IMPERSONATION, null));
			NegotiatedContext server = pair.server().negotiated();
			assertThat(server).isEqualTo(new NegotiatedContext(Mechanism.NTLM, "EXAMPLE\\alice", false, true, true,
					false, ImpersonationLevel.IMPERSONATION, null, SPN));
			assertThat(pair.server().clientTargetName()).isEqualTo(SPN);
			assertThat(pair.client().negotiatedFlags()).isEqualTo(pair.server().negotiatedFlags());
		}

		@Test
		void negotiateRequestsSealOnlyWhenConfidentialityIsWanted() {
			int encrypt = NtlmNegotiateMessage.parse(new NtlmInitiatorContext(alice(), SPN, ENCRYPT).step(null))
				.negotiateFlags();
			int sign = NtlmNegotiateMessage.parse(new NtlmInitiatorContext(alice(), SPN, SIGN).step(null))
				.negotiateFlags();
			int required = NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY
					| NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH | NegotiateFlags.NTLMSSP_NEGOTIATE_128
					| NegotiateFlags.NTLMSSP_NEGOTIATE_SIGN | NegotiateFlags.NTLMSSP_NEGOTIATE_ALWAYS_SIGN
					| NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE;
			assertThat(NegotiateFlags.isSet(encrypt, required | NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL)).isTrue();
			assertThat(NegotiateFlags.isSet(sign, required)).isTrue();
			assertThat(NegotiateFlags.isSet(sign, NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL)).isFalse();
			assertThat(NegotiateFlags.isSet(encrypt, NegotiateFlags.NTLMSSP_NEGOTIATE_LM_KEY)).isFalse();
		}

		@Test
		void signOnlyNegotiatesIntegrityWithoutConfidentiality() {
			Pair pair = Pair.connect(alice(), SIGN);
			assertThat(pair.client().negotiated().confidentiality()).isFalse();
			assertThat(pair.client().negotiated().integrity()).isTrue();
			assertThat(pair.server().negotiated().confidentiality()).isFalse();
			assertThat(pair.server().negotiated().integrity()).isTrue();
		}

		@Test
		void identifyOnlyClientYieldsIdentificationOnBothSides() {
			Pair pair = Pair.connect(alice(), new NtlmInitiatorOptions(true, true, true, ""));
			assertThat(pair.client().negotiated().impersonationLevel()).isEqualTo(ImpersonationLevel.IDENTIFICATION);
			assertThat(pair.server().negotiated().impersonationLevel()).isEqualTo(ImpersonationLevel.IDENTIFICATION);
			assertThat(NtlmNegotiateMessage.parse(pair.negotiate()).negotiateFlags()
					& NegotiateFlags.NTLMSSP_NEGOTIATE_IDENTIFY).isNotZero();
		}

		@Test
		void challengeCarriesServerNamesAndTimestampAndAuthenticateCarriesMic() {
			Pair pair = Pair.connect(alice(), ENCRYPT);
			NtlmChallengeMessage challenge = NtlmChallengeMessage.parse(pair.challenge());
			AvPairs info = challenge.targetInfo();
			assertThat(info.getString(AvPair.MSV_AV_NB_COMPUTER_NAME)).isEqualTo("SRV1");
			assertThat(info.getString(AvPair.MSV_AV_NB_DOMAIN_NAME)).isEqualTo("EXAMPLE");
			assertThat(info.getString(AvPair.MSV_AV_DNS_COMPUTER_NAME)).isEqualTo("srv1.example.com");
			assertThat(info.getString(AvPair.MSV_AV_DNS_DOMAIN_NAME)).isEqualTo("example.com");
			assertThat(info.timestamp()).isNotNull();
			assertThat(info.get(AvPair.MSV_AV_FLAGS)).as("no empty MsvAvFlags in the CHALLENGE").isNull();
			NtlmAuthenticateMessage authenticate = NtlmAuthenticateMessage.parse(pair.authenticate());
			assertThat(authenticate.mic()).isNotNull();
			assertThat(authenticate.lmChallengeResponse()).isEqualTo(new byte[24]);
			AvPairs clientInfo = AvPairs.parse(Arrays.copyOfRange(authenticate.ntChallengeResponse(), 44,
					authenticate.ntChallengeResponse().length));
			assertThat(clientInfo.flags()).isEqualTo(AvPair.MSV_AV_FLAGS_MIC_PRESENT);
			assertThat(clientInfo.getString(AvPair.MSV_AV_TARGET_NAME)).isEqualTo(SPN);
			assertThat(clientInfo.timestamp()).isEqualTo(info.timestamp());
			assertThat(pair.client().authenticateMessageHasMic()).isTrue();
			assertThat(pair.server().authenticateMessageHasMic()).isTrue();
		}

		@Test
		void optionsMapNegotiateStreamLevels() {
			assertThat(NtlmInitiatorOptions.of(ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION))
				.isEqualTo(new NtlmInitiatorOptions(true, true, true, ""));
			assertThat(NtlmInitiatorOptions.of(ProtectionLevel.SIGN, ImpersonationLevel.IMPERSONATION))
				.isEqualTo(new NtlmInitiatorOptions(true, false, false, ""));
			assertThat(NtlmInitiatorOptions.of(ProtectionLevel.NONE, ImpersonationLevel.DELEGATION))
				.isEqualTo(new NtlmInitiatorOptions(false, false, false, ""));
			assertThat(new NtlmInitiatorOptions(false, true, false, "").integrity()).isTrue();
		}

		@Test
		void delegationIsNeverReportedAndTheTargetNameMayBeAbsent() {
			NtlmInitiatorContext client = new NtlmInitiatorContext(alice(), null,
					NtlmInitiatorOptions.of(ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.DELEGATION));
			NtlmAcceptorContext server = new NtlmAcceptorContext(accounts(), NAMES, false);
			byte[] challenge = server.step(client.step(null));
			// a client without a target name cannot show that it talks to this process's own acceptor, so the
			// reflection guard would refuse; forget the challenge as if the server ran in another process
			NtlmReflectionGuard.answered(NtlmChallengeMessage.parse(challenge).serverChallenge());
			server.step(client.step(challenge));
			assertThat(client.negotiated().peerName()).isEmpty();
			assertThat(client.negotiated().impersonationLevel()).isEqualTo(ImpersonationLevel.IMPERSONATION);
			assertThat(server.negotiated().impersonationLevel()).isEqualTo(ImpersonationLevel.IMPERSONATION);
			assertThat(server.clientTargetName()).isNull();
		}

		@Test
		void eachChallengeIsFresh() {
			NtlmAcceptorContext first = new NtlmAcceptorContext(accounts(), NAMES, false);
			NtlmAcceptorContext second = new NtlmAcceptorContext(accounts(), NAMES, false);
			byte[] negotiate = new NtlmInitiatorContext(alice(), SPN, ENCRYPT).step(null);
			assertThat(NtlmChallengeMessage.parse(first.step(negotiate)).serverChallenge())
				.isNotEqualTo(NtlmChallengeMessage.parse(second.step(negotiate)).serverChallenge());
		}

		@Test
		void userNameAndDomainMatchCaseInsensitivelyAndReportTheStoredSpellingAsWindowsAndSambaDo() {
			// Windows (LsaLogonUser) and Samba report the SAM spelling of the account, not the client's
			Pair pair = Pair.connect(NtlmCredential.password("example", "ALICE", "Secret-1".toCharArray()), ENCRYPT);
			assertThat(pair.server().negotiated().peerName()).isEqualTo("EXAMPLE\\alice");
		}

		@Test
		void accountWithoutDomainIsNamedByUserAlone() {
			Pair pair = Pair.connect(NtlmCredential.password("", "bob", "Bob-pw".toCharArray()), ENCRYPT);
			assertThat(pair.server().negotiated().peerName()).isEqualTo("bob");
		}

		@Test
		void anyDomainAccountMatchesWhateverDomainTheClientNamesButIsNamedWithoutIt() {
			// the typed domain is not the account's: as Windows maps an untrusted domain to the local SAM account,
			// the stored name (no domain) is reported, never SOMEWHERE\carol
			Pair pair = Pair.connect(NtlmCredential.password("SOMEWHERE", "carol", "Carol-pw".toCharArray()),
					ENCRYPT);
			assertThat(pair.server().negotiated().peerName()).isEqualTo("carol");
		}

		@Test
		void ntHashCredentialAuthenticatesLikeThePassword() {
			byte[] hash = InMemoryNtlmAccountStore.ntHashOf("Secret-1".toCharArray());
			Pair pair = Pair.connect(NtlmCredential.ntHash("EXAMPLE", "alice", hash), ENCRYPT);
			assertThat(pair.server().negotiated().peerName()).isEqualTo("EXAMPLE\\alice");
		}

		@Test
		void wrongPasswordFailsWithBadCredentials() {
			assertThatExceptionOfType(MechanismException.class)
				.isThrownBy(() -> Pair.connect(NtlmCredential.password("EXAMPLE", "alice", "wrong".toCharArray()),
						ENCRYPT))
				.withMessage("NTLM authentication failed for EXAMPLE\\alice: wrong password or unknown account")
				.extracting(MechanismException::reason)
				.isEqualTo(FailureReason.BAD_CREDENTIALS);
		}

		@Test
		void unknownUserFailsWithTheSameMessage() {
			assertThatExceptionOfType(MechanismException.class)
				.isThrownBy(() -> Pair.connect(NtlmCredential.password("EXAMPLE", "mallory", "x".toCharArray()),
						ENCRYPT))
				.withMessage("NTLM authentication failed for EXAMPLE\\mallory: wrong password or unknown account")
				.extracting(MechanismException::reason)
				.isEqualTo(FailureReason.BAD_CREDENTIALS);
		}

		@Test
		void userOfAnotherDomainIsUnknown() {
			assertThat(failure(() -> Pair.connect(NtlmCredential.password("OTHER", "alice", "Secret-1".toCharArray()),
					ENCRYPT)))
				.isEqualTo(FailureReason.BAD_CREDENTIALS);
		}

		@Test
		void failedAcceptorRefusesFurtherSteps() {
			NtlmInitiatorContext client = new NtlmInitiatorContext(
					NtlmCredential.password("EXAMPLE", "alice", "wrong".toCharArray()), SPN, ENCRYPT);
			NtlmAcceptorContext server = new NtlmAcceptorContext(accounts(), NAMES, false);
			byte[] authenticate = client.step(server.step(client.step(null)));
			assertThat(failure(() -> server.step(authenticate))).isEqualTo(FailureReason.BAD_CREDENTIALS);
			assertThat(server.isEstablished()).isFalse();
			assertThatIllegalStateException().isThrownBy(() -> server.step(authenticate));
			assertThatIllegalStateException().isThrownBy(server::negotiated);
		}

		@Test
		void tokensOutOfOrderAreRejected() {
			NtlmInitiatorContext client = new NtlmInitiatorContext(alice(), SPN, ENCRYPT);
			NtlmAcceptorContext server = new NtlmAcceptorContext(accounts(), NAMES, false);
			byte[] negotiate = client.step(null);
			assertThat(failure(() -> new NtlmAcceptorContext(accounts(), NAMES, false)
				.step(new byte[0]))).isEqualTo(FailureReason.BAD_TOKEN);
			assertThat(failure(() -> client.step(negotiate))).as("NEGOTIATE where a CHALLENGE belongs")
				.isEqualTo(FailureReason.BAD_TOKEN);
			NtlmInitiatorContext client2 = new NtlmInitiatorContext(alice(), SPN, ENCRYPT);
			byte[] challenge = server.step(client2.step(null));
			assertThat(failure(() -> server.step(challenge))).as("CHALLENGE where an AUTHENTICATE belongs")
				.isEqualTo(FailureReason.BAD_TOKEN);
		}

		@Test
		void protectionIsUnavailableBeforeEstablishment() {
			NtlmInitiatorContext client = new NtlmInitiatorContext(alice(), SPN, ENCRYPT);
			client.step(null);
			assertThatIllegalStateException().isThrownBy(() -> client.wrap(new byte[1], 0, 1, true));
			assertThatIllegalStateException().isThrownBy(client::negotiated);
			assertThat(client.isEstablished()).isFalse();
		}

		@Test
		void closedContextIsNoLongerEstablished() {
			Pair pair = Pair.connect(alice(), ENCRYPT);
			pair.client().close();
			pair.client().close();
			assertThat(pair.client().isEstablished()).isFalse();
			assertThatIllegalStateException().isThrownBy(() -> wrap(pair.client(), "x"));
		}

	}

	@Nested
	class Anonymous {

		@Test
		void anonymousClientIsRecognisedWhenAllowed() {
			Pair pair = Pair.connect(NtlmCredential.anonymous(), ENCRYPT, accounts(), true);
			NtlmAuthenticateMessage authenticate = NtlmAuthenticateMessage.parse(pair.authenticate());
			assertThat(authenticate.userName()).isEmpty();
			assertThat(authenticate.ntChallengeResponse()).isEmpty();
			assertThat(authenticate.lmChallengeResponse()).containsExactly(0);
			assertThat(authenticate.negotiateFlags() & NegotiateFlags.NTLMSSP_ANONYMOUS).isNotZero();
			NegotiatedContext server = pair.server().negotiated();
			assertThat(server.anonymous()).isTrue();
			assertThat(server.peerName()).isEqualTo(NtlmAcceptorContext.ANONYMOUS_NAME);
			assertThat(server.impersonationLevel()).isEqualTo(ImpersonationLevel.ANONYMOUS);
			assertThat(pair.client().negotiated().anonymous()).isTrue();
			// the session key of an anonymous logon is all zeros: neither side claims integrity or
			// confidentiality (protection level None), as Samba clears SIGN and SEAL for anonymous logons
			assertThat(server.integrity()).isFalse();
			assertThat(server.confidentiality()).isFalse();
			assertThat(pair.client().negotiated().integrity()).isFalse();
			assertThat(failure(() -> wrap(pair.client(), "hello"))).isEqualTo(FailureReason.POLICY);
		}

		@Test
		void anonymousClientIsRefusedByDefault() {
			assertThatExceptionOfType(MechanismException.class)
				.isThrownBy(() -> Pair.connect(NtlmCredential.anonymous(), ENCRYPT, accounts(), false))
				.extracting(MechanismException::reason)
				.isEqualTo(FailureReason.POLICY);
		}

	}

	@Nested
	class DataProtection {

		@Test
		void encryptAndSignRoundTripsManyMessagesInBothDirections() {
			Pair pair = Pair.connect(alice(), ENCRYPT);
			for (int i = 0; i < 20; i++) {
				String up = "request " + i + " " + "x".repeat(i * 37);
				byte[] token = wrap(pair.client(), up);
				assertThat(token).hasSize(16 + text(up).length);
				assertThat(Arrays.copyOfRange(token, 16, token.length)).isNotEqualTo(text(up));
				assertThat(unwrap(pair.server(), token)).isEqualTo(up);
				String down = "reply " + i;
				assertThat(unwrap(pair.client(), wrap(pair.server(), down))).isEqualTo(down);
			}
		}

		@Test
		void signOnlyCarriesPlaintextAfterTheSignature() {
			Pair pair = Pair.connect(alice(), SIGN);
			for (int i = 0; i < 5; i++) {
				byte[] token = wrap(pair.client(), "plain " + i);
				assertThat(Arrays.copyOfRange(token, 0, 4)).containsExactly(1, 0, 0, 0);
				assertThat(NtlmWire.le32(token, 12)).isEqualTo(i);
				assertThat(new String(token, 16, token.length - 16, StandardCharsets.UTF_8)).isEqualTo("plain " + i);
				assertThat(unwrap(pair.server(), token)).isEqualTo("plain " + i);
				assertThat(unwrap(pair.client(), wrap(pair.server(), "back " + i))).isEqualTo("back " + i);
			}
		}

		@Test
		void emptyMessageWrapsToASignatureAlone() {
			Pair pair = Pair.connect(alice(), ENCRYPT);
			byte[] token = pair.client().wrap(new byte[0], 0, 0, true);
			assertThat(token).hasSize(16);
			assertThat(pair.server().unwrap(token, 0, token.length)).isEmpty();
		}

		@Test
		void wrapHonoursOffsetAndLength() {
			Pair pair = Pair.connect(alice(), ENCRYPT);
			byte[] buffer = text("xxhelloyy");
			byte[] token = pair.client().wrap(buffer, 2, 5, true);
			byte[] framed = new byte[token.length + 3];
			System.arraycopy(token, 0, framed, 3, token.length);
			assertThat(pair.server().unwrap(framed, 3, token.length)).isEqualTo(text("hello"));
		}

		@Test
		void confidentialityMustMatchWhatWasNegotiated() {
			Pair signOnly = Pair.connect(alice(), SIGN);
			assertThat(failure(() -> signOnly.client().wrap(new byte[1], 0, 1, true))).isEqualTo(FailureReason.POLICY);
			Pair sealed = Pair.connect(alice(), ENCRYPT);
			assertThat(failure(() -> sealed.client().wrap(new byte[1], 0, 1, false))).isEqualTo(FailureReason.POLICY);
		}

		@Test
		void noProtectionNegotiatedRefusesWrapButStillSupportsMic() {
			Pair pair = Pair.connect(alice(), new NtlmInitiatorOptions(false, false, false, ""));
			assertThat(pair.server().negotiated().integrity()).isFalse();
			assertThat(failure(() -> pair.client().wrap(new byte[1], 0, 1, false))).isEqualTo(FailureReason.POLICY);
			byte[] mic = pair.client().getMic(text("mechTypes"));
			pair.server().verifyMic(text("mechTypes"), mic);
		}

		@Test
		void tamperedSignatureIsRejected() {
			Pair pair = Pair.connect(alice(), ENCRYPT);
			byte[] token = wrap(pair.client(), "pay 10 EUR");
			token[6] ^= 0x01;
			assertThat(failure(() -> unwrap(pair.server(), token))).isEqualTo(FailureReason.BAD_TOKEN);
		}

		@Test
		void tamperedCiphertextIsRejected() {
			Pair pair = Pair.connect(alice(), ENCRYPT);
			byte[] token = wrap(pair.client(), "pay 10 EUR");
			token[token.length - 3] ^= 0x01;
			assertThat(failure(() -> unwrap(pair.server(), token))).isEqualTo(FailureReason.BAD_TOKEN);
			byte[] next = wrap(pair.client(), "pay 20 EUR");
			assertThat(failure(() -> unwrap(pair.server(), next))).as("receive state is spent after a failure")
				.isEqualTo(FailureReason.BAD_TOKEN);
		}

		@Test
		void tamperedSignOnlyPlaintextIsRejected() {
			Pair pair = Pair.connect(alice(), SIGN);
			byte[] token = wrap(pair.client(), "pay 10 EUR");
			token[16] ^= 0x01;
			assertThat(failure(() -> unwrap(pair.server(), token))).isEqualTo(FailureReason.BAD_TOKEN);
		}

		@Test
		void replayedFrameIsRejectedAndTheNextFrameStillVerifies() {
			Pair pair = Pair.connect(alice(), ENCRYPT);
			byte[] first = wrap(pair.client(), "one");
			assertThat(unwrap(pair.server(), first)).isEqualTo("one");
			assertThat(failure(() -> unwrap(pair.server(), first))).isEqualTo(FailureReason.REPLAY);
			assertThat(unwrap(pair.server(), wrap(pair.client(), "two"))).isEqualTo("two");
		}

		@Test
		void reorderedFrameIsRejectedAndInOrderDeliveryStillWorks() {
			Pair pair = Pair.connect(alice(), ENCRYPT);
			byte[] first = wrap(pair.client(), "one");
			byte[] second = wrap(pair.client(), "two");
			assertThat(failure(() -> unwrap(pair.server(), second))).isEqualTo(FailureReason.REPLAY);
			assertThat(unwrap(pair.server(), first)).isEqualTo("one");
			assertThat(unwrap(pair.server(), second)).isEqualTo("two");
		}

		@Test
		void frameForTheOtherDirectionIsRejected() {
			Pair pair = Pair.connect(alice(), ENCRYPT);
			byte[] token = wrap(pair.client(), "loop");
			assertThat(failure(() -> unwrap(pair.client(), token))).isEqualTo(FailureReason.BAD_TOKEN);
		}

		@Test
		void truncatedFrameIsRejected() {
			Pair pair = Pair.connect(alice(), ENCRYPT);
			assertThat(failure(() -> pair.server().unwrap(new byte[15], 0, 15))).isEqualTo(FailureReason.BAD_TOKEN);
			byte[] badVersion = wrap(pair.client(), "v");
			badVersion[0] = 2;
			assertThat(failure(() -> unwrap(pair.server(), badVersion))).isEqualTo(FailureReason.BAD_TOKEN);
		}

	}

	@Nested
	class MicAndSealingReset {

		@Test
		void getMicVerifiesOnThePeerInBothDirections() {
			Pair pair = Pair.connect(alice(), ENCRYPT);
			byte[] mechTypes = NtlmTestSupport.hex("300c060a2b06010401823702020a");
			pair.server().verifyMic(mechTypes, pair.client().getMic(mechTypes));
			pair.client().verifyMic(mechTypes, pair.server().getMic(mechTypes));
		}

		@Test
		void alteredDataFailsMicVerification() {
			Pair pair = Pair.connect(alice(), ENCRYPT);
			byte[] mic = pair.client().getMic(text("mechTypes"));
			assertThat(failure(() -> pair.server().verifyMic(text("mechTypez"), mic)))
				.isEqualTo(FailureReason.BAD_TOKEN);
		}

		@Test
		void sequenceNumbersContinueAndSealingRestartsAfterReset() {
			Pair pair = Pair.connect(alice(), ENCRYPT);
			byte[] mechTypes = text("mechTypes");
			pair.server().verifyMic(mechTypes, pair.client().getMic(mechTypes));
			pair.client().verifyMic(mechTypes, pair.server().getMic(mechTypes));
			pair.client().resetSealingState();
			pair.server().resetSealingState();
			for (int i = 0; i < 3; i++) {
				byte[] up = wrap(pair.client(), "after reset " + i);
				assertThat(NtlmWire.le32(up, 12)).as("sequence numbers keep counting after the MIC").isEqualTo(i + 1);
				assertThat(unwrap(pair.server(), up)).isEqualTo("after reset " + i);
				assertThat(unwrap(pair.client(), wrap(pair.server(), "reply " + i))).isEqualTo("reply " + i);
			}
		}

		@Test
		void resetIsRequiredOnBothSides() {
			Pair pair = Pair.connect(alice(), ENCRYPT);
			byte[] mechTypes = text("mechTypes");
			pair.server().verifyMic(mechTypes, pair.client().getMic(mechTypes));
			pair.client().resetSealingState();
			assertThat(failure(() -> unwrap(pair.server(), wrap(pair.client(), "only one side reset"))))
				.isEqualTo(FailureReason.BAD_TOKEN);
		}

		@Test
		void resetRestoresTheInitialKeyStream() {
			Pair pair = Pair.connect(alice(), ENCRYPT);
			byte[] first = wrap(pair.client(), "same text");
			pair.client().resetSealingState();
			byte[] second = wrap(pair.client(), "same text");
			assertThat(Arrays.copyOfRange(second, 16, second.length))
				.as("the same key stream restarts; only the signature (sequence 1) differs")
				.isEqualTo(Arrays.copyOfRange(first, 16, first.length));
			assertThat(Arrays.copyOfRange(second, 0, 16)).isNotEqualTo(Arrays.copyOfRange(first, 0, 16));
		}

	}

	@Nested
	class Tampering {

		@Test
		void alteredMicIsDetected() {
			NtlmInitiatorContext client = new NtlmInitiatorContext(alice(), SPN, ENCRYPT);
			NtlmAcceptorContext server = new NtlmAcceptorContext(accounts(), NAMES, false);
			byte[] authenticate = client.step(server.step(client.step(null)));
			authenticate[NtlmAuthenticateMessage.MIC_OFFSET + 5] ^= 0x40;
			assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> server.step(authenticate))
				.withMessageContaining("MIC")
				.extracting(MechanismException::reason)
				.isEqualTo(FailureReason.BAD_TOKEN);
		}

		@Test
		void challengeAlteredInTransitIsDetectedByTheMic() {
			NtlmInitiatorContext client = new NtlmInitiatorContext(alice(), SPN, ENCRYPT);
			NtlmAcceptorContext server = new NtlmAcceptorContext(accounts(), NAMES, false);
			byte[] challenge = server.step(client.step(null));
			NtlmChallengeMessage original = NtlmChallengeMessage.parse(challenge);
			byte[] altered = new NtlmChallengeMessage(original.negotiateFlags(), "EVIL", original.serverChallenge(),
					original.targetInfo(), original.version()).toBytes();
			byte[] authenticate = client.step(altered);
			assertThatExceptionOfType(MechanismException.class).isThrownBy(() -> server.step(authenticate))
				.withMessageContaining("MIC")
				.extracting(MechanismException::reason)
				.isEqualTo(FailureReason.BAD_TOKEN);
		}

		@Test
		void strippingTheMicFlagBreaksTheResponse() {
			NtlmInitiatorContext client = new NtlmInitiatorContext(alice(), SPN, ENCRYPT);
			NtlmAcceptorContext server = new NtlmAcceptorContext(accounts(), NAMES, false);
			byte[] authenticate = client.step(server.step(client.step(null)));
			NtlmAuthenticateMessage message = NtlmAuthenticateMessage.parse(authenticate);
			byte[] nt = message.ntChallengeResponse();
			AvPairs info = AvPairs.parse(Arrays.copyOfRange(nt, 44, nt.length));
			byte[] stripped = info.without(AvPair.MSV_AV_FLAGS).toBytes();
			byte[] newNt = Arrays.copyOf(nt, 44 + stripped.length + 4);
			System.arraycopy(stripped, 0, newNt, 44, stripped.length);
			byte[] forged = new NtlmAuthenticateMessage(message.lmChallengeResponse(), newNt, message.domainName(),
					message.userName(), message.workstation(), message.encryptedRandomSessionKey(),
					message.negotiateFlags(), message.version(), null).toBytes();
			assertThat(failure(() -> server.step(forged))).isEqualTo(FailureReason.BAD_CREDENTIALS);
		}

		@Test
		void droppingSealFromTheAuthenticateBreaksTheMic() {
			NtlmInitiatorContext client = new NtlmInitiatorContext(alice(), SPN, ENCRYPT);
			NtlmAcceptorContext server = new NtlmAcceptorContext(accounts(), NAMES, false);
			byte[] authenticate = client.step(server.step(client.step(null)));
			authenticate[60] &= ~NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL;
			assertThat(failure(() -> server.step(authenticate))).isEqualTo(FailureReason.BAD_TOKEN);
		}

	}

}
