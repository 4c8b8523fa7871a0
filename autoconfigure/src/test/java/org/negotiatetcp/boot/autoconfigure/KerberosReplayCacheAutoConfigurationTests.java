package org.negotiatetcp.boot.autoconfigure;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import org.negotiatetcp.boot.context.NegotiateServerBootstrap;
import org.negotiatetcp.boot.context.NegotiateServerPortInfoApplicationContextInitializer;
import org.negotiatetcp.boot.test.TestRealm;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.mechanism.kerberos.replay.InMemoryReplayCache;
import org.negotiatetcp.mechanism.kerberos.replay.RedisReplayCache;
import org.negotiatetcp.mechanism.kerberos.replay.ReplayCache;
import org.negotiatetcp.mechanism.kerberos.replay.ReplayTag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiatetcp.boot.autoconfigure.StartupFailures.failure;

/**
 * {@code negotiate.tcp.server.kerberos.replay-cache.*}: the in-memory default, Redis through a URL (against a real
 * {@code redis-server} started here), an application's own {@link ReplayCache} bean, and the startup failures that
 * name the fix when Redis is chosen but not configured, not reachable or not on the class path.
 */
class KerberosReplayCacheAutoConfigurationTests {

	private static final NegotiateChannelHandler ECHO = (channel) -> channel
		.send(channel.receive().map(io.netty.buffer.ByteBuf::retain));

