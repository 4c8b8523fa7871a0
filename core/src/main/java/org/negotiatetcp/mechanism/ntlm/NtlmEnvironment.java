package org.negotiatetcp.mechanism.ntlm;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where NTLM contexts get randomness (client and server challenges, the random session key) and the time (the NTLMv2
 * time stamp, the server's MsvAvTimestamp). Tests inject fixed values to reproduce the [MS-NLMP] 4.2 examples.
 */
final class NtlmEnvironment {

	/** Seconds from 1601-01-01 (the FILETIME epoch) to 1970-01-01. */
	private static final long FILETIME_EPOCH_OFFSET_SECONDS = 11_644_473_600L;

	private static final SecureRandom SECURE_RANDOM = new SecureRandom();

	static final NtlmEnvironment DEFAULT = new NtlmEnvironment(SECURE_RANDOM::nextBytes, Clock.systemUTC());

	private final Consumer<byte[]> random;

	private final Clock clock;

	/**
	 * Create an environment.
	 * @param random fills an array with random bytes
	 * @param clock the clock
	 */
	NtlmEnvironment(Consumer<byte[]> random, Clock clock) {
		this.random = Objects.requireNonNull(random, "random");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		this.random.accept(bytes);
		return bytes;
	}

	long fileTimeNow() {
		return toFileTime(this.clock.instant());
	}

	/**
	 * Convert an instant to a Windows FILETIME (100-nanosecond intervals since 1601-01-01 UTC).
	 * @param instant the instant
	 * @return the FILETIME
	 */
	static long toFileTime(Instant instant) {
		return (instant.getEpochSecond() + FILETIME_EPOCH_OFFSET_SECONDS) * 10_000_000L + instant.getNano() / 100;
	}

}
