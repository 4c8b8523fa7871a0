package org.negotiatetcp.mechanism.kerberos.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The in-memory replay cache: one acceptance per tag within the lifetime (twice the clock skew, as an authenticator
 * stamped a skew ahead stays acceptable a skew after that), expiry, the bound, and atomicity under concurrency.
 */
class InMemoryReplayCacheTests {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final InMemoryReplayCache cache = new InMemoryReplayCache(Duration.ofMinutes(5), 3, this.now::get);

	@Test
	void aTagIsAcceptedOnceWithinTheLifetime() {
		ReplayTag tag = tag(1);
		assertThat(this.cache.contains(tag)).isFalse();
		assertThat(this.cache.add(tag)).isTrue();
		assertThat(this.cache.contains(tag)).isTrue();
		assertThat(this.cache.add(tag)).isFalse();
		this.now.addAndGet(Duration.ofMinutes(9).toNanos());
		assertThat(this.cache.add(tag)).isFalse();
		assertThat(this.cache.contains(tag(2))).isFalse();
	}

	@Test
	void aTagExpiresAfterTwiceTheClockSkew() {
		ReplayTag tag = tag(1);
		this.cache.add(tag);
		this.now.addAndGet(Duration.ofMinutes(10).toNanos() + 1);
		assertThat(this.cache.contains(tag)).isFalse();
		assertThat(this.cache.add(tag)).isTrue();
		// the expired entry is dropped when a later one is added
		this.now.addAndGet(Duration.ofMinutes(10).toNanos() + 1);
		this.cache.add(tag(2));
		assertThat(this.cache.size()).isEqualTo(1);
	}

	@Test
	void beyondTheBoundTheOldestEntriesAreDropped() {
		for (int i = 1; i <= 5; i++) {
			assertThat(this.cache.add(tag(i))).isTrue();
			this.now.addAndGet(1);
		}
		assertThat(this.cache.size()).isEqualTo(3);
		assertThat(this.cache.contains(tag(1))).isFalse();
		assertThat(this.cache.contains(tag(2))).isFalse();
		assertThat(this.cache.contains(tag(3))).isTrue();
		assertThat(this.cache.contains(tag(5))).isTrue();
	}

	@Test
	void concurrentAdditionsOfOneTagAcceptItOnce() throws Exception {
		InMemoryReplayCache shared = new InMemoryReplayCache(Duration.ofMinutes(5), 1000);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			for (int round = 0; round < 50; round++) {
				ReplayTag tag = tag(round);
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Boolean>> results = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					Callable<Boolean> add = () -> {
						start.await();
						return shared.add(tag);
					};
					results.add(pool.submit(add));
				}
				start.countDown();
				int accepted = 0;
				for (Future<Boolean> result : results) {
					accepted += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
				}
				assertThat(accepted).as("round %d", round).isEqualTo(1);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void theTagIsTheSha256OfTheAuthenticatorCiphertext() {
		// SHA-256("abc"), FIPS 180-2 appendix B.1
		assertThat(ReplayTag.of("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).hex())
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(ReplayTag.of(new byte[] { 1 })).isEqualTo(ReplayTag.of(new byte[] { 1 }))
			.isNotEqualTo(ReplayTag.of(new byte[] { 2 }));
	}

	@Test
	void aNonPositiveSkewOrBoundIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryReplayCache(Duration.ZERO, 10))
			.withMessageContaining("clock skew");
		assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryReplayCache(Duration.ofMinutes(5), 0))
			.withMessageContaining("at least one entry");
	}

	private static ReplayTag tag(int n) {
		return ReplayTag.of(new byte[] { (byte) n, (byte) (n >> 8), 42 });
	}

}
