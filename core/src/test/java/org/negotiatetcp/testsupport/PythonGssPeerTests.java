package org.negotiatetcp.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.PeerTranscript.DataFrame;
import org.negotiatetcp.testsupport.PeerTranscript.HandshakeMessage;

import static org.negotiatetcp.testsupport.Bytes.concat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves {@link PythonGssPeer} against itself (client and server are independent processes on MIT GSSAPI), for
 * every mechanism and both framings, so that a later failure against our own code points at our code.
 */
@Tag("interop")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PythonGssPeerTests {

	private static final String SPNEGO_OID = "06062b0601050502";

	private static final String NTLMSSP = "4e544c4d53535000";

	private static final byte[] BINARY = HexFormat.of().parseHex("00ff0d0a0700");

	@AutoClose
	private static PeerRealm realm;

	@BeforeAll
	static void startRealm() {
		if (MitKdc.isAvailable() && PythonGssPeer.isAvailable()) {
			realm = PeerRealm.start();
		}
	}

	@BeforeEach
	void requireTools() {
		// per test, not in @BeforeAll, so that each skipped test is reported with the reason
		Assumptions.assumeTrue(MitKdc.isAvailable(), MitKdc.unavailableReason());
		Assumptions.assumeTrue(PythonGssPeer.isAvailable(), PythonGssPeer.unavailableReason());
	}

	/**
	 * A mechanism setup: what both sides ask for, which credentials they have, and what must be negotiated.
	 */
	enum Scenario {

		KERBEROS(AuthPackage.KERBEROS, false, "krb5"),

		SPNEGO_KERBEROS(AuthPackage.SPNEGO, false, "krb5"),

		NTLM(AuthPackage.NTLM, true, "ntlm"),

		/** SPNEGO where the client has no Kerberos credentials: falls back to NTLM. */
		SPNEGO_NTLM(AuthPackage.SPNEGO, true, "ntlm");

		final AuthPackage mechanism;

		final boolean ntlmUser;

		final String negotiated;

		Scenario(AuthPackage mechanism, boolean ntlmUser, String negotiated) {
			this.mechanism = mechanism;
			this.ntlmUser = ntlmUser;
			this.negotiated = negotiated;
		}

	}

	static Stream<Arguments> scenarios() {
		return Stream.of(Scenario.values())
			.flatMap((scenario) -> Stream.of(PeerMode.values()).map((mode) -> Arguments.of(scenario, mode)));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("scenarios")
	void clientAndServerAuthenticateAndRoundTripEncryptedMessagesBothWays(Scenario scenario, PeerMode mode) {
		if (scenario.ntlmUser) {
			Assumptions.assumeTrue(PythonGssPeer.isNtlmAvailable(), PythonGssPeer::ntlmUnavailableReason);
		}
		String unicode = "gr\u00fc\u00dfe \u2713 net.tcp";
		try (PeerProcess server = server(scenario).mode(mode).start()) {
			PythonGssPeer.Builder client = client(scenario).mode(mode)
				.message("hello")
				.message(unicode)
				.patternMessage(70000)
				.message(BINARY);
			PeerTranscript clientRun = client.run("127.0.0.1", server.port()).requireSuccess();
			PeerTranscript serverRun = server.awaitExit(java.time.Duration.ofSeconds(30)).requireSuccess();

			List<byte[]> sent = List.of("hello".getBytes(StandardCharsets.UTF_8), unicode.getBytes(StandardCharsets.UTF_8),
					PythonGssPeer.pattern(70000), BINARY);
			assertThat(clientRun.received()).containsExactlyElementsOf(sent);
			assertThat(clientRun.receivedTexts()).startsWith("hello", unicode);
			assertThat(concat(serverRun.received())).isEqualTo(concat(sent));

			Map<String, String> clientAuth = clientRun.authenticated();
			Map<String, String> serverAuth = serverRun.authenticated();
			assertThat(clientAuth).containsEntry("mech", scenario.negotiated)
				.containsEntry("conf", "true")
				.containsEntry("integ", "true");
			assertThat(serverAuth).containsEntry("mech", scenario.negotiated)
				.containsEntry("conf", "true")
				.containsEntry("integ", "true");
			if (scenario.ntlmUser) {
				assertThat(serverAuth).containsEntry("peer", "EXAMPLE\\bob");
				assertThat(clientAuth).containsEntry("peer", "host/localhost");
			}
			else {
				assertThat(serverAuth).containsEntry("peer", "alice@EXAMPLE.TEST").containsEntry("mutual", "true");
				assertThat(clientAuth).containsEntry("peer", "host/localhost@EXAMPLE.TEST").containsEntry("mutual", "true");
			}

			List<HandshakeMessage> clientTokens = serverRun.handshakeReceived();
			assertThat(clientTokens).isNotEmpty();
			assertThat(clientRun.handshakeSent()).isEqualTo(clientTokens);
			assertThat(clientRun.handshakeReceived()).isEqualTo(serverRun.handshakeSent());
			assertThat(serverRun.handshakeSent()).last().extracting(HandshakeMessage::id).isEqualTo(HandshakeMessage.DONE);
			String firstToken = clientTokens.get(0).hex();
			switch (scenario.mechanism) {
				case SPNEGO -> assertThat(firstToken).startsWith("60").contains(SPNEGO_OID);
				case NTLM -> assertThat(firstToken).startsWith(NTLMSSP + "01000000");
				case KERBEROS -> assertThat(firstToken).startsWith("60").doesNotContain(SPNEGO_OID);
			}

			for (PeerTranscript run : List.of(clientRun, serverRun)) {
				assertThat(run.events("FRAME_RECV")).isNotEmpty().allSatisfy((frame) -> assertThat(frame).containsEntry("encrypted", "true"));
				assertThat(run.framesSent()).extracting(DataFrame::plainLength).allSatisfy((plain) -> assertThat(plain).isBetween(1, 0xFC00)).contains(0xFC00);
			}
			if (mode == PeerMode.NETTCP) {
				assertThat(serverRun.has("NMF_RECV upgrade_request")).isTrue();
				assertThat(clientRun.framesSent().get(0).plainLength()).as("PreambleEnd alone in the first frame").isEqualTo(1);
				assertThat(serverRun.framesSent().get(0).plainLength()).as("PreambleAck alone in the first frame").isEqualTo(1);
			}
		}
	}

	@Test
	void clientSendsMessagesFromStandardInputAfterThoseOnTheCommandLine() {
		try (PeerProcess server = server(Scenario.KERBEROS).mode(PeerMode.NETTCP).start()) {
			PeerTranscript clientRun = client(Scenario.KERBEROS).mode(PeerMode.NETTCP)
				.message("first")
				.stdinMessages("second", "third line")
				.run("127.0.0.1", server.port())
				.requireSuccess();
			assertThat(clientRun.receivedTexts()).containsExactly("first", "second", "third line");
			assertThat(server.awaitExit(java.time.Duration.ofSeconds(30)).requireSuccess().receivedTexts())
				.containsExactly("first", "second", "third line");
		}
	}

	@Test
	void kerberosClientDelegatesItsForwardableTgtToTheServer() {
		try (PeerProcess server = server(Scenario.KERBEROS).start()) {
			client(Scenario.KERBEROS).delegate().identify().message("deleg").run("127.0.0.1", server.port()).requireSuccess();
			PeerTranscript serverRun = server.awaitExit(java.time.Duration.ofSeconds(30)).requireSuccess();
			assertThat(serverRun.authenticated()).containsEntry("deleg", "true")
				.containsEntry("delegated", "alice@EXAMPLE.TEST")
				.containsEntry("identify", "true");
		}
	}

	@Test
	void rawNtlmWithProtectionNoneSendsDataUnframedAfterAnEmptyFinalHandshakeDone() {
		Assumptions.assumeTrue(PythonGssPeer.isNtlmAvailable(), PythonGssPeer::ntlmUnavailableReason);
		try (PeerProcess server = server(Scenario.NTLM).protection(ProtectionLevel.NONE).start()) {
			PeerTranscript clientRun = client(Scenario.NTLM).protection(ProtectionLevel.NONE)
				.message("clear text")
				.run("127.0.0.1", server.port())
				.requireSuccess();
			PeerTranscript serverRun = server.awaitExit(java.time.Duration.ofSeconds(30)).requireSuccess();
			assertThat(clientRun.receivedTexts()).containsExactly("clear text");
			assertThat(serverRun.receivedTexts()).containsExactly("clear text");
			assertThat(clientRun.framesSent()).isEmpty();
			assertThat(serverRun.framesSent()).isEmpty();
			// raw NTLM: 0x16 NEGOTIATE, 0x16 CHALLENGE, 0x14 AUTHENTICATE (client complete), 0x14 empty
			assertThat(serverRun.handshakeReceived()).extracting(HandshakeMessage::id)
				.containsExactly(HandshakeMessage.IN_PROGRESS, HandshakeMessage.DONE);
			assertThat(serverRun.handshakeReceived().get(1).hex()).startsWith(NTLMSSP + "03000000");
			assertThat(serverRun.handshakeSent()).extracting(HandshakeMessage::id)
				.containsExactly(HandshakeMessage.IN_PROGRESS, HandshakeMessage.DONE);
			assertThat(serverRun.handshakeSent().get(1).payload()).isEmpty();
		}
	}

	@Test
	void handshakeErrorFromTheServerFailsTheClientWithThePayload() {
		byte[] logonDenied = HexFormat.of().parseHex("000000008009030c");
		try (PeerProcess server = server(Scenario.SPNEGO_KERBEROS).failHandshake(logonDenied).start()) {
			PeerTranscript clientRun = client(Scenario.SPNEGO_KERBEROS).message("never sent")
				.run("127.0.0.1", server.port())
				.requireFailure();
			server.awaitExit(java.time.Duration.ofSeconds(30)).requireFailure();
			assertThat(clientRun.handshakeReceived()).containsExactly(new HandshakeMessage(HandshakeMessage.ERROR, logonDenied));
			assertThat(clientRun.error()).hasValueSatisfying((error) -> assertThat(error).contains("000000008009030c"));
			assertThat(clientRun.has("AUTHENTICATED")).isFalse();
		}
	}

	@Test
	void clientWithoutCredentialsReportsTheGssErrorAndExitsNonZero() {
		try (PeerProcess server = server(Scenario.KERBEROS).start()) {
			// kdc.env() names a ticket cache that does not exist
			PeerTranscript clientRun = PythonGssPeer.client()
				.environment(realm.kdc().env())
				.message("x")
				.run("127.0.0.1", server.port())
				.requireFailure();
			assertThat(clientRun.has("AUTHENTICATED")).isFalse();
			assertThat(clientRun.error()).isPresent();
		}
	}

	private static PythonGssPeer.Builder server(Scenario scenario) {
		PythonGssPeer.Builder builder = PythonGssPeer.server()
			.mechanism(scenario.mechanism)
			.environment(realm.kdc().env())
			.keytab(realm.keytab());
		return scenario.ntlmUser ? builder.ntlmUserFile(realm.ntlmUsers()) : builder;
	}

	private static PythonGssPeer.Builder client(Scenario scenario) {
		PythonGssPeer.Builder builder = PythonGssPeer.client()
			.mechanism(scenario.mechanism)
			.environment(realm.kdc().env());
		if (scenario.ntlmUser) {
			// no ticket cache: KRB5CCNAME from kdc.env() names a file that does not exist
			return builder.ntlmUserFile(realm.ntlmUsers()).user("EXAMPLE\\bob");
		}
		return builder.ccache(realm.ccache());
	}

}
