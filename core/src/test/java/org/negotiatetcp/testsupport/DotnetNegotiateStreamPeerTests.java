package org.negotiatetcp.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.PeerTranscript.DataFrame;
import org.negotiatetcp.testsupport.PeerTranscript.HandshakeMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves {@link DotnetNegotiateStreamPeer} (Microsoft's .NET Core 2.0 NegotiateStream on Linux) against
 * {@link PythonGssPeer} servers, and records what the .NET client puts on the wire. Our own server must match these
 * facts (also in {@code peers/FINDINGS.md}); they were observed on loopback with tshark and the Python peer's
 * transcript, MIT krb5 1.20.1, AES256-CTS-HMAC-SHA1-96 keys:
 * <ul>
 * <li>Kerberos goes inside SPNEGO: the first (and only) client message is {@code 16 01 00 <len BE>} with a GSS
 * {@code 60 ..} NegTokenInit (OID 1.3.6.1.5.5.2) whose mechTypes list holds exactly one OID, MIT krb5
 * 1.2.840.113554.1.2.2 (not the MS-KRB5 OID, no NTLM), and whose mechToken is an AP-REQ with ap-options
 * mutual-required. A server accepting only raw krb5 tokens rejects it.</li>
 * <li>The server's final message is {@code 14 01 00 <len>} with a non-empty NegTokenResp (accept-completed,
 * supportedMech krb5, responseToken AP-REP, no mechListMIC); the client processes it. Nothing follows the 0x14.</li>
 * <li>Requested flags arriving at the acceptor: mutual, conf, integ, identify (GSS_C_IDENTIFY_FLAG 0x2000 for
 * Identification); no replay/sequence flags, no delegation.</li>
 * <li>Data frames: {@code <u32 LE length><one RFC 4121 wrap token>}; the client's tokens start
 * {@code 05 04 06 ff 00 00 00 00} (sealed + acceptor subkey, EC=0, RRC=0) followed by an 8-byte sequence number that
 * starts at a random value (not 0). 5 plaintext bytes give a 65-byte frame (60 bytes overhead). A 70000-byte write
 * becomes frames with 64512 (0xFC00) and 5488 plaintext bytes, i.e. 64572 = 0xFC3C and 5548 bytes: larger than the
 * spec's 0xFC30 maximum, so a reader must accept up to 65536.</li>
 * <li>net.tcp: PreambleEnd travels alone in the first data frame (61 bytes for 1 plaintext byte); each SizedEnvelope
 * record (0x06, mbint length, bytes) is one write, and a record larger than 0xFC00 spans frames (70004 record bytes
 * as 64512 + 5492).</li>
 * <li>Errors: when its own GSSAPI call fails (unknown SPN) the client sends {@code 15 01 00 00 08} + {@code 00 00 00
 * 00 80 00 40 05} (E_FAIL, 8 bytes big-endian) and closes. It reads a server's 0x15 payload big-endian too:
 * {@code 00 00 00 00 80 09 03 0C} surfaces as Win32 error -2146893044 (0x8009030C, SEC_E_LOGON_DENIED).</li>
 * <li>ProtectionLevel.None with an explicit NetworkCredential makes it a raw NTLM client through gss-ntlmssp: 0x16
 * NEGOTIATE (40 bytes), 0x16 CHALLENGE, 0x14 AUTHENTICATE, and it waits for the server's empty 0x14; data then
 * travels unframed. IsMutuallyAuthenticated is false.</li>
 * </ul>
 */
