package org.negotiatetcp.channel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.negotiatetcp.mechanism.AcceptorSettings;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.Mechanism;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.testsupport.EmbeddedKdc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client and server over real sockets with a real (embedded) KDC: every mode, package and protection level.
 */
class KerberosChannelTests {

	private static EmbeddedKdc kdc;

	private static Path serviceKeytab;

	private static Path clientKeytab;

	private DisposableNegotiateServer server;

	private static Path multiKeytab;

	@BeforeAll
	static void startKdc() {
		kdc = EmbeddedKdc.start();
		serviceKeytab = kdc.keytab("service.keytab", "host/localhost");
		clientKeytab = kdc.keytab("client.keytab", "alice");
		multiKeytab = kdc.keytab("multi.keytab", "HTTP/localhost", "xmpp/localhost");
		kdc.user("bob", "bob-secret");
	}

	private static String roundTrip(NegotiateChannelFactory factory, String address,
			org.negotiatetcp.identity.EndpointIdentity identity) {
		return factory.open(address, identity)
			.flatMap((channel) -> channel.sendBytes("ping".getBytes(StandardCharsets.UTF_8))
				.then(channel.receive().next().map((buf) -> buf.toString(StandardCharsets.UTF_8)))
				.flatMap((reply) -> channel.close().thenReturn(reply)))
			.block(Duration.ofSeconds(30));
	}

