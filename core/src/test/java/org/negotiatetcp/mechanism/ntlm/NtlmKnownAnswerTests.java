package org.negotiatetcp.mechanism.ntlm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiatetcp.mechanism.ntlm.NtlmTestSupport.hex;
import static org.negotiatetcp.mechanism.ntlm.NtlmTestSupport.repeat;
import static org.negotiatetcp.mechanism.ntlm.NtlmTestSupport.utf16;

/**
 * Known-answer tests from the [MS-NLMP] 4.2 examples: user "User", domain "Domain", password "Password", server
 * "Server", workstation "COMPUTER", server challenge 0123456789abcdef, client challenge aa..aa, random session key
 * 55..55, time 0. The expected bytes are the ones published in the specification.
 */
class NtlmKnownAnswerTests {

	/** [MS-NLMP] 4.2.4: the NTLMv2 CHALLENGE_MESSAGE. */
	static final String CHALLENGE = """
			4e544c4d53535000 02000000 0c000c00 38000000 33828ae2 0123456789abcdef 0000000000000000
			24002400 44000000 0600701700 00000f 530065007200760065007200
			02000c0044006f006d00610069006e00 01000c00530065007200760065007200 00000000""";

	/** [MS-NLMP] 4.2.4: the server's TargetInfo (MsvAvNbDomainName "Domain", MsvAvNbComputerName "Server"). */
	static final String TARGET_INFO = "02000c0044006f006d00610069006e00 01000c00530065007200760065007200 00000000";

	/** [MS-NLMP] 4.2.4: the NTLMv2 AUTHENTICATE_MESSAGE. */
	static final String AUTHENTICATE = """
			4e544c4d53535000 03000000 18001800 6c000000 54005400 84000000 0c000c00 48000000 08000800 54000000
			10001000 5c000000 10001000 d8000000 358288e2 0501280a0000000f
			44006f006d00610069006e00 5500730065007200 43004f004d0050005500540045005200
			86c35097ac9cec102554764a57cccc19 aaaaaaaaaaaaaaaa
			68cd0ab851e51c96aabc927bebef6a1c 0101000000000000 0000000000000000 aaaaaaaaaaaaaaaa 00000000
			02000c0044006f006d00610069006e00 01000c00530065007200760065007200 00000000 00000000
			c5dad2544fc9799094ce1ce90bc9d03e""";

	static final String NT_PROOF_STR = "68cd0ab851e51c96aabc927bebef6a1c";

	static final String SESSION_BASE_KEY = "8de40ccadbc14a82f15cb0ad0de95ca3";

	static final String ENCRYPTED_SESSION_KEY = "c5dad2544fc9799094ce1ce90bc9d03e";

	/** [MS-NLMP] 4.2.4.4: "Plaintext" sealed with the client sealing key, and its signature (sequence 0). */
	static final String SEALED_PLAINTEXT = "54e50165bf1936dc996020c1811b0f06fb5f";

	static final String SIGNATURE = "010000007fb38ec5c55d497600000000";

	static final byte[] SERVER_CHALLENGE = hex("0123456789abcdef");

	static final byte[] CLIENT_CHALLENGE = repeat(0xaa, 8);

	static final byte[] RANDOM_SESSION_KEY = repeat(0x55, 16);

	@Test
	void ntowfv1OfPasswordMatchesSection422() {
		assertThat(hex(NtlmCrypto.ntowfv1("Password".toCharArray()))).isEqualTo("a4f49c406510bdcab6824ee7c30fd852");
	}

	@Test
	void ntowfv2MatchesSection424() {
		byte[] ntowfv2 = NtlmCrypto.ntowfv2(NtlmCrypto.ntowfv1("Password".toCharArray()), "User", "Domain");
		assertThat(hex(ntowfv2)).isEqualTo("0c868a403bfd7a93a3001ef22ef02e3f");
	}

	@Test
	void ntowfv2UpperCasesTheUserButNotTheDomain() {
		byte[] hash = NtlmCrypto.ntowfv1("Password".toCharArray());
		assertThat(NtlmCrypto.ntowfv2(hash, "user", "Domain")).isEqualTo(NtlmCrypto.ntowfv2(hash, "User", "Domain"));
		assertThat(NtlmCrypto.ntowfv2(hash, "User", "DOMAIN")).isNotEqualTo(NtlmCrypto.ntowfv2(hash, "User", "Domain"));
	}