	private static final String[] SERVER = { "negotiate.tcp.server.address=127.0.0.1", "negotiate.tcp.server.port=0",
			"negotiate.tcp.server.credential=service" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NegotiateCredentialsAutoConfiguration.class,
				NegotiateClientAutoConfiguration.class, NegotiateSecurityAutoConfiguration.class,
				NegotiateServerAutoConfiguration.class))
		.withInitializer((context) -> new NegotiateServerPortInfoApplicationContextInitializer()
			.initialize((ConfigurableApplicationContext) context))
		.withPropertyValues(TestRealm.get().credentialProperties())
		.withPropertyValues(SERVER)
		.withBean(NegotiateChannelHandler.class, () -> ECHO);

	@Test
	void theDefaultIsAnInMemoryCacheOfFiveMinutesSkew() {
		this.runner.run((context) -> assertThat(context.getBean(ServerSettings.class).acceptor().kerberos().replayCache())
			.isInstanceOf(InMemoryReplayCache.class)
			.hasToString("InMemoryReplayCache[entries=0, max=100000, lifetime=PT10M]"));
	}

	@Test
	void anInMemoryCacheWithTheConfiguredBounds() {
		this.runner.withPropertyValues("negotiate.tcp.server.kerberos.replay-cache.type=in-memory",
				"negotiate.tcp.server.kerberos.replay-cache.clock-skew=2m",
				"negotiate.tcp.server.kerberos.replay-cache.max-entries=10")
			.run((context) -> {
				ReplayCache cache = context.getBean(ReplayCache.class);
				assertThat(cache).isInstanceOf(InMemoryReplayCache.class)
					.hasToString("InMemoryReplayCache[entries=0, max=10, lifetime=PT4M]");
				assertThat(context.getBean(ServerSettings.class).acceptor().kerberos().replayCache()).isSameAs(cache);
			});
	}

	@Test
	void anApplicationsReplayCacheBeanIsUsed() {
		ReplayCache own = new InMemoryReplayCache(Duration.ofMinutes(1), 5);
		this.runner.withBean(ReplayCache.class, () -> own)
			.run((context) -> assertThat(context.getBean(ServerSettings.class).acceptor().kerberos().replayCache())
				.isSameAs(own));
	}

	@Test
	void anApplicationsBeanAndTheTypePropertyContradictEachOther() {
		this.runner.withBean(ReplayCache.class, () -> new InMemoryReplayCache(Duration.ofMinutes(1), 5))
			.withPropertyValues("negotiate.tcp.server.kerberos.replay-cache.type=redis")
			.run((context) -> assertThat(failure(context))
				.hasMessageContaining("negotiate.tcp.server.kerberos.replay-cache.type")
				.hasMessageContaining("remove the property or the bean"));
	}

	@Test
	void twoReplayCacheBeansWithoutAPrimaryStopStartup() {
		this.runner.withBean("first", ReplayCache.class, () -> new InMemoryReplayCache(Duration.ofMinutes(1), 5))
			.withBean("second", ReplayCache.class, () -> new InMemoryReplayCache(Duration.ofMinutes(1), 5))
			.run((context) -> assertThat(failure(context)).hasMessageContaining("[first, second]")
				.hasMessageContaining("mark one @Primary"));
	}

	@Test
	void redisWithoutAUrlOrAClientBeanStopsStartup() {
		this.runner.withPropertyValues("negotiate.tcp.server.kerberos.replay-cache.type=redis")
			.run((context) -> assertThat(failure(context))
				.hasMessageContaining("set negotiate.tcp.server.kerberos.replay-cache.redis.url")
				.hasMessageContaining("RedisClient bean"));
	}

	@Test
	void redisThatCannotBeReachedStopsStartupWithoutShowingThePassword() throws Exception {
		int closedPort;
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = probe.getLocalPort();
		}
		this.runner
			.withPropertyValues("negotiate.tcp.server.kerberos.replay-cache.type=redis",
					"negotiate.tcp.server.kerberos.replay-cache.redis.url=redis://:s3cret@127.0.0.1:" + closedPort)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("cannot reach Redis")
				.hasMessageNotContaining("s3cret"));
	}

	@Test
	void redisWithoutLettuceStopsStartup() {
		this.runner.withClassLoader(new FilteredClassLoader(RedisClient.class))
			.withPropertyValues("negotiate.tcp.server.kerberos.replay-cache.type=redis")
			.run((context) -> assertThat(failure(context)).hasMessageContaining("io.lettuce:lettuce-core"));
	}

	@Test
	@Tag("interop")
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void redisThroughAUrlRecordsEveryKerberosHandshake() throws Exception {
		Path binary = java.util.stream.Stream.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")
			.map(Path::of)
			.filter(java.nio.file.Files::isExecutable)
			.findFirst()
			.orElse(null);
		Assumptions.assumeTrue(binary != null, "redis-server not found (install the Debian package redis-server)");
		int port;
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = probe.getLocalPort();
		}
		Process redis = new ProcessBuilder(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--daemonize", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			awaitListening(port);
			String url = "redis://127.0.0.1:" + port;
			this.runner
				.withPropertyValues("negotiate.tcp.server.kerberos.replay-cache.type=redis",
						"negotiate.tcp.server.kerberos.replay-cache.redis.url=" + url,
						"negotiate.tcp.server.kerberos.replay-cache.redis.key-prefix=orders:rcache:",
						"negotiate.tcp.client.credential=alice")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					ReplayCache cache = context.getBean(ServerSettings.class).acceptor().kerberos().replayCache();
					assertThat(cache).isInstanceOf(RedisReplayCache.class);
					int serverPort = context.getBean(NegotiateServerBootstrap.class).getServer().port();
					context.getBean(NegotiateChannelFactory.class)
						.open("net.tcp://localhost:" + serverPort + "/echo")
						.flatMap((channel) -> channel.close())
						.block(Duration.ofSeconds(30));
					RedisClient client = RedisClient.create(url);
					try (StatefulRedisConnection<String, String> connection = client.connect()) {
						List<String> keys = connection.sync().keys("orders:rcache:*");
						assertThat(keys).hasSize(1);
						assertThat(cache.contains(ReplayTag.of(new byte[] { 9 }))).isFalse();
					}
					finally {
						client.shutdown();
					}
				});
		}
		finally {
			redis.destroy();
			redis.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static void awaitListening(int port) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket()) {
				socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
				return;
			}
			catch (java.io.IOException ex) {
				Thread.sleep(50);
			}
		}
		throw new IllegalStateException("redis-server did not listen on port " + port);
	}

}
