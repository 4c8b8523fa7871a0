package org.negotiatetcp.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.DisposableNegotiateServer;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server stopped gracefully ({@code disposeNow}, as Boot's graceful shutdown does) while several clients keep
 * sending request after request: every message is either delivered whole (the handler saw it intact and its reply
 * arrived) or its sender learns that it failed (an error, or the session ending without the reply), never
 * half-written, never left hanging. WCF's {@code ServiceHost.Close} behaves alike: calls in progress finish, later
 * ones fail with a {@code CommunicationException}.
 */
class GracefulShutdownTests {

	private static final int CLIENTS = 8;

	private static final int DELIVERED_BEFORE_SHUTDOWN = 80;

	@AutoClose
	private static EmbeddedRealm realm;

	@AutoClose
	private final TestServer server = new TestServer();

	private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);

	/** What the handler saw, by message key {@code client:sequence}. */
	private final Set<String> seen = ConcurrentHashMap.newKeySet();

	private final AtomicInteger corrupt = new AtomicInteger();

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	@AfterEach
	void stopClients() {
		this.clients.shutdownNow();
	}

	private DisposableNegotiateServer startServer() {
		return this.server.start(NegotiateServer.create(
				TestServer.echoSettings(ChannelMode.NET_TCP, realm.acceptor(ProtectionLevel.ENCRYPT_AND_SIGN)),
				(channel) -> channel.send(channel.receive().map((buf) -> {
					byte[] bytes = new byte[buf.readableBytes()];
					buf.getBytes(buf.readerIndex(), bytes);
					String key = CheckedMessages.keyOf(bytes);
					if (key == null) {
						this.corrupt.incrementAndGet();
					}
					else {
						this.seen.add(key);
					}
					return bytes;
				}).delayElements(Duration.ofMillis(5)).map(Unpooled::wrappedBuffer))));
	}

	/** One client's account of its messages. */
	record Account(List<String> delivered, List<String> failed, List<String> failures) {
	}

	@Test
	void everyMessageInFlightIsDeliveredWholeOrReportedFailedToItsSender() throws Exception {
		DisposableNegotiateServer running = startServer();
		String address = TestServer.address(ChannelMode.NET_TCP, running.port());
		NegotiateChannelFactory factory = new NegotiateChannelFactory(ClientSettings.of(realm.alice()));
		AtomicInteger delivered = new AtomicInteger();
		CountDownLatch enoughDelivered = new CountDownLatch(DELIVERED_BEFORE_SHUTDOWN);
		CountDownLatch allOpen = new CountDownLatch(CLIENTS);
		List<Future<Account>> accounts = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			String client = "c" + c;
			accounts.add(this.clients.submit(() -> {
				Account account = new Account(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
				NegotiateChannel channel = factory.open(address).block(Duration.ofSeconds(60));
				allOpen.countDown();
				for (int seq = 0; seq < 100_000; seq++) {
					String key = client + ":" + seq;
					try {
						byte[] reply = channel.sendBytes(CheckedMessages.message(key))
							.then(channel.receiveBytes().next())
							.block(Duration.ofSeconds(60));
						if (reply == null) {
							account.failed().add(key);
							account.failures().add("the session ended without the reply");
							return account;
						}
						assertThat(CheckedMessages.keyOf(reply)).as("the reply to " + key).isEqualTo(key);
						account.delivered().add(key);
						delivered.incrementAndGet();
						enoughDelivered.countDown();
					}
					catch (RuntimeException ex) {
						account.failed().add(key);
						account.failures().add(String.valueOf(ex));
						return account;
					}
				}
				return account;
			}));
		}
		assertThat(allOpen.await(60, TimeUnit.SECONDS)).isTrue();
		assertThat(enoughDelivered.await(60, TimeUnit.SECONDS)).isTrue();
		running.disposeNow(Duration.ofSeconds(30));
		int deliveredTotal = 0;
		int failedTotal = 0;
		Map<String, Integer> failureKinds = new ConcurrentHashMap<>();
		for (Future<Account> future : accounts) {
			Account account = future.get(60, TimeUnit.SECONDS);
			deliveredTotal += account.delivered().size();
			failedTotal += account.failed().size();
			account.failures().forEach((f) -> failureKinds.merge(f, 1, Integer::sum));
			// delivered whole: the handler saw each intact and its reply came back
			assertThat(this.seen).containsAll(account.delivered());
			assertThat(account.failed()).as("each client stops at its first failure: the shutdown").hasSize(1);
		}
		System.out.printf("graceful shutdown: %d delivered, %d failed (%s), %d of the failed seen by the handler%n",
				deliveredTotal, failedTotal, failureKinds, accounts.stream().mapToLong((f) -> {
					try {
						return f.get().failed().stream().filter(this.seen::contains).count();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}).sum());
		assertThat(this.corrupt).as("no message reached the handler cut or changed").hasValue(0);
		assertThat(deliveredTotal).isGreaterThanOrEqualTo(DELIVERED_BEFORE_SHUTDOWN);
		assertThat(failedTotal).isEqualTo(CLIENTS);
		assertThat(this.seen).hasSizeGreaterThanOrEqualTo(deliveredTotal);
		assertThatThrownBy(() -> factory.open(address).block(Duration.ofSeconds(60)))
			.as("the stopped server takes no new connection").isInstanceOf(RuntimeException.class);
	}

}
