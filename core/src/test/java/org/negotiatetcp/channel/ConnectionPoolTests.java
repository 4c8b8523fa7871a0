package org.negotiatetcp.channel;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.metrics.MicrometerNegotiateMetricsRecorder;
import org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.negotiatetcp.ChannelMode;

/**
 * Client connection pooling over real sockets with the embedded KDC: after End/End a {@code net.tcp} connection
 * carries the next session (new preamble, new handshake), and the server sees one TCP connection (one client port)
 * for both; stale, idle, failed and raw connections are not reused.
 */
class ConnectionPoolTests {

	@AutoClose
	private static EmbeddedRealm realm;

	@AutoClose
	private final TestServer server = new TestServer();

	/** The client address of every session the server accepted, in order. */
	private final List<SocketAddress> clients = new CopyOnWriteArrayList<>();

	private final List<SecurityInfo> sessions = new CopyOnWriteArrayList<>();

	/** Connections the server accepted. */
	private final AtomicInteger accepted = new AtomicInteger();

	/** When set, the server closes the next connection that sends it bytes, without answering. */
	private final AtomicBoolean closeNextReader = new AtomicBoolean();

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	private String start(ChannelMode mode, ChannelLimits limits) {
		InMemoryNtlmAccountStore accounts = new InMemoryNtlmAccountStore().add("EXAMPLE", "bob",
				"bob-pw1".toCharArray());
		AcceptorSettings acceptor = new AcceptorSettings(
				KerberosServiceCredentials.load(new ServiceCredential(realm.serviceKeytab(), "host/localhost")),
				accounts, ProtectionLevel.SIGN, false);
		ServerSettings settings = new ServerSettings(mode, Set.of("/echo"), acceptor, limits);
		this.server.start(NegotiateServer.create(settings, (channel) -> {
			this.clients.add(channel.remoteAddress());
			this.sessions.add(channel.securityInfo());
			return channel.send(channel.receive().map((message) -> {
				// "big" asks for a reply larger than a small client's max-message-size
				boolean big = message.toString(StandardCharsets.UTF_8).equals("big");
				return big ? Unpooled.wrappedBuffer(new byte[4096]) : message.retain();
			}));
		}).customize((tcp) -> tcp.doOnChannelInit((observer, channel, address) -> {
			this.accepted.incrementAndGet();
			channel.pipeline().addFirst(new ChannelInboundHandlerAdapter() {

				@Override
				public void channelRead(ChannelHandlerContext ctx, Object msg) {
					if (ConnectionPoolTests.this.closeNextReader.compareAndSet(true, false)) {
						ReferenceCountUtil.release(msg);
						ctx.close();
						return;
					}
					ctx.fireChannelRead(msg);
				}

			});
		})));
		return this.server.address(mode);
	}

	private String start(ChannelMode mode) {
		return start(mode, ChannelLimits.DEFAULTS);
	}

	private static NegotiateChannelFactory alice() {
		return new NegotiateChannelFactory(ClientSettings.of(realm.alice()));
	}