	@Test
	void lmv2ResponseMatchesSection424() {
		byte[] key = hex("0c868a403bfd7a93a3001ef22ef02e3f");
		assertThat(hex(NtlmCrypto.lmv2Response(key, SERVER_CHALLENGE, CLIENT_CHALLENGE)))
			.isEqualTo("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");
	}

	@Test
	void ntlmv2ResponseAndSessionBaseKeyMatchSection424() {
		byte[] key = hex("0c868a403bfd7a93a3001ef22ef02e3f");
		byte[] temp = NtlmCrypto.ntlmv2Temp(0, CLIENT_CHALLENGE, hex(TARGET_INFO));
		assertThat(hex(temp)).isEqualTo("0101000000000000" + "0000000000000000" + "aaaaaaaaaaaaaaaa" + "00000000"
				+ TARGET_INFO.replace(" ", "") + "00000000");
		byte[] proof = NtlmCrypto.ntProofStr(key, SERVER_CHALLENGE, temp);
		assertThat(hex(proof)).isEqualTo(NT_PROOF_STR);
		assertThat(hex(NtlmCrypto.hmacMd5(key, proof))).isEqualTo(SESSION_BASE_KEY);
	}

	@Test
	void encryptedSessionKeyMatchesSection424() {
		assertThat(hex(Rc4.rc4k(hex(SESSION_BASE_KEY), RANDOM_SESSION_KEY))).isEqualTo(ENCRYPTED_SESSION_KEY);
		assertThat(Rc4.rc4k(hex(SESSION_BASE_KEY), hex(ENCRYPTED_SESSION_KEY))).isEqualTo(RANDOM_SESSION_KEY);
	}

	@Test
	void clientSignAndSealKeysMatchSection4244() {
		assertThat(hex(NtlmCrypto.signKey(RANDOM_SESSION_KEY, true))).isEqualTo("4788dc861b4782f35d43fd98fe1a2d39");
		assertThat(hex(NtlmCrypto.sealKey(RANDOM_SESSION_KEY, true))).isEqualTo("59f600973cc4960a25480a7c196e4c58");
	}

	@Test
	void sealedPlaintextAndSignatureMatchSection4244() {
		NtlmSessionSecurity client = new NtlmSessionSecurity(RANDOM_SESSION_KEY, true, true);
		byte[] plaintext = utf16("Plaintext");
		byte[] wrapped = client.wrap(plaintext, 0, plaintext.length, true);
		assertThat(hex(wrapped)).isEqualTo(SIGNATURE + SEALED_PLAINTEXT);
	}

	@Test
	void serverSideUnsealsTheSection4244Message() {
		NtlmSessionSecurity server = new NtlmSessionSecurity(RANDOM_SESSION_KEY, false, true);
		byte[] token = hex(SIGNATURE + SEALED_PLAINTEXT);
		assertThat(server.unwrap(token, 0, token.length, true)).isEqualTo(utf16("Plaintext"));
	}

	@Test
	void challengeMessageEncodesToSection424Bytes() {
		int flags = NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH | NegotiateFlags.NTLMSSP_NEGOTIATE_56
				| NegotiateFlags.NTLMSSP_NEGOTIATE_128 | NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION
				| NegotiateFlags.NTLMSSP_NEGOTIATE_TARGET_INFO
				| NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY | NegotiateFlags.NTLMSSP_TARGET_TYPE_SERVER
				| NegotiateFlags.NTLMSSP_NEGOTIATE_ALWAYS_SIGN | NegotiateFlags.NTLMSSP_NEGOTIATE_NTLM
				| NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL | NegotiateFlags.NTLMSSP_NEGOTIATE_SIGN
				| NegotiateFlags.NTLM_NEGOTIATE_OEM | NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE;
		AvPairs info = AvPairs.of(java.util.List.of(AvPair.ofString(AvPair.MSV_AV_NB_DOMAIN_NAME, "Domain"),
				AvPair.ofString(AvPair.MSV_AV_NB_COMPUTER_NAME, "Server")));
		NtlmChallengeMessage message = new NtlmChallengeMessage(flags, "Server", SERVER_CHALLENGE, info,
				new NtlmVersion(6, 0, 6000, 15));
		assertThat(hex(message.toBytes())).isEqualTo(hex(hex(CHALLENGE)));
		assertThat(NtlmChallengeMessage.parse(hex(CHALLENGE))).isEqualTo(message);
	}

