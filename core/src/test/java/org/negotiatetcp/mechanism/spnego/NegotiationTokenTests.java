package org.negotiatetcp.mechanism.spnego;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.spnego.AcceptorFactory;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.mechanism.InitialToken;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.security.ProtectionLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.negotiatetcp.mechanism.spnego.DerTests.assertBadToken;

/**
 * NegTokenInit and NegTokenResp: exact encodings, round trips, tokens captured from the JDK's and MIT's SPNEGO
 * initiators and MIT's acceptor, the MS-SPNG NegTokenInit2 form, and malformed or mutated input.
 */
class NegotiationTokenTests {

	private static final HexFormat HEX = HexFormat.of();

	private static final String KRB5 = Mechanism.KERBEROS.oid();

	private static final String MS_KRB5 = Mechanism.MS_KERBEROS_OID;

	private static final String NTLM = Mechanism.NTLM.oid();

	@Test
	void negTokenRespHasTheExactDerEncoding() {
		NegTokenResp resp = new NegTokenResp(NegState.ACCEPT_COMPLETED, KRB5, null, null);
		assertThat(HEX.formatHex(resp.encode())).isEqualTo("a1143012a0030a0100a10b06092a864886f712010202");
		NegTokenResp micOnly = new NegTokenResp(null, null, null, new byte[] { 9, 8 });
		assertThat(HEX.formatHex(micOnly.encode())).isEqualTo("a1083006a304040209" + "08");
	}

	@Test
	void negTokenInitHasTheExactDerEncoding() {
		byte[] token = NegTokenInit.of(List.of(MS_KRB5, KRB5, NTLM), new byte[] { 0x60, 0x00 }).encode();
		String mechTypes = "3022" + "06092a864882f712010202" + "06092a864886f712010202" + "060a2b06010401823702020a";
		String body = "a024" + mechTypes + "a2040402" + "6000";
		String negTokenInit = "a02e" + "302c" + body;
		assertThat(HEX.formatHex(token)).isEqualTo("6038" + "06062b0601050502" + negTokenInit);
		assertThat(InitialToken.detect(token)).isEqualTo(InitialToken.SPNEGO);
		assertThat(HEX.formatHex(NegTokenInit.encodeMechTypeList(List.of(MS_KRB5, KRB5, NTLM)))).isEqualTo(mechTypes);
	}

	@Test
	void messagesRoundTrip() {
		Random random = new Random(2);
		for (NegState state : new NegState[] { null, NegState.ACCEPT_COMPLETED, NegState.ACCEPT_INCOMPLETE,
				NegState.REJECT, NegState.REQUEST_MIC }) {
			for (String mech : new String[] { null, KRB5, NTLM, "1.2.3.4.5" }) {
				byte[] token = (random.nextBoolean()) ? null : bytes(random, random.nextInt(300));
				byte[] mic = (random.nextBoolean()) ? null : bytes(random, 16);
				NegTokenResp resp = new NegTokenResp(state, mech, token, mic);
				assertThat(NegTokenResp.decode(resp.encode())).isEqualTo(resp);
				assertThat(NegotiationToken.decode(resp.encode())).isEqualTo(resp);
			}
		}
		for (List<String> mechs : List.of(List.of(KRB5), List.of(MS_KRB5, KRB5, NTLM), List.of("1.2.3", NTLM))) {
			byte[] token = bytes(random, 2000);
			NegTokenInit init = NegTokenInit.of(mechs, token);
			NegTokenInit decoded = NegTokenInit.decode(init.encode());
			assertThat(decoded).isEqualTo(init);
			assertThat(decoded.mechTypes()).isEqualTo(mechs);
			assertThat(decoded.mechToken()).isEqualTo(token);
			assertThat(decoded.mechTypesEncoding()).isEqualTo(NegTokenInit.encodeMechTypeList(mechs));
			assertThat(decoded.mechListMic()).isNull();
			assertThat(decoded.reqFlags()).isEqualTo(-1);
			assertThat(NegTokenInit.decode(NegTokenInit.of(mechs, null).encode()).mechToken()).isNull();
		}
	}

	@Test
	void decodesTheJdkSpnegoInitiatorsToken() throws IOException {
		byte[] golden = golden("jdk-initiator-negtokeninit.hex");
		NegTokenInit init = NegTokenInit.decode(golden);
		assertThat(init.mechTypes()).containsExactly(KRB5);
		assertThat(init.mechTypesEncoding()).isEqualTo(NegTokenInit.encodeMechTypeList(List.of(KRB5)));
		// BIT STRING 0x76 with one unused bit: mutual, replay, sequence, conf, integ (bits 1, 2, 3, 5, 6)
		assertThat(init.reqFlags()).isEqualTo(0b1101110);
		assertThat(InitialToken.detect(init.mechToken())).isEqualTo(InitialToken.KERBEROS);
		assertThat(init.mechListMic()).isNull();
	}

