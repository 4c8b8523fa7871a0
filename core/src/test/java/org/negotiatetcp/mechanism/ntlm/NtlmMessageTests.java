package org.negotiatetcp.mechanism.ntlm;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiatetcp.mechanism.ntlm.NtlmTestSupport.hex;
import static org.negotiatetcp.mechanism.ntlm.NtlmTestSupport.utf16;

/**
 * Encoding and lenient parsing of the NTLM messages and AV pairs.
 */
class NtlmMessageTests {

	@Test
	void negotiateRoundTripsWithOemNames() {
		NtlmNegotiateMessage message = new NtlmNegotiateMessage(0xe2088297, "EXAMPLE", "WS1", NtlmVersion.DEFAULT);
		byte[] bytes = message.toBytes();
		assertThat(bytes).hasSize(40 + 7 + 3);
		assertThat(NtlmNegotiateMessage.parse(bytes)).isEqualTo(message);
	}

	@Test
	void negotiateWithoutVersionOrNamesParses() {
		byte[] sixteen = hex("4e544c4d53535000 01000000 b7820860");
		NtlmNegotiateMessage legacy = NtlmNegotiateMessage.parse(sixteen);
		assertThat(legacy.negotiateFlags()).isEqualTo(0x600882b7);
		assertThat(legacy.domainName()).isEmpty();
		assertThat(legacy.version()).isNull();
		byte[] thirtyTwo = new NtlmNegotiateMessage(0x62088215, "", "", null).toBytes();
		assertThat(thirtyTwo).hasSize(32);
		assertThat(NtlmNegotiateMessage.parse(thirtyTwo).version()).isNull();
	}

	@Test
	void versionFlagWithoutRoomForTheVersionIsIgnored() {
		int flags = NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION | NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE;
		byte[] bytes = new NtlmNegotiateMessage(flags, "", "", null).toBytes();
		assertThat(NtlmNegotiateMessage.parse(bytes).version()).isNull();
	}

	@Test
	void challengeWithPayloadInReverseOrderAndNoVersionParses() {
		byte[] info = AvPairs.of(List.of(AvPair.ofString(AvPair.MSV_AV_NB_DOMAIN_NAME, "D"),
				AvPair.ofString(AvPair.MSV_AV_NB_COMPUTER_NAME, "S"))).toBytes();
		byte[] name = utf16("D");
		byte[] message = new byte[48 + info.length + name.length];
		System.arraycopy(NtlmWire.SIGNATURE, 0, message, 0, 8);
		message[8] = 2;
		NtlmWire.putLe16(message, 12, name.length);
		NtlmWire.putLe16(message, 14, name.length);
		NtlmWire.putLe32(message, 16, 48 + info.length);
		NtlmWire.putLe32(message, 20, NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE
				| NegotiateFlags.NTLMSSP_NEGOTIATE_TARGET_INFO | NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION);
		NtlmWire.putLe16(message, 40, info.length);
		NtlmWire.putLe16(message, 42, info.length);
		NtlmWire.putLe32(message, 44, 48);
		System.arraycopy(info, 0, message, 48, info.length);
		System.arraycopy(name, 0, message, 48 + info.length, name.length);
		NtlmChallengeMessage parsed = NtlmChallengeMessage.parse(message);
		assertThat(parsed.targetName()).isEqualTo("D");
		assertThat(parsed.targetInfo().getString(AvPair.MSV_AV_NB_COMPUTER_NAME)).isEqualTo("S");
		assertThat(parsed.version()).as("payload starts at 48, so there is no VERSION despite the flag").isNull();
	}

	@Test
	void legacyChallengeWithoutTargetInfoDescriptorParses() {
		byte[] legacy = hex("4e544c4d53535000 02000000 00000000 20000000 01020000 0123456789abcdef");
		NtlmChallengeMessage parsed = NtlmChallengeMessage.parse(legacy);
		assertThat(parsed.targetInfo().isEmpty()).isTrue();
		assertThat(parsed.serverChallenge()).isEqualTo(hex("0123456789abcdef"));
	}

