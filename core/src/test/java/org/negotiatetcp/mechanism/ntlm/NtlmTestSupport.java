package org.negotiatetcp.mechanism.ntlm;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * Shared helpers for the NTLM tests: hex, deterministic environments, and contexts wired back to back.
 */
final class NtlmTestSupport {

	private NtlmTestSupport() {
	}

	static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
	}

	static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	static byte[] utf16(String text) {
		return text.getBytes(StandardCharsets.UTF_16LE);
	}

	static byte[] repeat(int value, int count) {
		byte[] bytes = new byte[count];
		java.util.Arrays.fill(bytes, (byte) value);
		return bytes;
	}

	/**
	 * An environment whose random bytes come from a fixed list, in order, and whose clock is fixed.
	 */
	static NtlmEnvironment fixedEnvironment(Instant now, byte[]... randomOutputs) {
		Deque<byte[]> queue = new ArrayDeque<>(List.of(randomOutputs));
		return new NtlmEnvironment((bytes) -> {
			byte[] next = queue.poll();
			if (next == null || next.length != bytes.length) {
				throw new AssertionError("Unexpected request for " + bytes.length + " random bytes");
			}
			System.arraycopy(next, 0, bytes, 0, bytes.length);
		}, Clock.fixed(now, ZoneOffset.UTC));
	}

	/** FILETIME 0: 1601-01-01T00:00:00Z. */
	static final Instant FILETIME_ZERO = Instant.parse("1601-01-01T00:00:00Z");

}
