package org.negotiatetcp.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.DisposableNegotiateServer;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.FaultProxy;
import org.negotiatetcp.testsupport.FaultProxy.Direction;
import org.negotiatetcp.testsupport.FaultProxy.Fault;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load run: many clients send many messages (loopback only, bounded) to an echo server through a
 * {@link FaultProxy} that injects faults at random into the connections: resets, stalls and tampered bytes, in either
 * direction, at any offset (the preamble, the handshake or the protected data frames). Every message is accounted
 * for: delivered (its reply came back whole and the handler saw it intact) or failed to its sender with an error;
 * nothing is lost silently, no tampered byte reaches the handler, no buffer leaks at PARANOID, and the heap is
 * measured before and after (reported, not asserted).
 * <p>
 * {@code ./mvnw verify} runs a short version (4 clients x 25 messages); the {@code load} profile runs the full size
 * ({@code ./mvnw -pl core -am -Pload test -Dtest=LoadRunTests -Dsurefire.failIfNoSpecifiedTests=false}). Sizes and
 * seed: {@code -Dnegotiate.load.clients}, {@code -Dnegotiate.load.messages}, {@code -Dnegotiate.load.seed}. Each run
 * writes {@code core/target/load-report.md}.
 */
class LoadRunTests {

	private static final int CLIENTS = Integer.getInteger("negotiate.load.clients", 4);

	private static final int MESSAGES = Integer.getInteger("negotiate.load.messages", 25);

	private static final long SEED = Long.getLong("negotiate.load.seed", 20261208L);

	/** Faults land within this many bytes of a connection's start, so that most faulty connections meet theirs. */
	private static final int FAULT_WINDOW = 24 * 1024;

	/** A client ends its session after this many messages and opens a new one. */
	private static final int SESSION_LENGTH = 50;

	private static final Duration MESSAGE_TIMEOUT = Duration.ofSeconds(30);

	@AutoClose
	private static EmbeddedRealm realm;

	@AutoClose
	private final TestServer server = new TestServer();

	private FaultProxy proxy;