@Tag("interop")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class DotnetNegotiateStreamPeerTests {

	private static final String SPNEGO_OID = "06062b0601050502";

	/** mechTypes [0] SEQUENCE { OID 1.2.840.113554.1.2.2 } and nothing else. */
	private static final String MECH_TYPES_KRB5_ONLY = "a00d300b06092a864886f712010202";

	private static final String NTLMSSP = "4e544c4d53535000";

	@AutoClose
	private static PeerRealm realm;

	@BeforeAll
	static void prepare() {
		if (!MitKdc.isAvailable() || !PythonGssPeer.isAvailable() || !DotnetNegotiateStreamPeer.isAvailable()) {
			return;
		}
		DotnetNegotiateStreamPeer.ensureClient();
		realm = PeerRealm.start();
	}

	@BeforeEach
	void requireTools() {
		// per test, not in @BeforeAll, so that each skipped test is reported with the reason
		Assumptions.assumeTrue(MitKdc.isAvailable(), MitKdc.unavailableReason());
		Assumptions.assumeTrue(PythonGssPeer.isAvailable(), PythonGssPeer.unavailableReason());
		Assumptions.assumeTrue(DotnetNegotiateStreamPeer.isAvailable(), DotnetNegotiateStreamPeer.unavailableReason());
	}

	@Test
	void rawModeKerberosInsideSpnegoRoundTripsEncryptedData() {
		try (PeerProcess server = spnegoServer(PeerMode.RAW).start()) {
			PeerTranscript client = dotnet(PeerMode.RAW).message("hello").patternMessage(70000)
				.run("127.0.0.1", server.port())
				.requireSuccess();
			PeerTranscript serverRun = server.awaitExit(Duration.ofSeconds(30)).requireSuccess();

			assertThat(client.received()).containsExactly("hello".getBytes(StandardCharsets.UTF_8),
					PythonGssPeer.pattern(70000));
			assertThat(client.authenticated()).containsEntry("authenticated", "true")
				.containsEntry("mutual", "true")
				.containsEntry("encrypted", "true")
				.containsEntry("signed", "true")
				.containsEntry("impersonation", "Identification")
				.containsEntry("remote", "host/localhost")
				.containsEntry("type", "Kerberos");
			assertThat(serverRun.authenticated()).containsEntry("mech", "krb5")
				.containsEntry("peer", "alice@EXAMPLE.TEST")
				.containsEntry("mutual", "true")
				.containsEntry("conf", "true")
				.containsEntry("integ", "true")
				.containsEntry("identify", "true")
				.containsEntry("deleg", "false");

			assertKerberosInSpnegoHandshake(serverRun);
			List<DataFrame> frames = serverRun.framesReceived();
			assertThat(frames).extracting(DataFrame::plainLength).containsExactly(5, 0xFC00, 70000 - 0xFC00);
			assertThat(frames).extracting(DataFrame::length).containsExactly(65, 0xFC3C, 5548);
			assertThat(frames).allSatisfy((frame) -> assertThat(frame.headHex()).startsWith("050406ff00000000"));
			assertThat(frames.get(0).headHex()).as("random initial sequence number")
				.isNotEqualTo("050406ff000000000000000000000000");
		}
	}

	@Test
	void netTcpModeWritesThePreambleThenRunsNnsAndCarriesNmfRecordsInsideDataFrames() {
		try (PeerProcess server = spnegoServer(PeerMode.NETTCP).start()) {
			int port = server.port();
			String via = "net.tcp://localhost:" + port + "/Echo";
			PeerTranscript client = dotnet(PeerMode.NETTCP).via(via).message("hello").patternMessage(70000)
				.run("127.0.0.1", port)
				.requireSuccess();
			PeerTranscript serverRun = server.awaitExit(Duration.ofSeconds(30)).requireSuccess();

			assertThat(client.received()).containsExactly("hello".getBytes(StandardCharsets.UTF_8),
					PythonGssPeer.pattern(70000));
			assertThat(client.authenticated()).containsEntry("mutual", "true").containsEntry("encrypted", "true");
			assertThat(client.has("NMF_RECV preamble_ack")).isTrue();
			assertThat(client.has("NMF_RECV end")).isTrue();
			assertThat(serverRun.has("NMF_RECV via " + via)).isTrue();
			assertThat(serverRun.has("NMF_RECV upgrade_request application/negotiate")).isTrue();
			assertThat(serverRun.has("NMF_RECV end")).isTrue();
			assertKerberosInSpnegoHandshake(serverRun);
			// PreambleEnd alone, SizedEnvelope 06 05 "hello", a 70004-byte record over two frames, End alone
			assertThat(serverRun.framesReceived()).extracting(DataFrame::plainLength)
				.containsExactly(1, 7, 0xFC00, 70004 - 0xFC00, 1);
			assertThat(serverRun.framesReceived().get(0).length()).isEqualTo(61);
		}
	}

	@Test
	void explicitPasswordCredentialObtainsATicketWithoutACache() {
		try (PeerProcess server = spnegoServer(PeerMode.RAW).start()) {
			PeerTranscript client = DotnetNegotiateStreamPeer.client()
				.environment(realm.kdc().env())
				.credential("alice", "alice-pw1", "")
				.message("with a password")
				.run("127.0.0.1", server.port())
				.requireSuccess();
			server.awaitExit(Duration.ofSeconds(30)).requireSuccess();
			assertThat(client.receivedTexts()).containsExactly("with a password");
			assertThat(client.authenticated()).containsEntry("type", "Kerberos").containsEntry("mutual", "true");
		}
	}

	@Test
	void acceptorForRawKerberosTokensRejectsTheSpnegoTokenAndTheClientReadsTheErrorBigEndian() {
		try (PeerProcess server = PythonGssPeer.server()
			.mechanism(AuthPackage.KERBEROS)
			.environment(realm.kdc().env())
			.keytab(realm.keytab())
			.start()) {
			PeerTranscript client = dotnet(PeerMode.RAW).message("x").run("127.0.0.1", server.port()).requireFailure();
			PeerTranscript serverRun = server.awaitExit(Duration.ofSeconds(30));
			assertThat(serverRun.handshakeReceived().get(0).hex()).contains(SPNEGO_OID);
			assertThat(serverRun.handshakeSent()).containsExactly(new HandshakeMessage(HandshakeMessage.ERROR,
					java.util.HexFormat.of().parseHex("000000008009030c")));
			assertThat(client.error()).hasValueSatisfying((error) -> assertThat(error)
				.contains("Authentication failed on the remote side")
				.contains("-2146893044"));
		}
	}

	@Test
	void unknownSpnMakesTheClientSendAnEFailHandshakeError() {
		try (PeerProcess server = spnegoServer(PeerMode.RAW).start()) {
			PeerTranscript client = dotnet(PeerMode.RAW).target("host/nosuchhost").message("x")
				.run("127.0.0.1", server.port())
				.requireFailure();
			PeerTranscript serverRun = server.awaitExit(Duration.ofSeconds(30)).requireFailure();
			assertThat(serverRun.handshakeReceived()).containsExactly(new HandshakeMessage(HandshakeMessage.ERROR,
					java.util.HexFormat.of().parseHex("0000000080004005")));
			assertThat(client.error()).hasValueSatisfying((error) -> assertThat(error).contains("not found in Kerberos database"));
		}
	}

	@Test
	void protectionNoneWithAnExplicitCredentialIsRawNtlmWithUnframedData() {
		Assumptions.assumeTrue(PythonGssPeer.isNtlmAvailable(), PythonGssPeer::ntlmUnavailableReason);
		try (PeerProcess server = PythonGssPeer.server()
			.mechanism(AuthPackage.NTLM)
			.protection(ProtectionLevel.NONE)
			.environment(realm.kdc().env())
			.ntlmUserFile(realm.ntlmUsers())
			.start()) {
			PeerTranscript client = DotnetNegotiateStreamPeer.client()
				.environment(realm.kdc().env())
				.environment("NTLM_USER_FILE", realm.ntlmUsers().toString())
				.credential("bob", "bob-pw1", "EXAMPLE")
				.protection(ProtectionLevel.NONE)
				.message("in clear")
				.run("127.0.0.1", server.port())
				.requireSuccess();
			PeerTranscript serverRun = server.awaitExit(Duration.ofSeconds(30)).requireSuccess();
			assertThat(client.receivedTexts()).containsExactly("in clear");
			assertThat(client.authenticated()).containsEntry("type", "NTLM")
				.containsEntry("mutual", "false")
				.containsEntry("encrypted", "false")
				.containsEntry("signed", "false");
			assertThat(serverRun.authenticated()).containsEntry("mech", "ntlm").containsEntry("peer", "EXAMPLE\\bob");
			List<HandshakeMessage> received = serverRun.handshakeReceived();
			assertThat(received).extracting(HandshakeMessage::id)
				.containsExactly(HandshakeMessage.IN_PROGRESS, HandshakeMessage.DONE);
			assertThat(received.get(0).hex()).startsWith(NTLMSSP + "01000000");
			assertThat(received.get(0).payload()).hasSize(40);
			assertThat(received.get(1).hex()).startsWith(NTLMSSP + "03000000");
			assertThat(serverRun.handshakeSent()).extracting(HandshakeMessage::id)
				.containsExactly(HandshakeMessage.IN_PROGRESS, HandshakeMessage.DONE);
			assertThat(serverRun.handshakeSent().get(1).payload()).isEmpty();
			assertThat(serverRun.framesReceived()).isEmpty();
		}
	}

	@Test
	void thisRuntimeSupportsOnlyIdentificationAndRefusesSignOnlyBecauseMitAlwaysGrantsConfidentiality() {
		for (ImpersonationLevel level : List.of(ImpersonationLevel.IMPERSONATION, ImpersonationLevel.DELEGATION)) {
			try (PeerProcess server = spnegoServer(PeerMode.RAW).start()) {
				PeerTranscript client = dotnet(PeerMode.RAW).impersonation(level)
					.message("x")
					.run("127.0.0.1", server.port())
					.requireFailure();
				assertThat(client.error()).hasValueSatisfying((error) -> assertThat(error)
					.contains("ArgumentOutOfRangeException"));
				assertThat(server.awaitExit(Duration.ofSeconds(30)).handshakeReceived()).isEmpty();
			}
		}
		try (PeerProcess server = spnegoServer(PeerMode.RAW).protection(ProtectionLevel.SIGN).start()) {
			PeerTranscript client = dotnet(PeerMode.RAW).protection(ProtectionLevel.SIGN)
				.message("x")
				.run("127.0.0.1", server.port())
				.requireFailure();
			assertThat(client.error()).hasValueSatisfying((error) -> assertThat(error)
				.contains("PlatformNotSupportedException"));
			// the handshake itself completed: the client gives up afterwards, without a HandshakeError
			PeerTranscript serverRun = server.awaitExit(Duration.ofSeconds(30));
			assertThat(serverRun.authenticated()).containsEntry("conf", "true");
			assertThat(serverRun.handshakeReceived()).extracting(HandshakeMessage::id)
				.containsExactly(HandshakeMessage.IN_PROGRESS);
		}
	}

	private static void assertKerberosInSpnegoHandshake(PeerTranscript serverRun) {
		List<HandshakeMessage> received = serverRun.handshakeReceived();
		assertThat(received).hasSize(1);
		assertThat(received.get(0).id()).isEqualTo(HandshakeMessage.IN_PROGRESS);
		String token = received.get(0).hex();
		assertThat(token).startsWith("60").contains(SPNEGO_OID).contains(MECH_TYPES_KRB5_ONLY);
		List<HandshakeMessage> sent = serverRun.handshakeSent();
		assertThat(sent).hasSize(1);
		assertThat(sent.get(0).id()).isEqualTo(HandshakeMessage.DONE);
		assertThat(sent.get(0).hex()).as("NegTokenResp accept-completed").startsWith("a1").contains("a0030a0100");
	}

	private static PythonGssPeer.Builder spnegoServer(PeerMode mode) {
		return PythonGssPeer.server()
			.mechanism(AuthPackage.SPNEGO)
			.mode(mode)
			.environment(realm.kdc().env())
			.keytab(realm.keytab());
	}

	private static DotnetNegotiateStreamPeer.Builder dotnet(PeerMode mode) {
		return DotnetNegotiateStreamPeer.client().mode(mode).environment(realm.kdc().env()).ccache(realm.ccache());
	}

}
