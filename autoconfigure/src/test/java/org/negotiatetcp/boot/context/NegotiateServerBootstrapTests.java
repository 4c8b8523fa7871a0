package org.negotiatetcp.boot.context;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.boot.autoconfigure.NegotiateCredentialsAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateSecurityAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateServerAutoConfiguration;
import org.negotiatetcp.boot.test.FailureAnalyses;
import org.negotiatetcp.boot.test.TestRealm;
import org.negotiatetcp.boot.test.TestRunners;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.mechanism.ClientCredential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Lifecycle of the auto-configured server: the initialized event, and graceful shutdown that lets an in-flight message
 * finish while new connections are refused.
 */
class NegotiateServerBootstrapTests {

	private final CountDownLatch received = new CountDownLatch(1);

	/** Holds the in-flight reply until the test has checked that shutdown waits for it (no timing race). */
	private final Sinks.Empty<Void> release = Sinks.empty();

	private final NegotiateChannelHandler slowEcho = (channel) -> channel.send(channel.receive()
		.map((buf) -> buf.toString(StandardCharsets.UTF_8))
		.doOnNext((message) -> this.received.countDown())
		.concatMap((message) -> this.release.asMono().thenReturn("done:" + message))
		.map((reply) -> Unpooled.copiedBuffer(reply, StandardCharsets.UTF_8)));

	private final ApplicationContextRunner runner = TestRunners
		.server(NegotiateCredentialsAutoConfiguration.class, NegotiateSecurityAutoConfiguration.class,
				NegotiateServerAutoConfiguration.class)
		.withPropertyValues("negotiate.tcp.server.shutdown-grace-period=20s")
		.withBean(NegotiateChannelHandler.class, () -> this.slowEcho);

	private final NegotiateChannelFactory client = new NegotiateChannelFactory(
			ClientSettings.of(new ClientCredential.Keytab("alice", TestRealm.get().file("alice.keytab"))));

	@Test
	void initializedEventCarriesTheRunningServer() {
		AtomicReference<NegotiateServerInitializedEvent> event = new AtomicReference<>();
		this.runner.withInitializer((context) -> context.addApplicationListener((applicationEvent) -> {
				if (applicationEvent instanceof NegotiateServerInitializedEvent initialized) {
					event.set(initialized);
				}
			}))
			.run((context) -> {
				assertThat(event.get()).isNotNull();
				assertThat(event.get().getServer().port())
					.isEqualTo(context.getBean(NegotiateServerBootstrap.class).getServer().port());
			});
	}

	@Test
	void nonDaemonAwaitThreadKeepsTheJvmAliveExactlyWhileTheListenerIsBound() throws InterruptedException {
		AtomicReference<Thread> awaitThread = new AtomicReference<>();
		this.runner.run((context) -> {
			int port = context.getBean(NegotiateServerBootstrap.class).getServer().port();
			awaitThread.set(thread("negotiate-server-" + port));
			assertThat(awaitThread.get()).as("await thread negotiate-server-" + port).isNotNull();
			assertThat(awaitThread.get().isDaemon()).isFalse();
			assertThat(awaitThread.get().isAlive()).isTrue();
		});
		awaitThread.get().join(TimeUnit.SECONDS.toMillis(30));
		assertThat(awaitThread.get().isAlive()).as("await thread ended when the context stopped").isFalse();
	}

	@Test
	void awaitThreadEndsWhenStartupFailsAfterTheListenerIsBound() throws InterruptedException {
		AtomicReference<Thread> awaitThread = new AtomicReference<>();
		this.runner.withInitializer((context) -> context.addApplicationListener((applicationEvent) -> {
				if (applicationEvent instanceof NegotiateServerInitializedEvent initialized) {
					awaitThread.set(thread("negotiate-server-" + initialized.getServer().port()));
				}
			}))
			.withBean("failsAfterTheServer", SmartLifecycle.class, FailingLifecycle::new)
			.run((context) -> assertThat(context).hasFailed());
		assertThat(awaitThread.get()).as("the listener was bound before the failure").isNotNull();
		awaitThread.get().join(TimeUnit.SECONDS.toMillis(30));
		assertThat(awaitThread.get().isAlive()).as("await thread left after a failed startup").isFalse();
	}

	private static Thread thread(String name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(name))
			.findFirst()
			.orElse(null);
	}

	@Test
	void portInUseFailsStartupNamingTheProperties() throws Exception {
		try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
				java.net.InetAddress.getByName("127.0.0.1"))) {
			this.runner.withPropertyValues("negotiate.tcp.server.port=" + taken.getLocalPort())
				.run((context) -> {
					assertThat(context).getFailure()
						.hasMessageContaining("negotiateServerBootstrap")
						.cause()
						.isInstanceOf(NegotiateServerPortInUseException.class)
						.hasMessageContaining("Negotiate TCP server could not start listening")
						.hasMessageContaining("negotiate.tcp.server.port");
					FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
					assertThat(analysis.getDescription())
						.isEqualTo("Negotiate TCP server failed to start. Port " + taken.getLocalPort()
								+ " was already in use.");
					assertThat(analysis.getAction()).contains("port " + taken.getLocalPort(),
							"negotiate.tcp.server.port");
				});
		}
	}

	/**
	 * A bean that fails to start in a phase after the server's, like a later startup failure in an application.
	 */
	static class FailingLifecycle implements SmartLifecycle {

		@Override
		public void start() {
			throw new IllegalStateException("later startup failure");
		}

		@Override
		public void stop() {
		}

		@Override
		public boolean isRunning() {
			return false;
		}

	}

	@Test
	void gracefulShutdownLetsTheInFlightMessageFinishAndRefusesNewConnections() {
		this.runner.run((context) -> {
			int port = context.getEnvironment().getRequiredProperty("local.negotiate.tcp.server.port", Integer.class);
			String address = "net.tcp://localhost:" + port + "/echo";
			NegotiateChannel channel = this.client.open(address).block(Duration.ofSeconds(30));
			CompletableFuture<String> reply = channel.receive()
				.next()
				.map((buf) -> buf.toString(StandardCharsets.UTF_8))
				.toFuture();
			channel.sendBytes("in-flight".getBytes(StandardCharsets.UTF_8)).block(Duration.ofSeconds(10));
			assertThat(this.received.await(10, TimeUnit.SECONDS)).as("server received the message").isTrue();

			long start = System.nanoTime();
			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
			NegotiateServerBootstrap bootstrap = context.getBean(NegotiateServerBootstrap.class);
			while (bootstrap.isRunning() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
				Thread.sleep(10);
			}
			assertThat(bootstrap.isRunning()).as("shutdown started").isFalse();
			NegotiateException refused = catchThrowableOfType(NegotiateException.class,
					() -> this.client.open(address).block(Duration.ofSeconds(10)));
			assertThat(refused).as("a new connection during shutdown is refused").isNotNull();
			assertThat(refused.reason()).isEqualTo(FailureReason.CONNECTION);

			assertThat(closing).as("shutdown waits for the in-flight message").isNotDone();
			assertThat(reply).as("the in-flight message is still being handled").isNotDone();
			this.release.tryEmitEmpty();
			assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("done:in-flight");
			closing.get(20, TimeUnit.SECONDS);
			channel.close().block(Duration.ofSeconds(10));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
		});
	}

}