	private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);

	private final Set<String> seen = ConcurrentHashMap.newKeySet();

	private final AtomicInteger corrupt = new AtomicInteger();

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	@AfterEach
	void stop() {
		this.clients.shutdownNow();
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	private DisposableNegotiateServer startServer() {
		ChannelLimits limits = ChannelLimits.DEFAULTS.withInitializationTimeout(Duration.ofSeconds(10))
			.withReceiveTimeout(Duration.ofSeconds(10))
			.withMaxPendingHandshakes(4 * CLIENTS + 16)
			.withMaxPendingHandshakesPerAddress(4 * CLIENTS + 16);
		return this.server.start(NegotiateServer.create(
				new ServerSettings(ChannelMode.NET_TCP, Set.of("/echo"), realm.acceptor(ProtectionLevel.ENCRYPT_AND_SIGN),
						limits),
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
					return Unpooled.wrappedBuffer(bytes);
				}))));
	}

	/**
	 * The faults: a fixed cycle of kinds (so every run injects each), random direction, offset and stall.
	 */
	private static Supplier<Fault> faults(Random random) {
		Fault.Kind[] cycle = { Fault.Kind.RESET, Fault.Kind.NONE, Fault.Kind.TAMPER, Fault.Kind.STALL, Fault.Kind.NONE,
				Fault.Kind.RESET, Fault.Kind.TAMPER };
		AtomicInteger next = new AtomicInteger();
		return () -> {
			synchronized (random) {
				Fault.Kind kind = cycle[Math.floorMod(next.getAndIncrement(), cycle.length)];
				Direction direction = random.nextBoolean() ? Direction.TO_TARGET : Direction.TO_CLIENT;
				return new Fault(kind, direction, random.nextInt(FAULT_WINDOW),
						Duration.ofMillis(200 + random.nextInt(1800)));
			}
		};
	}

	/** How one message ended. */
	enum Outcome {

		DELIVERED, FAILED

	}

	@Test
	void everyMessageIsDeliveredOrFailsToItsSenderUnderRandomFaults() throws Exception {
		DisposableNegotiateServer running = startServer();
		this.proxy = FaultProxy.start(running.port()).faults(faults(new Random(SEED)));
		String address = TestServer.address(ChannelMode.NET_TCP, this.proxy.port());
		NegotiateChannelFactory factory = new NegotiateChannelFactory(ClientSettings.of(realm.alice())
			.withLimits(ChannelLimits.DEFAULTS.withInitializationTimeout(Duration.ofSeconds(10))));
		// warm up (login, service ticket) outside the measurement
		assertThat(TestServer.roundTrip(factory, TestServer.address(ChannelMode.NET_TCP, running.port())))
			.isEqualTo("ping");
		// the warm-up's "ping" is not a load message
		this.corrupt.set(0);
		long heapBefore = usedHeapAfterGc();
		Map<String, Outcome> ledger = new ConcurrentHashMap<>();
		Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
		AtomicInteger opens = new AtomicInteger();
		AtomicInteger failedOpens = new AtomicInteger();
		AtomicLong wrongReplies = new AtomicLong();
		Instant start = Instant.now();
		List<Future<?>> done = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			String client = "c" + c;
			done.add(this.clients.submit(() -> {
				NegotiateChannel channel = null;
				for (int seq = 0; seq < MESSAGES; seq++) {
					String key = client + ":" + seq;
					try {
						if (channel == null || !channel.isOpen()) {
							opens.incrementAndGet();
							try {
								channel = factory.open(address).timeout(MESSAGE_TIMEOUT).block();
							}
							catch (RuntimeException ex) {
								failedOpens.incrementAndGet();
								throw ex;
							}
						}
						NegotiateChannel current = channel;
						byte[] reply = current.sendBytes(CheckedMessages.message(key))
							.then(current.receiveBytes().next())
							.timeout(MESSAGE_TIMEOUT)
							.block();
						if (reply == null) {
							throw new NegotiateException(FailureReason.CONNECTION,
									"the session ended before the reply");
						}
						if (!key.equals(CheckedMessages.keyOf(reply))) {
							wrongReplies.incrementAndGet();
							throw new IllegalStateException("wrong reply to " + key);
						}
						ledger.put(key, Outcome.DELIVERED);
						if ((seq + 1) % SESSION_LENGTH == 0) {
							// churn: end the session (End/End) and open a new one for the next messages
							current.close().onErrorResume((e) -> Mono.empty())
								.block(Duration.ofSeconds(30));
							channel = null;
						}
					}
					catch (RuntimeException ex) {
						ledger.put(key, Outcome.FAILED);
						failures.computeIfAbsent(kind(ex), (k) -> new AtomicInteger()).incrementAndGet();
						if (channel != null) {
							channel.close().onErrorResume((e) -> Mono.empty())
								.block(Duration.ofSeconds(30));
						}
						channel = null;
					}
				}
				if (channel != null) {
					channel.close().onErrorResume((e) -> Mono.empty())
						.block(Duration.ofSeconds(30));
				}
				return null;
			}));
		}
		for (Future<?> client : done) {
			client.get(30, TimeUnit.MINUTES);
		}
		Duration took = Duration.between(start, Instant.now());
		long delivered = ledger.values().stream().filter((o) -> o == Outcome.DELIVERED).count();
		long failed = ledger.values().stream().filter((o) -> o == Outcome.FAILED).count();
		long deliveredUnseen = ledger.entrySet()
			.stream()
			.filter((e) -> e.getValue() == Outcome.DELIVERED && !this.seen.contains(e.getKey()))
			.count();
		long failedButSeen = ledger.entrySet()
			.stream()
			.filter((e) -> e.getValue() == Outcome.FAILED && this.seen.contains(e.getKey()))
			.count();
		running.disposeNow(Duration.ofSeconds(30));
		this.proxy.close();
		long heapAfter = usedHeapAfterGc();
		String report = report(took, delivered, failed, failedButSeen, opens.get(), failedOpens.get(), failures,
				heapBefore, heapAfter);
		Path file = Path.of("target", "load-report.md");
		Files.createDirectories(file.getParent());
		Files.writeString(file, report);
		System.out.println(report);
		assertThat(ledger).as("every message accounted for").hasSize(CLIENTS * MESSAGES);
		assertThat(delivered + failed).isEqualTo((long) CLIENTS * MESSAGES);
		assertThat(deliveredUnseen).as("a delivered message was seen by the handler").isZero();
		assertThat(wrongReplies).as("no reply was another message's or cut").hasValue(0);
		assertThat(this.corrupt).as("no tampered or cut message reached the handler").hasValue(0);
		assertThat(delivered).as("most messages get through").isGreaterThan(0);
		assertThat(this.proxy.injected(Fault.Kind.RESET) + this.proxy.injected(Fault.Kind.TAMPER)
				+ this.proxy.injected(Fault.Kind.STALL)).as("faults were injected").isPositive();
		assertThat(running.activeSessions()).isZero();
	}

	private static String kind(Throwable ex) {
		if (ex instanceof NegotiateException negotiate) {
			return "NegotiateException " + negotiate.reason();
		}
		if (ex.getCause() instanceof java.util.concurrent.TimeoutException) {
			return "timeout";
		}
		return ex.getClass().getSimpleName();
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

	private String report(Duration took, long delivered, long failed, long failedButSeen, int opens, int failedOpens,
			Map<String, AtomicInteger> failures, long heapBefore, long heapAfter) {
		StringBuilder out = new StringBuilder();
		out.append("# Load run with injected faults\n\n");
		out.append("`LoadRunTests` (core), ").append(CLIENTS).append(" clients x ").append(MESSAGES)
			.append(" messages (a new session every ").append(SESSION_LENGTH).append(" and after each failure) of ").append(CheckedMessages.SIZE)
			.append(" bytes, net.tcp, Kerberos, encrypt-and-sign, loopback, through a fault-injecting proxy; seed ")
			.append(SEED).append(", JDK ").append(Runtime.version()).append(", ")
			.append(Runtime.getRuntime().availableProcessors()).append(" CPUs.\n\n");
		out.append("Reproduce: `./mvnw -pl core -am -Pload test -Dtest=LoadRunTests -Dsurefire.failIfNoSpecifiedTests=false` ")
			.append("(full size; without `-Pload` the short version that `./mvnw verify` runs).\n\n");
		out.append("| measure | value |\n|---|---|\n");
		out.append("| messages | ").append((long) CLIENTS * MESSAGES).append(" |\n");
		out.append("| delivered whole (reply intact, handler saw it) | ").append(delivered).append(" |\n");
		out.append("| failed to their sender with an error | ").append(failed).append(" |\n");
		out.append("| lost silently | ").append((long) CLIENTS * MESSAGES - delivered - failed).append(" |\n");
		out.append("| failed, yet seen by the handler (the reply was lost) | ").append(failedButSeen).append(" |\n");
		out.append("| tampered or cut messages that reached the handler | ").append(this.corrupt.get()).append(" |\n");
		out.append("| channel opens (failed) | ").append(opens).append(" (").append(failedOpens).append(") |\n");
		out.append("| proxied connections | ").append(this.proxy.connections()).append(" |\n");
		out.append("| faults injected: resets / stalls / tampered bytes | ")
			.append(this.proxy.injected(Fault.Kind.RESET)).append(" / ")
			.append(this.proxy.injected(Fault.Kind.STALL)).append(" / ")
			.append(this.proxy.injected(Fault.Kind.TAMPER)).append(" |\n");
		out.append("| duration | ").append(took.toMillis()).append(" ms |\n");
		out.append("| heap used after GC, before / after | ").append(heapBefore / 1024 / 1024).append(" MiB / ")
			.append(heapAfter / 1024 / 1024).append(" MiB |\n");
		out.append("| ByteBuf leaks (PARANOID) | checked after the class by NettyLeakExtension |\n\n");
		out.append("Failures seen by the senders:\n\n");
		new TreeMap<>(failures).forEach((kind, count) -> out.append("- ").append(kind).append(": ").append(count)
			.append('\n'));
		return out.toString();
	}

}