	@org.junit.jupiter.api.Test
	void requestResponseCodeMayReceiveOneReplyAtATime() {
		this.server = echoServer(ChannelMode.NET_TCP, ProtectionLevel.ENCRYPT_AND_SIGN, new java.util.ArrayList<>());
		NegotiateChannel channel = new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Keytab("alice", clientKeytab)))
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
		AcceptorSettings acceptor = new AcceptorSettings(
				KerberosServiceCredentials.load(new ServiceCredential(serviceKeytab, "host/localhost")), null,
				ProtectionLevel.ENCRYPT_AND_SIGN, false);
		this.server = NegotiateServer.create(new ServerSettings(ChannelMode.NET_TCP, Set.of("/echo"), acceptor,
				ChannelLimits.DEFAULTS), (ch) -> ch.sendBytes("goodbye".getBytes(StandardCharsets.UTF_8))).bindNow();
		NegotiateChannel channel = new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Keytab("alice", clientKeytab)))
			.open("net.tcp://localhost:" + this.server.port() + "/echo")
			.block(Duration.ofSeconds(30));
		channel.onClose().block(Duration.ofSeconds(10));
		assertThat(channel.receive().map((buf) -> buf.toString(StandardCharsets.UTF_8)).collectList()
			.block(Duration.ofSeconds(10))).containsExactly("goodbye");
	}

	@org.junit.jupiter.api.Test
	void passwordCredentialObtainsATicketAndAuthenticates() {
		List<SecurityInfo> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.server = echoServer(ChannelMode.NET_TCP, ProtectionLevel.ENCRYPT_AND_SIGN, seen);
		NegotiateChannelFactory factory = new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Password("bob", "bob-secret".toCharArray())));
		assertThat(roundTrip(factory, "net.tcp://localhost:" + this.server.port() + "/echo", null))
			.isEqualTo("echo:ping");
		assertThat(seen).singleElement().extracting(SecurityInfo::peerName).isEqualTo("bob@" + kdc.realm());
	}

	@org.junit.jupiter.api.Test
	void wrongPasswordFailsWithBadCredentials() {
		this.server = echoServer(ChannelMode.NET_TCP, ProtectionLevel.ENCRYPT_AND_SIGN, new java.util.ArrayList<>());
		NegotiateChannelFactory factory = new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Password("bob", "wrong".toCharArray())));
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> roundTrip(factory, "net.tcp://localhost:" + this.server.port() + "/echo", null))
			.isInstanceOfSatisfying(org.negotiatetcp.NegotiateException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(org.negotiatetcp.FailureReason.BAD_CREDENTIALS))
			.hasMessageContaining("bob");
	}

	@org.junit.jupiter.api.Test
	void serverWithoutAPrincipalAcceptsTicketsForAnyPrincipalInItsKeytab() {
		AcceptorSettings acceptor = new AcceptorSettings(
				KerberosServiceCredentials.load(new ServiceCredential(multiKeytab, "*")), null,
				ProtectionLevel.ENCRYPT_AND_SIGN, false);
		List<String> peers = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.server = NegotiateServer.create(new ServerSettings(ChannelMode.RAW, Set.of(), acceptor,
				ChannelLimits.DEFAULTS), (channel) -> {
					peers.add(channel.securityInfo().peerName());
					return channel.send(channel.receive().map(io.netty.buffer.ByteBuf::retain));
				}).bindNow();
		NegotiateChannelFactory factory = new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Keytab("alice", clientKeytab)));
		String address = "tcp://localhost:" + this.server.port();
		assertThat(roundTrip(factory, address, new org.negotiatetcp.identity.EndpointIdentity.Spn("HTTP/localhost")))
			.isEqualTo("ping");
		assertThat(roundTrip(factory, address, new org.negotiatetcp.identity.EndpointIdentity.Spn("xmpp/localhost")))
			.isEqualTo("ping");
		assertThat(peers).containsExactly("alice@" + kdc.realm(), "alice@" + kdc.realm());
	}

	@org.junit.jupiter.api.Test
	void openChannelKeepsTheSettingsItWasOpenedWith() {
		this.server = echoServer(ChannelMode.NET_TCP, ProtectionLevel.SIGN, new java.util.ArrayList<>());
		String address = "net.tcp://localhost:" + this.server.port() + "/echo";
		NegotiateChannelFactory encrypting = new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Keytab("alice", clientKeytab)));
		NegotiateChannel first = encrypting.open(address).block(Duration.ofSeconds(30));
		NegotiateChannelFactory signing = encrypting
			.withSettings(encrypting.settings().withProtection(ProtectionLevel.SIGN));
		NegotiateChannel second = signing.open(address).block(Duration.ofSeconds(30));
		assertThat(first.securityInfo().protectionLevel()).isEqualTo(ProtectionLevel.ENCRYPT_AND_SIGN);
		assertThat(second.securityInfo().protectionLevel()).isEqualTo(ProtectionLevel.SIGN);
		assertThat(first.sendBytes("still encrypted".getBytes(StandardCharsets.UTF_8))
			.then(first.receive().next().map((buf) -> buf.toString(StandardCharsets.UTF_8)))
			.block(Duration.ofSeconds(10))).isEqualTo("echo:still encrypted");
		first.close().block(Duration.ofSeconds(10));
		second.close().block(Duration.ofSeconds(10));
	}

	@AfterAll
	static void stopKdc() {
		kdc.close();
	}

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.disposeNow(Duration.ofSeconds(5));
		}
	}

	private DisposableNegotiateServer echoServer(ChannelMode mode, ProtectionLevel required, List<SecurityInfo> seen) {
		AcceptorSettings acceptor = new AcceptorSettings(
				KerberosServiceCredentials.load(new ServiceCredential(serviceKeytab, "host/localhost")), null, required,
				false);
		ServerSettings settings = new ServerSettings(mode, Set.of("/echo"), acceptor, ChannelLimits.DEFAULTS);
		return NegotiateServer.create(settings, (channel) -> {
			seen.add(channel.securityInfo());
			return channel.send(channel.receive()
				.map((buf) -> io.netty.buffer.Unpooled.copiedBuffer("echo:" + buf.toString(StandardCharsets.UTF_8),
						StandardCharsets.UTF_8)));
		}).bindNow();
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@CsvSource({ "NET_TCP, SPNEGO, ENCRYPT_AND_SIGN", "NET_TCP, KERBEROS, ENCRYPT_AND_SIGN", "NET_TCP, SPNEGO, SIGN",
			"NET_TCP, KERBEROS, SIGN", "RAW, SPNEGO, ENCRYPT_AND_SIGN", "RAW, KERBEROS, ENCRYPT_AND_SIGN",
			"RAW, KERBEROS, SIGN" })
	void messagesRoundTripAfterMutualKerberosAuthentication(ChannelMode mode, AuthPackage authPackage,
			ProtectionLevel protection) {
		List<SecurityInfo> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.server = echoServer(mode, ProtectionLevel.SIGN, seen);
		String address = (mode == ChannelMode.NET_TCP) ? "net.tcp://localhost:" + this.server.port() + "/echo"
				: "tcp://localhost:" + this.server.port();
		NegotiateChannelFactory factory = new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Keytab("alice", clientKeytab))
					.withAuthPackage(authPackage)
					.withProtection(protection));
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
		assertThat(seen).hasSize(1);
		SecurityInfo info = seen.get(0);
		assertThat(info.peerName()).isEqualTo("alice@" + kdc.realm());
		assertThat(info.mechanism()).isEqualTo(Mechanism.KERBEROS);
		assertThat(info.authPackage()).isEqualTo(authPackage);
		assertThat(info.protectionLevel()).isEqualTo(protection);
		assertThat(info.mutuallyAuthenticated()).isTrue();
	}

}