	@Test
	void authenticateMessageOfSection424Parses() {
		NtlmAuthenticateMessage message = NtlmAuthenticateMessage.parse(hex(AUTHENTICATE));
		assertThat(message.domainName()).isEqualTo("Domain");
		assertThat(message.userName()).isEqualTo("User");
		assertThat(message.workstation()).isEqualTo("COMPUTER");
		assertThat(hex(message.lmChallengeResponse())).isEqualTo("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");
		assertThat(hex(message.ntChallengeResponse())).startsWith(NT_PROOF_STR).hasSize(84 * 2);
		assertThat(hex(message.encryptedRandomSessionKey())).isEqualTo(ENCRYPTED_SESSION_KEY);
		assertThat(message.negotiateFlags()).isEqualTo(0xe2888235);
		assertThat(message.version()).isEqualTo(new NtlmVersion(5, 1, 2600, 15));
		assertThat(message.mic()).isNull();
		assertThat(hex(message.toBytes())).isEqualTo(hex(hex(AUTHENTICATE)));
	}

	@Test
	void initiatorReproducesSection424ResponsesAndSealedMessage() {
		NtlmEnvironment environment = NtlmTestSupport.fixedEnvironment(NtlmTestSupport.FILETIME_ZERO,
				CLIENT_CHALLENGE, RANDOM_SESSION_KEY);
		NtlmInitiatorContext client = new NtlmInitiatorContext(
				NtlmCredential.password("Domain", "User", "Password".toCharArray()), null,
				new NtlmInitiatorOptions(true, true, false, "COMPUTER"), environment);
		client.step(null);
		NtlmAuthenticateMessage authenticate = NtlmAuthenticateMessage.parse(client.step(hex(CHALLENGE)));
		NtlmAuthenticateMessage expected = NtlmAuthenticateMessage.parse(hex(AUTHENTICATE));
		assertThat(authenticate.lmChallengeResponse()).isEqualTo(expected.lmChallengeResponse());
		assertThat(authenticate.ntChallengeResponse()).isEqualTo(expected.ntChallengeResponse());
		assertThat(authenticate.encryptedRandomSessionKey()).isEqualTo(expected.encryptedRandomSessionKey());
		assertThat(authenticate.userName()).isEqualTo("User");
		assertThat(authenticate.domainName()).isEqualTo("Domain");
		assertThat(authenticate.workstation()).isEqualTo("COMPUTER");
		assertThat(authenticate.mic()).as("no MIC without a server time stamp").isNull();
		byte[] plaintext = utf16("Plaintext");
		assertThat(hex(client.wrap(plaintext, 0, plaintext.length, true))).isEqualTo(SIGNATURE + SEALED_PLAINTEXT);
	}

	@Test
	void acceptorVerifiesSection424AuthenticateAndUnsealsItsMessage() {
		NtlmEnvironment environment = NtlmTestSupport.fixedEnvironment(NtlmTestSupport.FILETIME_ZERO,
				SERVER_CHALLENGE);
		InMemoryNtlmAccountStore accounts = new InMemoryNtlmAccountStore().add("Domain", "User",
				"Password".toCharArray());
		NtlmAcceptorContext server = new NtlmAcceptorContext(accounts,
				new NtlmServerNames("Server", "Domain", null, null), false, environment).withoutChallengeTimestamp();
		byte[] negotiate = new NtlmNegotiateMessage(0xe2888235, "", "", null).toBytes();
		NtlmChallengeMessage challenge = NtlmChallengeMessage.parse(server.step(negotiate));
		assertThat(challenge.serverChallenge()).isEqualTo(SERVER_CHALLENGE);
		assertThat(server.step(hex(AUTHENTICATE))).isEmpty();
		assertThat(server.isEstablished()).isTrue();
		assertThat(server.negotiated().peerName()).isEqualTo("Domain\\User");
		byte[] token = hex(SIGNATURE + SEALED_PLAINTEXT);
		assertThat(server.unwrap(token, 0, token.length)).isEqualTo(utf16("Plaintext"));
	}

}