	@Test
	void decodesAndReEncodesMitTokensByteForByte() throws IOException {
		byte[] initiator = golden("mit-initiator-negtokeninit.hex");
		NegTokenInit init = NegTokenInit.decode(initiator);
		assertThat(init.mechTypes()).containsExactly(KRB5);
		assertThat(init.reqFlags()).isEqualTo(-1);
		assertThat(InitialToken.detect(init.mechToken())).isEqualTo(InitialToken.KERBEROS);
		assertThat(NegTokenInit.of(init.mechTypes(), init.mechToken()).encode()).isEqualTo(initiator);

		byte[] acceptor = golden("mit-acceptor-negtokenresp.hex");
		NegTokenResp resp = NegTokenResp.decode(acceptor);
		assertThat(resp.negState()).isEqualTo(NegState.ACCEPT_COMPLETED);
		assertThat(resp.supportedMech()).as("MIT echoes the Microsoft OID our initiator listed first")
			.isEqualTo(MS_KRB5);
		assertThat(InitialToken.detect(resp.responseToken())).isEqualTo(InitialToken.KERBEROS);
		assertThat(resp.mechListMic()).isNull();
		assertThat(resp.encode()).isEqualTo(acceptor);
	}

	@Test
	void readsNegTokenInit2HintsAndIgnoresThem() {
		byte[] mechTypes = NegTokenInit.encodeMechTypeList(List.of(MS_KRB5, KRB5, NTLM));
		byte[] hintName = "not_defined_in_RFC4178@please_ignore".getBytes(StandardCharsets.US_ASCII);
		byte[] body = new DerWriter().writeConstructed(0xa0, (choice) -> choice.writeConstructed(Der.SEQUENCE,
				(fields) -> fields.writeTlv(0xa0, mechTypes)
					.writeConstructed(0xa3, (hints) -> hints.writeConstructed(Der.SEQUENCE,
							(negHints) -> negHints.writeConstructed(0xa0, (name) -> name.writeTlv(0x1b, hintName))))
					.writeConstructed(0xa4, (mic) -> mic.writeOctetString(new byte[] { 7 }))
					.writeConstructed(0xa9, (future) -> future.writeOctetString(new byte[] { 1 }))))
			.toByteArray();
		NegTokenInit init = (NegTokenInit) NegotiationToken.decode(body);
		assertThat(init.mechTypes()).containsExactly(MS_KRB5, KRB5, NTLM);
		assertThat(init.mechTypesEncoding()).isEqualTo(mechTypes);
		assertThat(init.mechToken()).isNull();
		assertThat(init.mechListMic()).containsExactly(7);
	}

	@Test
	void keepsUnknownMechanismsAndMicInTheOrderSent() {
		byte[] body = new DerWriter().writeConstructed(0xa0, (choice) -> choice.writeConstructed(Der.SEQUENCE,
				(fields) -> fields
					.writeTlv(0xa0, NegTokenInit.encodeMechTypeList(List.of("1.3.6.1.4.1.311.2.2.30", NTLM)))
					.writeConstructed(0xa1, (flags) -> flags.writeTlv(Der.BIT_STRING, new byte[] { 0 }))
					.writeConstructed(0xa3, (mic) -> mic.writeOctetString(new byte[] { 5, 5 }))))
			.toByteArray();
		NegTokenInit init = NegTokenInit.decode(body);
		assertThat(init.mechTypes()).containsExactly("1.3.6.1.4.1.311.2.2.30", NTLM);
		assertThat(init.reqFlags()).isZero();
		assertThat(init.mechListMic()).containsExactly(5, 5);
	}