	@Test
	void authenticateWithEmptyFieldsAndReorderedPayloadIsAcceptedByTheAcceptor() {
		NtlmAuthenticateMessage spec = NtlmAuthenticateMessage.parse(hex(NtlmKnownAnswerTests.AUTHENTICATE));
		// Same content as [MS-NLMP] 4.2.4, no workstation, no VERSION, payload in reverse order, odd zero-length
		// offsets.
		byte[][] fields = { spec.encryptedRandomSessionKey(), spec.ntChallengeResponse(), spec.lmChallengeResponse(),
				new byte[0], utf16(spec.userName()), utf16(spec.domainName()) };
		int[] descriptors = { 52, 20, 12, 44, 36, 28 };
		ByteArrayOutputStream payload = new ByteArrayOutputStream();
		byte[] header = new byte[64];
		System.arraycopy(NtlmWire.SIGNATURE, 0, header, 0, 8);
		header[8] = 3;
		for (int i = 0; i < fields.length; i++) {
			NtlmWire.putLe16(header, descriptors[i], fields[i].length);
			NtlmWire.putLe16(header, descriptors[i] + 2, fields[i].length);
			NtlmWire.putLe32(header, descriptors[i] + 4, (fields[i].length == 0) ? 0x7fff : 64 + payload.size());
			payload.writeBytes(fields[i]);
		}
		NtlmWire.putLe32(header, 60, spec.negotiateFlags() & ~NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION);
		ByteArrayOutputStream token = new ByteArrayOutputStream();
		token.writeBytes(header);
		token.writeBytes(payload.toByteArray());
		NtlmAuthenticateMessage parsed = NtlmAuthenticateMessage.parse(token.toByteArray());
		assertThat(parsed.workstation()).isEmpty();
		assertThat(parsed.version()).isNull();
		assertThat(parsed.mic()).isNull();
		assertThat(parsed.ntChallengeResponse()).isEqualTo(spec.ntChallengeResponse());

		NtlmAcceptorContext server = new NtlmAcceptorContext(
				new InMemoryNtlmAccountStore().add("Domain", "User", "Password".toCharArray()),
				new NtlmServerNames("Server", "Domain", null, null), false,
				NtlmTestSupport.fixedEnvironment(NtlmTestSupport.FILETIME_ZERO, NtlmKnownAnswerTests.SERVER_CHALLENGE))
			.withoutChallengeTimestamp();
		server.step(new NtlmNegotiateMessage(0xe2888235, "", "", null).toBytes());
		server.step(token.toByteArray());
		byte[] sealed = hex(NtlmKnownAnswerTests.SIGNATURE + NtlmKnownAnswerTests.SEALED_PLAINTEXT);
		assertThat(server.unwrap(sealed, 0, sealed.length)).isEqualTo(utf16("Plaintext"));
	}

	@Test
	void authenticateWithMicRoundTrips() {
		NtlmAuthenticateMessage message = new NtlmAuthenticateMessage(new byte[24], new byte[50], "D", "u", "w",
				new byte[16], NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE | NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION,
				NtlmVersion.DEFAULT, NtlmTestSupport.repeat(0x11, 16));
		byte[] bytes = message.toBytes();
		assertThat(NtlmWire.le32(bytes, 28 + 4)).as("payload starts after the MIC").isEqualTo(88);
		NtlmAuthenticateMessage parsed = NtlmAuthenticateMessage.parse(bytes);
		assertThat(parsed.mic()).isEqualTo(NtlmTestSupport.repeat(0x11, 16));
		assertThat(parsed.version()).isEqualTo(NtlmVersion.DEFAULT);
		assertThat(parsed.userName()).isEqualTo("u");
	}

	@Test
	void avPairsRoundTripAndToleratesAMissingTerminator() {
		AvPairs pairs = AvPairs.of(List.of(AvPair.ofString(AvPair.MSV_AV_NB_COMPUTER_NAME, "SRV"),
				AvPair.ofTimestamp(0x01d0000000000001L), AvPair.ofFlags(2)));
		byte[] bytes = pairs.toBytes();
		assertThat(AvPairs.parse(bytes)).isEqualTo(pairs);
		assertThat(AvPairs.parse(java.util.Arrays.copyOf(bytes, bytes.length - 4))).isEqualTo(pairs);
		assertThat(pairs.timestamp()).isEqualTo(0x01d0000000000001L);
		assertThat(pairs.flags()).isEqualTo(2);
		assertThat(pairs.without(AvPair.MSV_AV_FLAGS).flags()).isZero();
		assertThat(AvPairs.parse(hex("00000000 0100 0200 4100")).isEmpty()).as("bytes after MsvAvEOL are ignored")
			.isTrue();
	}

	@Test
	void flagsRenderReadably() {
		assertThat(NegotiateFlags.toString(0xe2888235)).isEqualTo("0xe2888235[UNICODE|REQUEST_TARGET|SIGN|SEAL|NTLM|"
				+ "ALWAYS_SIGN|EXTENDED_SESSIONSECURITY|TARGET_INFO|VERSION|128|KEY_EXCH|56]");
	}

	@Test
	void fileTimeOfTheUnixEpochIsTheKnownConstant() {
		assertThat(NtlmEnvironment.toFileTime(java.time.Instant.EPOCH)).isEqualTo(116444736000000000L);
		assertThat(NtlmEnvironment.toFileTime(NtlmTestSupport.FILETIME_ZERO)).isZero();
	}

}
