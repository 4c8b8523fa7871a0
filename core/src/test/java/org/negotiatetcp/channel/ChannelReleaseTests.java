package org.negotiatetcp.channel;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Channels opened and closed many times leave nothing behind: the server's registries of sessions and
 * authenticating connections are empty, the pool holds nothing once disposed, and every Netty channel and
 * {@link NegotiateChannel} of either side can be collected (a registry that kept a closed connection fails it).
 */
class ChannelReleaseTests {

	private static final int CHANNELS = 200;

	@AutoClose
	private static EmbeddedRealm realm;

	@AutoClose
	private final TestServer server = new TestServer();

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	@ParameterizedTest
	@EnumSource(ChannelMode.class)
	void closedChannelsAreReleasedOnBothSides(ChannelMode mode) throws InterruptedException {
		List<WeakReference<Object>> released = new CopyOnWriteArrayList<>();
		DisposableNegotiateServer running = this.server.start(this.server
			.echoServer(TestServer.echoSettings(mode, realm.acceptor(ProtectionLevel.ENCRYPT_AND_SIGN)),
					(message) -> message.retain())
			.customize((tcp) -> tcp.doOnConnection((connection) -> released.add(weak(connection.channel())))));
		NegotiateChannelFactory factory = new NegotiateChannelFactory(ClientSettings.of(realm.alice()))
			.customize((tcp) -> tcp.doOnConnected((connection) -> released.add(weak(connection.channel()))));
		for (int i = 0; i < CHANNELS; i++) {
			NegotiateChannel channel = factory.open(this.server.address(mode)).block(Duration.ofSeconds(30));
			assertThat(channel).isNotNull();
			released.add(weak(channel));
			channel.sendBytes(new byte[] { 1, 2, 3 })
				.then(channel.receive().next())
				.then(channel.close())
				.block(Duration.ofSeconds(30));
		}
		assertThat(released).hasSize(3 * CHANNELS);
		awaitReleased(released, running);
		assertThat(running.activeSessions()).isZero();
		assertThat(running.pendingHandshakes()).isZero();
		assertThat(this.server.seen()).hasSize(CHANNELS);
	}

	@ParameterizedTest
	@EnumSource(value = ChannelMode.class, names = "NET_TCP")
	void pooledConnectionsAreReleasedOnceThePoolIsDisposed(ChannelMode mode) throws InterruptedException {
		List<WeakReference<Object>> released = new CopyOnWriteArrayList<>();
		DisposableNegotiateServer running = this.server
			.echo(TestServer.echoSettings(mode, realm.acceptor(ProtectionLevel.ENCRYPT_AND_SIGN)));
		NegotiateChannelFactory factory = new NegotiateChannelFactory(ClientSettings.of(realm.alice()))
			.withConnectionPool(ConnectionPoolSettings.DEFAULTS)
			.customize((tcp) -> tcp.doOnConnected((connection) -> released.add(weak(connection.channel()))));
		for (int i = 0; i < CHANNELS / 3; i++) {
			NegotiateChannel channel = factory.open(this.server.address(mode)).block(Duration.ofSeconds(30));
			assertThat(channel).isNotNull();
			released.add(weak(channel));
			channel.sendBytes(new byte[] { 1 })
				.then(channel.receive().next())
				.then(channel.close())
				.block(Duration.ofSeconds(30));
		}
		assertThat(factory.idleConnections()).as("one connection, reused").isEqualTo(1);
		factory.dispose();
		assertThat(factory.idleConnections()).isZero();
		awaitReleased(released, running);
		assertThat(running.activeSessions()).isZero();
	}

	private static WeakReference<Object> weak(Object referent) {
		return new WeakReference<>(referent);
	}

	/**
	 * Wait, collecting garbage, until every referent was collected and the server has no session left (a generous
	 * timeout: the check is about what stays reachable, not about how fast it goes).
	 */
	private static void awaitReleased(List<WeakReference<Object>> released, DisposableNegotiateServer running)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			System.gc();
			released.removeIf((reference) -> reference.get() == null);
			if (released.isEmpty() && running.activeSessions() == 0 && running.pendingHandshakes() == 0) {
				return;
			}
			Thread.sleep(100);
		}
		assertThat(released.size()).as("channels and connections still reachable after they closed").isZero();
		assertThat(running.activeSessions()).as("sessions the server still counts").isZero();
	}

}
