package org.negotiatetcp.channel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import org.negotiatetcp.ChannelMode;

/**
 * Client and server over real sockets with a real (embedded) KDC: every mode, package and protection level.
 */
class KerberosChannelTests {

	@AutoClose
	private static EmbeddedRealm realm;

	private static Path multiKeytab;

	@AutoClose
	private final TestServer server = new TestServer();

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
		multiKeytab = realm.kdc().keytab("multi.keytab", "HTTP/localhost", "xmpp/localhost");
		realm.kdc().user("bob", "bob-secret");
	}

	@org.junit.jupiter.api.Test
	void requestResponseCodeMayReceiveOneReplyAtATime() {
		echoServer(ChannelMode.NET_TCP, ProtectionLevel.ENCRYPT_AND_SIGN);
		NegotiateChannel channel = new NegotiateChannelFactory(ClientSettings.of(realm.alice()))
			.open("net.tcp://localhost:" + this.server.port() + "/echo")
			.block(Duration.ofSeconds(30));
		List<String> replies = new java.util.ArrayList<>();
		for (String request : List.of("a", "b", "c")) {
			replies.add(channel.sendBytes(request.getBytes(StandardCharsets.UTF_8))
				.then(channel.receive().next().map((buf) -> buf.toString(StandardCharsets.UTF_8)))
				.block(Duration.ofSeconds(10)));
		}
		// two requests in a row, then two receives: the second reply waits in the queue meanwhile
		channel.sendBytes("d".getBytes(StandardCharsets.UTF_8)).then(channel.sendBytes("e".getBytes(StandardCharsets.UTF_8)))
			.block(Duration.ofSeconds(10));
		replies.add(channel.receive().next().map((buf) -> buf.toString(StandardCharsets.UTF_8)).block(Duration.ofSeconds(10)));
		replies.add(channel.receive().next().map((buf) -> buf.toString(StandardCharsets.UTF_8)).block(Duration.ofSeconds(10)));
		channel.close().block(Duration.ofSeconds(10));
		assertThat(replies).containsExactly("echo:a", "echo:b", "echo:c", "echo:d", "echo:e");
	}

	@org.junit.jupiter.api.Test
	void messagesSentBeforeTheServerEndedTheSessionReachALateSubscriber() {
		AcceptorSettings acceptor = realm.acceptor(ProtectionLevel.ENCRYPT_AND_SIGN);
		this.server.start(NegotiateServer.create(TestServer.echoSettings(ChannelMode.NET_TCP, acceptor),
				(ch) -> ch.sendBytes("goodbye".getBytes(StandardCharsets.UTF_8))));
		NegotiateChannel channel = new NegotiateChannelFactory(ClientSettings.of(realm.alice()))
			.open("net.tcp://localhost:" + this.server.port() + "/echo")
			.block(Duration.ofSeconds(30));
		channel.onClose().block(Duration.ofSeconds(10));
		assertThat(channel.receive().map((buf) -> buf.toString(StandardCharsets.UTF_8)).collectList()
			.block(Duration.ofSeconds(10))).containsExactly("goodbye");
	}

	@org.junit.jupiter.api.Test
	void passwordCredentialObtainsATicketAndAuthenticates() {
		echoServer(ChannelMode.NET_TCP, ProtectionLevel.ENCRYPT_AND_SIGN);
		NegotiateChannelFactory factory = new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Password("bob", "bob-secret".toCharArray())));
		assertThat(TestServer.roundTrip(factory, "net.tcp://localhost:" + this.server.port() + "/echo"))
			.isEqualTo("echo:ping");
		assertThat(this.server.seen()).singleElement()
			.extracting(SecurityInfo::peerName)
			.isEqualTo("bob@" + realm.kdc().realm());
	}

	@org.junit.jupiter.api.Test
	void wrongPasswordFailsWithBadCredentials() {
		echoServer(ChannelMode.NET_TCP, ProtectionLevel.ENCRYPT_AND_SIGN);
		NegotiateChannelFactory factory = new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Password("bob", "wrong".toCharArray())));
		org.assertj.core.api.Assertions
			.assertThatThrownBy(
					() -> TestServer.roundTrip(factory, "net.tcp://localhost:" + this.server.port() + "/echo"))
			.isInstanceOfSatisfying(org.negotiatetcp.NegotiateException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(org.negotiatetcp.FailureReason.BAD_CREDENTIALS))
			.hasMessageContaining("bob");
	}

	@org.junit.jupiter.api.Test
	void serverWithoutAPrincipalAcceptsTicketsForAnyPrincipalInItsKeytab() {
		AcceptorSettings acceptor = TestServer.kerberosAcceptor(multiKeytab, "*", ProtectionLevel.ENCRYPT_AND_SIGN);
		this.server.echo(new ServerSettings(ChannelMode.RAW, Set.of(), acceptor, ChannelLimits.DEFAULTS));
		NegotiateChannelFactory factory = new NegotiateChannelFactory(ClientSettings.of(realm.alice()));
		String address = "tcp://localhost:" + this.server.port();
		assertThat(TestServer.roundTrip(factory, address,
				new org.negotiatetcp.identity.EndpointIdentity.Spn("HTTP/localhost")))
			.isEqualTo("ping");
		assertThat(TestServer.roundTrip(factory, address,
				new org.negotiatetcp.identity.EndpointIdentity.Spn("xmpp/localhost")))
			.isEqualTo("ping");
		assertThat(this.server.seen()).extracting(SecurityInfo::peerName)
			.containsExactly("alice@" + realm.kdc().realm(), "alice@" + realm.kdc().realm());
		// Weakness 9 (issue 10): the application learns which service principal of the keytab the client asked for,
		// as Windows SSPI (server's SECPKG_ATTR_NAMES) and MIT krb5 (gss_inquire_context on a GSS_C_NO_NAME acceptor)
		// tell it; before, the server's SecurityInfo.targetName was null.
		assertThat(this.server.seen()).extracting(SecurityInfo::targetName)
			.containsExactly("HTTP/localhost@" + realm.kdc().realm(), "xmpp/localhost@" + realm.kdc().realm());
	}

	@org.junit.jupiter.api.Test
	void openChannelKeepsTheSettingsItWasOpenedWith() {
		echoServer(ChannelMode.NET_TCP, ProtectionLevel.SIGN);
		String address = "net.tcp://localhost:" + this.server.port() + "/echo";
		NegotiateChannelFactory encrypting = new NegotiateChannelFactory(ClientSettings.of(realm.alice()));
		NegotiateChannel first = encrypting.open(address).block(Duration.ofSeconds(30));
		NegotiateChannelFactory signing = encrypting
			.withSettings(encrypting.settings().withProtectionLevel(ProtectionLevel.SIGN));
		NegotiateChannel second = signing.open(address).block(Duration.ofSeconds(30));
		assertThat(first.securityInfo().protectionLevel()).isEqualTo(ProtectionLevel.ENCRYPT_AND_SIGN);
		assertThat(second.securityInfo().protectionLevel()).isEqualTo(ProtectionLevel.SIGN);
		assertThat(first.sendBytes("still encrypted".getBytes(StandardCharsets.UTF_8))
			.then(first.receive().next().map((buf) -> buf.toString(StandardCharsets.UTF_8)))
			.block(Duration.ofSeconds(10))).isEqualTo("echo:still encrypted");
		first.close().block(Duration.ofSeconds(10));
		second.close().block(Duration.ofSeconds(10));
	}

	/**
	 * Start a server that answers every message with {@code echo:} and the message.
	 */
	private void echoServer(ChannelMode mode, ProtectionLevel required) {
		this.server.start(this.server.echoServer(
				TestServer.echoSettings(mode, realm.acceptor(required)),
				(buf) -> io.netty.buffer.Unpooled.copiedBuffer("echo:" + buf.toString(StandardCharsets.UTF_8),
						StandardCharsets.UTF_8)));
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@CsvSource({ "NET_TCP, SPNEGO, ENCRYPT_AND_SIGN", "NET_TCP, KERBEROS, ENCRYPT_AND_SIGN", "NET_TCP, SPNEGO, SIGN",
			"NET_TCP, KERBEROS, SIGN", "RAW, SPNEGO, ENCRYPT_AND_SIGN", "RAW, KERBEROS, ENCRYPT_AND_SIGN",
			"RAW, KERBEROS, SIGN" })
	void messagesRoundTripAfterMutualKerberosAuthentication(ChannelMode mode, AuthPackage authPackage,
			ProtectionLevel protection) {
		echoServer(mode, ProtectionLevel.SIGN);
		String address = this.server.address(mode);
		NegotiateChannelFactory factory = new NegotiateChannelFactory(
				ClientSettings.of(realm.alice())
					.withAuthPackage(authPackage)
					.withProtectionLevel(protection));
		List<String> replies = factory.open(address)
			.flatMapMany((channel) -> {
				assertThat(channel.securityInfo().mutuallyAuthenticated()).isTrue();
				assertThat(channel.securityInfo().targetName()).isEqualTo("host/localhost");
				assertThat(channel.securityInfo().protectionLevel()).isEqualTo(protection);
				if (mode == ChannelMode.RAW) {
					return channel.sendBytes("one".getBytes(StandardCharsets.UTF_8))
						.thenMany(channel.receive().take(1).map((buf) -> buf.toString(StandardCharsets.UTF_8)))
						.concatWith(channel.close().then(Mono.empty()));
				}
				return channel.send(Flux.just("one", "two", "three")
					.map((s) -> io.netty.buffer.Unpooled.copiedBuffer(s, StandardCharsets.UTF_8)))
					.thenMany(channel.receive().take(3).map((buf) -> buf.toString(StandardCharsets.UTF_8)))
					.concatWith(channel.close().then(Mono.empty()));
			})
			.collectList()
			.block(Duration.ofSeconds(30));
		if (mode == ChannelMode.RAW) {
			assertThat(replies).containsExactly("echo:one");
		}
		else {
			assertThat(replies).containsExactly("echo:one", "echo:two", "echo:three");
		}
		assertThat(this.server.seen()).hasSize(1);
		SecurityInfo info = this.server.seen().get(0);
		assertThat(info.peerName()).isEqualTo("alice@" + realm.kdc().realm());
		assertThat(info.mechanism()).isEqualTo(Mechanism.KERBEROS);
		assertThat(info.authPackage()).isEqualTo(authPackage);
		assertThat(info.protectionLevel()).isEqualTo(protection);
		assertThat(info.mutuallyAuthenticated()).isTrue();
		// Kerby's tickets carry no PAC: the client is authenticated with an empty authorization context
		assertThat(info.authorizationContext()).isEqualTo(org.negotiatetcp.security.AuthorizationContext.none());
	}

}