	private static NegotiateChannelFactory bob() {
		return new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Password("EXAMPLE\\bob", "bob-pw1".toCharArray()))
					.withAuthPackage(AuthPackage.NTLM)
					.withRequireServerAuth(false));
	}

	private static NegotiateChannelFactory pooled(NegotiateChannelFactory factory) {
		return factory.withConnectionPool(ConnectionPoolSettings.DEFAULTS);
	}

	private static void await(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as(what).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	@Test
	void kerberosSessionsOneAfterTheOtherShareOneConnection() {
		String address = start(ChannelMode.NET_TCP);
		try (NegotiateChannelFactory factory = pooled(alice())) {
			assertThat(TestServer.roundTrip(factory, address)).isEqualTo("ping");
			assertThat(factory.idleConnections()).isEqualTo(1);
			assertThat(TestServer.roundTrip(factory, address)).isEqualTo("ping");
			// the settings snapshot rule: a derived factory shares the pool and negotiates with its own settings
			NegotiateChannelFactory signOnly = factory
				.withSettings(factory.settings().withProtectionLevel(ProtectionLevel.SIGN));
			assertThat(TestServer.roundTrip(signOnly, address)).isEqualTo("ping");
			assertThat(factory.idleConnections()).isEqualTo(1);
		}
		assertThat(this.accepted).hasValue(1);
		assertThat(this.clients).hasSize(3).containsOnly(this.clients.get(0));
		assertThat(this.sessions).extracting(SecurityInfo::peerName).allMatch((name) -> name.startsWith("alice@"));
		assertThat(this.sessions).extracting(SecurityInfo::mechanism).containsOnly(Mechanism.KERBEROS);
		assertThat(this.sessions).extracting(SecurityInfo::protectionLevel)
			.containsExactly(ProtectionLevel.ENCRYPT_AND_SIGN, ProtectionLevel.ENCRYPT_AND_SIGN, ProtectionLevel.SIGN);
	}

	@Test
	void ntlmSessionsOneAfterTheOtherShareOneConnection() {
		String address = start(ChannelMode.NET_TCP);
		try (NegotiateChannelFactory factory = pooled(bob())) {
			for (int i = 0; i < 3; i++) {
				assertThat(TestServer.roundTrip(factory, address)).isEqualTo("ping");
			}
		}
		assertThat(this.accepted).hasValue(1);
		assertThat(this.clients).hasSize(3).containsOnly(this.clients.get(0));
		assertThat(this.sessions).extracting(SecurityInfo::peerName).containsOnly("EXAMPLE\\bob");
		assertThat(this.sessions).extracting(SecurityInfo::mechanism).containsOnly(Mechanism.NTLM);
	}

	@Test
	void idleHandlerStandsInForTheProtocolHandlersWhileAConnectionIsPooled() throws Exception {
		String address = start(ChannelMode.NET_TCP);
		AtomicReference<Channel> connection = new AtomicReference<>();
		NegotiateChannelFactory recording = bob()
			.customize((tcp) -> tcp.doOnChannelInit((observer, channel, remote) -> connection.set(channel)));
		try (NegotiateChannelFactory factory = pooled(recording)) {
			NegotiateChannel channel = factory.open(address).block(Duration.ofSeconds(20));
			assertThat(channel).isNotNull();
			ChannelPipeline pipeline = connection.get().pipeline();
			assertThat(pipeline.get(NegotiateStreamHandler.class)).isNotNull();
			assertThat(pipeline.get(ClientSessionHandler.class)).isNotNull();
			assertThat(pipeline.get(IdleConnectionHandler.class)).isNull();
			channel.close().block(Duration.ofSeconds(10));
			assertThat(factory.idleConnections()).isEqualTo(1);
			// while idle, only the idle handler is there (handlers are swapped on the connection's event loop)
			assertThat(connection.get().eventLoop().submit(() -> pipeline.get(IdleConnectionHandler.class) != null
					&& pipeline.get(NegotiateStreamHandler.class) == null
					&& pipeline.get(NmfClientHandler.class) == null && pipeline.get(ClientSessionHandler.class) == null)
				.get(5, TimeUnit.SECONDS)).isTrue();
			assertThat(TestServer.roundTrip(factory, address)).isEqualTo("ping");
			// the reused connection carried fresh protocol handlers and is idle again
			assertThat(connection.get().eventLoop().submit(() -> pipeline.get(IdleConnectionHandler.class) != null
					&& pipeline.get(NegotiateStreamHandler.class) == null).get(5, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(this.accepted).hasValue(1);
	}

	@Test
	void withoutPoolingEveryChannelHasItsOwnConnection() throws InterruptedException {
		String address = start(ChannelMode.NET_TCP);
		try (NegotiateChannelFactory factory = alice()) {
			assertThat(factory.connectionPool()).isNull();
			assertThat(TestServer.roundTrip(factory, address)).isEqualTo("ping");
			assertThat(TestServer.roundTrip(factory, address)).isEqualTo("ping");
			assertThat(factory.idleConnections()).isZero();
		}
		assertThat(this.accepted).hasValue(2);
		assertThat(this.clients).hasSize(2).doesNotHaveDuplicates();
		// the client closed both connections: nothing is left idle on the server
		await(() -> this.server.get().pendingHandshakes() == 0, "server connections closed");
	}

	@Test
	void rawChannelsAlwaysCloseTheirConnection() {
		String address = start(ChannelMode.RAW);
		try (NegotiateChannelFactory factory = pooled(alice())) {
			assertThat(TestServer.roundTrip(factory, address)).isEqualTo("ping");
			assertThat(TestServer.roundTrip(factory, address)).isEqualTo("ping");
			assertThat(factory.idleConnections()).isZero();
		}
		assertThat(this.accepted).hasValue(2);
		assertThat(this.clients).hasSize(2).doesNotHaveDuplicates();
	}

	@Test
	void pooledConnectionClosedByTheServerOnReuseIsRetriedOnANewConnection() {
		String address = start(ChannelMode.NET_TCP);
		MeterRegistry meters = new SimpleMeterRegistry();
		try (NegotiateChannelFactory factory = pooled(
				alice().metricsRecorder(new MicrometerNegotiateMetricsRecorder(meters)))) {
			assertThat(TestServer.roundTrip(factory, address)).isEqualTo("ping");
			assertThat(factory.idleConnections()).isEqualTo(1);
			// the server drops the pooled connection as soon as the new preamble arrives, without answering
			this.closeNextReader.set(true);
			assertThat(TestServer.roundTrip(factory, address)).isEqualTo("ping");
			assertThat(this.closeNextReader).isFalse();
			assertThat(factory.idleConnections()).isEqualTo(1);
		}
		// the retry is transparent: no handshake failure is recorded
		assertThat(meters.find(MicrometerNegotiateMetricsRecorder.HANDSHAKE_FAILURES).counters())
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
		assertThat(meters.find(MicrometerNegotiateMetricsRecorder.BYTES_SENT).counter()).isNotNull();
		assertThat(this.accepted).hasValue(2);
		assertThat(this.clients).hasSize(2).doesNotHaveDuplicates();
	}

	@Test
	void idleConnectionClosedByTheServerLeavesThePool() throws InterruptedException {
		// our server closes a connection that starts no new session within its initialization timeout
		String address = start(ChannelMode.NET_TCP,
				ChannelLimits.DEFAULTS.withInitializationTimeout(Duration.ofMillis(300)));
		try (NegotiateChannelFactory factory = pooled(bob())) {
			assertThat(TestServer.roundTrip(factory, address)).isEqualTo("ping");
			assertThat(factory.idleConnections()).isEqualTo(1);
			await(() -> factory.idleConnections() == 0, "the closed connection left the pool");
			assertThat(TestServer.roundTrip(factory, address)).isEqualTo("ping");
		}
		assertThat(this.accepted).hasValue(2);
		assertThat(this.clients).hasSize(2).doesNotHaveDuplicates();
	}

	@Test
	void idleTimeoutClosesThePooledConnection() throws InterruptedException {
		String address = start(ChannelMode.NET_TCP);
		try (NegotiateChannelFactory factory = bob()
			.withConnectionPool(ConnectionPoolSettings.DEFAULTS.withIdleTimeout(Duration.ofMillis(200)))) {
			assertThat(TestServer.roundTrip(factory, address)).isEqualTo("ping");
			assertThat(factory.idleConnections()).isEqualTo(1);
			await(() -> factory.idleConnections() == 0, "idle timeout");
			// the client closed it: the server no longer waits on it for a new preamble
			await(() -> this.server.get().pendingHandshakes() == 0, "server side closed");
			assertThat(TestServer.roundTrip(factory, address)).isEqualTo("ping");
		}
		assertThat(this.clients).hasSize(2).doesNotHaveDuplicates();
	}

	@Test
	void failedSessionIsNotPooled() throws InterruptedException {
		String address = start(ChannelMode.NET_TCP);
		try (NegotiateChannelFactory factory = pooled(alice())) {
			NegotiateChannelFactory small = factory
				.withSettings(factory.settings().withLimits(ChannelLimits.DEFAULTS.withMaxMessageSize(1024)));
			NegotiateChannel channel = small.open(address).block(Duration.ofSeconds(30));
			assertThat(channel).isNotNull();
			assertThatThrownBy(() -> channel.sendBytes("big".getBytes(StandardCharsets.UTF_8))
				.then(channel.receive().next())
				.block(Duration.ofSeconds(10))).isInstanceOf(NegotiateException.class);
			channel.onClose().onErrorComplete().block(Duration.ofSeconds(10));
			assertThat(factory.idleConnections()).isZero();
			assertThat(TestServer.roundTrip(factory, address)).isEqualTo("ping");
		}
		assertThat(this.accepted).hasValue(2);
		assertThat(this.clients).hasSize(2).doesNotHaveDuplicates();
	}

	@Test
	void fullPoolClosesTheReturnedConnection() {
		String address = start(ChannelMode.NET_TCP);
		try (NegotiateChannelFactory factory = alice()
			.withConnectionPool(ConnectionPoolSettings.DEFAULTS.withMaxIdlePerEndpoint(1))) {
			NegotiateChannel first = factory.open(address).block(Duration.ofSeconds(30));
			NegotiateChannel second = factory.open(address).block(Duration.ofSeconds(30));
			assertThat(first).isNotNull();
			assertThat(second).isNotNull();
			first.close().block(Duration.ofSeconds(10));
			second.close().block(Duration.ofSeconds(10));
			assertThat(factory.idleConnections()).isEqualTo(1);
		}
		assertThat(this.accepted).hasValue(2);
	}

	@Test
	void disposeClosesIdleConnectionsAndStopsPooling() throws InterruptedException {
		String address = start(ChannelMode.NET_TCP);
		NegotiateChannelFactory factory = pooled(alice());
		assertThat(TestServer.roundTrip(factory, address)).isEqualTo("ping");
		assertThat(factory.idleConnections()).isEqualTo(1);
		factory.dispose();
		assertThat(factory.isDisposed()).isTrue();
		assertThat(factory.idleConnections()).isZero();
		await(() -> this.server.get().pendingHandshakes() == 0, "server side closed");
		assertThat(TestServer.roundTrip(factory, address)).isEqualTo("ping");
		assertThat(factory.idleConnections()).isZero();
		assertThat(this.clients).hasSize(2).doesNotHaveDuplicates();
	}

}
