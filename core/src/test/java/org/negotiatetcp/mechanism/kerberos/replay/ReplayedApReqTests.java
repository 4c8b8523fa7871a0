package org.negotiatetcp.mechanism.kerberos.replay;

import java.util.HexFormat;
import java.util.List;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.stream.HandshakeErrorPayload;
import org.negotiatetcp.stream.HandshakeMessage;
import org.negotiatetcp.stream.HandshakeMessageId;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.SocketPeer;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiatetcp.testsupport.Bytes.concat;

/**
 * An AP-REQ captured by a man in the middle from a real client's clear-text handshake (our client, SPNEGO with the
 * optimistic Kerberos token, raw NegotiateStream) and sent again: the server refuses it from its replay cache, with
 * an [MS-NNS] HandshakeError and a log line naming the replayed authenticator. MIT krb5 answers the same with
 * KRB_AP_ERR_REPEAT from its replay cache (tagged with the SHA-256 of the authenticator ciphertext since 1.18), and
 * Windows with SEC_E_... from the LSA's; the JDK's own per-process cache would refuse it too, but with its own message
 * ("Request is a replay"), which these tests tell apart.
 */
class ReplayedApReqTests {

	@AutoClose
	private static EmbeddedRealm realm;

	@AutoClose
	private final TestServer server = new TestServer();

	@AutoClose
	private final RefusalLog log = new RefusalLog();

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	@ParameterizedTest(name = "{0} client's AP-REQ")
	@EnumSource(value = AuthPackage.class, names = { "SPNEGO", "KERBEROS" })
	void apReqReplayedToTheSameServerIsRefusedByTheInMemoryCache(AuthPackage authPackage) throws Exception {
		InMemoryReplayCache cache = new InMemoryReplayCache(ReplayCache.DEFAULT_CLOCK_SKEW, 1000);
		int port = server(realm.serviceCredentials().withReplayCache(cache));
		byte[] captured = captureFirstHandshake(client().withSettings(client().settings().withAuthPackage(authPackage)),
				port);
		// an RFC 2743 token: SPNEGO's NegTokenInit carrying the optimistic AP-REQ, or the raw Kerberos one
		assertThat(captured[5]).isEqualTo((byte) 0x60);
		assertThat(HexFormat.of().formatHex(captured)).contains((authPackage == AuthPackage.SPNEGO)
				? "06062b0601050502" : "06092a864886f712010202");
		assertThat(cache.size()).isEqualTo(1);
		HandshakeMessage reply = replay(captured, port);
		assertThat(reply.id()).isEqualTo(HandshakeMessageId.HANDSHAKE_ERROR);
		assertThat(HandshakeErrorPayload.decode(reply.payload())).isEqualTo(HandshakeErrorPayload.SEC_E_LOGON_DENIED);
		assertThat(refusals()).anySatisfy((line) -> assertThat(line).contains("replayed authenticator")
			.contains("InMemoryReplayCache"));
		// the server goes on accepting fresh handshakes
		assertThat(TestServer.roundTrip(client(), "tcp://localhost:" + port)).isEqualTo("ping");
		assertThat(cache.size()).isEqualTo(2);
		assertThat(replay(captured, port).id()).isEqualTo(HandshakeMessageId.HANDSHAKE_ERROR);
	}

	@Test
	void theDefaultIsTheProcessWideInMemoryCache() throws Exception {
		assertThat(KerberosServiceCredentials.load(realm.serviceCredential()).replayCache())
			.isSameAs(InMemoryReplayCache.shared());
		int port = server(realm.serviceCredentials());
		byte[] captured = captureFirstHandshake(port);
		assertThat(replay(captured, port).id()).isEqualTo(HandshakeMessageId.HANDSHAKE_ERROR);
		assertThat(refusals()).anySatisfy((line) -> assertThat(line).contains("replayed authenticator"));
	}

	/** Start an echo server in raw mode, Kerberos only, with these service credentials; return its port. */
	private int server(KerberosServiceCredentials credentials) {
		return serverOn(this.server, credentials);
	}

	static int serverOn(TestServer server, KerberosServiceCredentials credentials) {
		AcceptorSettings acceptor = new AcceptorSettings(credentials, null, ProtectionLevel.ENCRYPT_AND_SIGN, false);
		return server.echo(ChannelMode.RAW, acceptor).port();
	}

	private static NegotiateChannelFactory client() {
		return new NegotiateChannelFactory(ClientSettings.of(realm.alice()));
	}

	/** A real client's round trip through the recording proxy; return its first handshake message. */
	static byte[] captureFirstHandshake(NegotiateChannelFactory client, int port) throws Exception {
		try (RecordingProxy proxy = new RecordingProxy(port)) {
			assertThat(TestServer.roundTrip(client, "tcp://localhost:" + proxy.port())).isEqualTo("ping");
			return proxy.firstHandshakeMessage();
		}
	}

	private static byte[] captureFirstHandshake(int port) throws Exception {
		return captureFirstHandshake(client(), port);
	}

	/** Send the captured message on a new connection; return the server's answer. */
	static HandshakeMessage replay(byte[] captured, int port) {
		try (SocketPeer attacker = SocketPeer.connect(port)) {
			attacker.write(captured);
			byte[] header = attacker.read(HandshakeMessage.HEADER_SIZE);
			int size = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
			HandshakeMessage reply = HandshakeMessage.decode(Unpooled.wrappedBuffer(concat(header, attacker.read(size))),
					0xFFFF);
			assertThat(reply).isNotNull();
			assertThat(attacker.isClosedByPeer()).isTrue();
			return reply;
		}
	}

	private List<String> refusals() {
		return this.log.lines();
	}

}
