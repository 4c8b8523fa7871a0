package org.negotiatetcp.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What channels cost in heap, measured as the live heap after full collections: channels opened and closed again
 * leave the heap at its baseline (a registry, cache or pool that kept something per channel fails the check), and
 * idle open channels cost a constant amount each, below a bound.
 * <p>
 * Two things stay by design after a Kerberos channel closed, both for the clock skew window (5 minutes by default)
 * and dropped as they age: the JDK acceptor's replay cache ({@code sun.security.krb5.internal.rcache.MemoryCache})
 * keeps a hash of every accepted authenticator, about 0.3 KB each, and this project's
 * {@code InMemoryReplayCache} its tag, about 0.2 KB. The tolerance of 1 KB per channel is above the two and well below
 * what a channel pair costs while open (several KB), so a per-channel leak of anything the channel holds still
 * fails.
 */
class ChannelHeapTests {

	/** Channels opened and closed before measuring: classes, JIT, pooled arenas, per-thread instances. */
	private static final int WARM_UP = 60;

	/** Channels opened and closed in each of the two intervals of the baseline check. */
	private static final int CYCLED = 200;

	/** Retained bytes per closed channel tolerated (the two replay caches keep about 500 per Kerberos channel). */
	private static final long RETAINED_PER_CHANNEL = 1024;

	/** Idle channels open at the first measurement; twice as many at the second. */
	private static final int IDLE = 80;

	/**
	 * Bound on the heap of one idle open channel pair (client and server side, same JVM): measured at about 7.3 KB
	 * (Kerberos) and 8.7 KB (NTLM, whose RC4 states take 1.1 KB), before the lean work 27 and 15 KB.
	 */
	private static final long IDLE_PAIR_BOUND = 10 * 1024;

	@AutoClose
	private static EmbeddedRealm realm;

	@AutoClose
	private final TestServer server = new TestServer();

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	@ParameterizedTest
	@EnumSource(value = AuthPackage.class, names = { "KERBEROS", "NTLM" })
	void channelsOpenedAndClosedLeaveTheHeapAtItsBaseline(AuthPackage mechanism) throws InterruptedException {
		NegotiateChannelFactory factory = start(mechanism);
		String address = this.server.address(ChannelMode.NET_TCP);
		// warm up: classes, JIT, pooled arenas and per-thread instances reach their steady size first
		openAndClose(factory, address, WARM_UP);
		long baseline = liveHeap();
		openAndClose(factory, address, CYCLED);
		long middle = liveHeap();
		openAndClose(factory, address, CYCLED);
		long after = liveHeap();
		// a leak grows the heap in both intervals alike; a one-off step (a per-thread cache or buffer first used, a
		// table that doubled, a JIT or class-loading artefact of a loaded machine) shows in one of them only
		long perChannel = Math.min(middle - baseline, after - middle) / CYCLED;
		assertThat(perChannel)
			.as("bytes per closed %s channel still reachable (baseline %d, after %d, after %d more %d)", mechanism,
					baseline, middle, CYCLED, after)
			.isLessThan(RETAINED_PER_CHANNEL);
		assertThat(this.server.get().activeSessions()).isZero();
	}

	@ParameterizedTest
	@EnumSource(value = AuthPackage.class, names = { "KERBEROS", "NTLM" })
	void idleChannelsCostAConstantBoundedHeapEach(AuthPackage mechanism) throws InterruptedException {
		NegotiateChannelFactory factory = start(mechanism);
		String address = this.server.address(ChannelMode.NET_TCP);
		openAndClose(factory, address, WARM_UP);
		List<NegotiateChannel> open = new ArrayList<>();
		try {
			long baseline = liveHeap();
			openIdle(factory, address, IDLE, open);
			long first = liveHeap();
			openIdle(factory, address, IDLE, open);
			long second = liveHeap();
			long firstPerPair = (first - baseline) / IDLE;
			long secondPerPair = (second - first) / IDLE;
			assertThat(this.server.get().activeSessions()).isEqualTo(2 * IDLE);
			assertThat(firstPerPair).as("heap per idle %s channel pair, first %d", mechanism, IDLE)
				.isPositive()
				.isLessThan(IDLE_PAIR_BOUND);
			assertThat(secondPerPair).as("heap per idle %s channel pair, next %d", mechanism, IDLE)
				.isPositive()
				.isLessThan(IDLE_PAIR_BOUND);
			// linear: the second batch costs what the first did (a tolerance for the noise of heap measurement)
			assertThat((double) secondPerPair / firstPerPair)
				.as("heap of %d idle channels against %d (%d and %d bytes per pair)", 2 * IDLE, IDLE, firstPerPair,
						secondPerPair)
				.isBetween(0.7, 1.4);
		}
		finally {
			for (NegotiateChannel channel : open) {
				channel.close().block(Duration.ofSeconds(10));
			}
		}
	}

	private NegotiateChannelFactory start(AuthPackage mechanism) {
		AcceptorSettings acceptor = realm.acceptor(ProtectionLevel.ENCRYPT_AND_SIGN)
			.withNtlm(new InMemoryNtlmAccountStore().add("EXAMPLE", "bob", "bob-pw1".toCharArray()));
		this.server.start(this.server.echoServer(TestServer.echoSettings(ChannelMode.NET_TCP, acceptor),
				ByteBuf::retain));
		ClientCredential credential = (mechanism == AuthPackage.NTLM)
				? ClientCredential.password("EXAMPLE\\bob", "bob-pw1".toCharArray()) : realm.alice();
		return new NegotiateChannelFactory(ClientSettings.of(credential)
			.withAuthPackage(mechanism)
			.withRequireServerAuth(mechanism != AuthPackage.NTLM)
			.withProtectionLevel(ProtectionLevel.ENCRYPT_AND_SIGN));
	}

	private static void openAndClose(NegotiateChannelFactory factory, String address, int count) {
		for (int i = 0; i < count; i++) {
			NegotiateChannel channel = factory.open(address).block(Duration.ofSeconds(30));
			assertThat(channel).isNotNull();
			channel.close().block(Duration.ofSeconds(10));
		}
	}

	private static void openIdle(NegotiateChannelFactory factory, String address, int count,
			List<NegotiateChannel> open) {
		for (int i = 0; i < count; i++) {
			NegotiateChannel channel = factory.open(address).block(Duration.ofSeconds(30));
			assertThat(channel).isNotNull();
			open.add(channel);
		}
	}

	/**
	 * The heap still in use after full collections (the least of a few: a collection that ran while a channel's last
	 * callbacks were finishing counts them).
	 */
	private static long liveHeap() throws InterruptedException {
		Runtime runtime = Runtime.getRuntime();
		long least = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			Thread.sleep(100);
			least = Math.min(least, runtime.totalMemory() - runtime.freeMemory());
		}
		return least;
	}

}