	@Test
	void refusesTokensThatAreNotSpnegoMessages() {
		assertBadToken(() -> NegotiationToken.decode(new byte[0]));
		// a raw Kerberos token: GSS framing with the Kerberos OID
		assertBadToken(() -> NegotiationToken.decode(HEX.parseHex("600d06092a864886f71201020201006e00")));
		assertBadToken(() -> NegotiationToken.decode("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII)));
		assertBadToken(() -> NegotiationToken.decode(HEX.parseHex("a2023000")));
		assertBadToken(() -> NegTokenInit.decode(new NegTokenResp(NegState.REJECT, null, null, null).encode()));
		assertBadToken(() -> NegTokenResp.decode(NegTokenInit.of(List.of(KRB5), null).encode()));
		// trailing data after the token, inside and outside the GSS framing
		byte[] init = NegTokenInit.of(List.of(KRB5), null).encode();
		byte[] longer = java.util.Arrays.copyOf(init, init.length + 1);
		assertBadToken(() -> NegotiationToken.decode(longer));
		assertBadToken(() -> NegotiationToken.decode(HEX.parseHex("a1053000" + "0a0100")));
	}

	@Test
	void refusesMalformedFields() {
		// negState 7, negState as INTEGER, duplicated and out-of-order fields, a primitive [0]
		assertBadToken(() -> NegTokenResp.decode(HEX.parseHex("a1073005a0030a0107")));
		assertBadToken(() -> NegTokenResp.decode(HEX.parseHex("a1073005a003020100")));
		assertBadToken(() -> NegTokenResp.decode(HEX.parseHex("a10c300aa0030a0100a0030a0100")));
		assertBadToken(() -> NegTokenResp.decode(HEX.parseHex("a10c300aa2020400a0030a0100")));
		assertBadToken(() -> NegTokenResp.decode(HEX.parseHex("a1053003800100")));
		assertBadToken(() -> NegTokenResp.decode(HEX.parseHex("a1063004a1020600")));
		// reqFlags with 8 unused bits, and a mechTypes entry that is not an OID
		assertBadToken(() -> NegTokenInit.decode(HEX.parseHex("a00d300ba0053003060100a1020308")));
		assertBadToken(() -> NegTokenInit.decode(HEX.parseHex("a0093007a0053003040100")));
	}

	@Test
	void everyTruncationOfARealTokenIsABadToken() throws IOException {
		for (String name : List.of("jdk-initiator-negtokeninit.hex", "mit-initiator-negtokeninit.hex",
				"mit-acceptor-negtokenresp.hex")) {
			byte[] golden = golden(name);
			for (int length = 0; length < golden.length; length++) {
				byte[] truncated = java.util.Arrays.copyOf(golden, length);
				assertBadToken(() -> NegotiationToken.decode(truncated));
			}
		}
	}

	@Test
	void mutatedTokensDecodeOrFailWithBadTokenOnly() throws IOException {
		Random random = new Random(4178);
		byte[][] seeds = { golden("jdk-initiator-negtokeninit.hex"), golden("mit-acceptor-negtokenresp.hex"),
				NegTokenInit.of(List.of(MS_KRB5, KRB5, NTLM), new byte[40]).encode() };
		for (int i = 0; i < 20_000; i++) {
			byte[] token = mutate(random, seeds[i % seeds.length]);
			try {
				NegotiationToken decoded = NegotiationToken.decode(token);
				assertThat(decoded.encode()).isNotNull();
			}
			catch (MechanismException ex) {
				assertThat(ex.reason()).isEqualTo(FailureReason.BAD_TOKEN);
			}
		}
	}

	@Test
	void acceptorsTurnGarbageIntoBadTokens() {
		AcceptorFactory factory = new AcceptorFactory(new AcceptorSettings(null, SpnegoNtlmTests.accounts(),
				ProtectionLevel.ENCRYPT_AND_SIGN, false, SpnegoNtlmTests.NAMES));
		assertBadToken(() -> factory.create(new byte[0]));
		assertBadToken(() -> factory.create("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)));
		assertBadToken(() -> factory.create(HEX.parseHex("6003060100")));

		MechanismContext client = new SpnegoInitiatorContext(List.of(SpnegoNtlmTests.ntlmClient("x")), false);
		byte[] seed = client.step(null);
		Random random = new Random(99);
		for (int i = 0; i < 5_000; i++) {
			byte[] token = mutate(random, seed);
			try (MechanismContext server = factory.create(token)) {
				server.step(token);
			}
			catch (MechanismException ex) {
				// POLICY: the NTLM acceptor refuses a NEGOTIATE whose flags were mutated below its minimum
				assertThat(ex.reason()).isIn(FailureReason.BAD_TOKEN, FailureReason.UNSUPPORTED_MECHANISM,
						FailureReason.POLICY);
			}
		}
		assertThatExceptionOfType(MechanismException.class)
			.isThrownBy(() -> new SpnegoAcceptorContext(List.of(SpnegoNtlmTests.ntlmAcceptorMechanism()), false)
				.step(new NegTokenResp(NegState.ACCEPT_INCOMPLETE, null, new byte[] { 1 }, null).encode()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.BAD_TOKEN))
			.withMessageContaining("NegTokenResp, not a NegTokenInit");
	}

	@Test
	void initiatorTurnsGarbageRepliesIntoBadTokens() {
		Random random = new Random(7);
		byte[] seed = new NegTokenResp(NegState.ACCEPT_INCOMPLETE, NTLM, new byte[60], null).encode();
		for (int i = 0; i < 2_000; i++) {
			MechanismContext client = new SpnegoInitiatorContext(List.of(SpnegoNtlmTests.ntlmClient("x")), false);
			client.step(null);
			byte[] reply = mutate(random, seed);
			try {
				client.step(reply);
			}
			catch (MechanismException ex) {
				assertThat(ex.reason()).isIn(FailureReason.BAD_TOKEN, FailureReason.UNSUPPORTED_MECHANISM,
						FailureReason.BAD_CREDENTIALS);
			}
		}
	}

	private static byte[] mutate(Random random, byte[] seed) {
		byte[] token = seed.clone();
		switch (random.nextInt(4)) {
			case 0 -> token[random.nextInt(token.length)] = (byte) random.nextInt(256);
			case 1 -> token = java.util.Arrays.copyOf(token, random.nextInt(token.length));
			case 2 -> {
				int at = random.nextInt(Math.min(token.length, 24));
				token[at] = (byte) (0x80 | random.nextInt(8));
			}
			default -> {
				for (int n = 0; n < 4; n++) {
					token[random.nextInt(token.length)] ^= (byte) (1 << random.nextInt(8));
				}
			}
		}
		return token;
	}

	private static byte[] bytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	static byte[] golden(String name) throws IOException {
		try (InputStream in = NegotiationTokenTests.class.getResourceAsStream("golden/" + name)) {
			return HEX.parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
		}
	}

}
