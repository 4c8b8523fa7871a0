package org.negotiatetcp.mechanism.ntlm;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The server challenges this process has issued and not yet seen answered, shared by every acceptor and initiator in
 * the process, each with the target names of the acceptor that issued it. An initiator handed a CHALLENGE carrying
 * one of them while it means to authenticate to a target that is not that acceptor is being used to answer our own
 * server's challenge (NTLM reflection, the attack Windows closed with MS08-068 by having its NTLM client check the
 * challenges its own server side issued), and refuses it. A client of this process talking to a server of this
 * process under one of the server's names (loopback, tests) is not reflection and passes, as local authentication
 * does on Windows. Entries leave when the acceptor completes, fails or closes, or after their lifetime; the set is
 * bounded.
 */
final class NtlmReflectionGuard {

	/** Beyond this many outstanding challenges, expired ones are purged on every insert. */
	private static final int PURGE_THRESHOLD = 4096;

	/** Hard bound: when full even after purging, the oldest entries are not tracked any longer. */
	private static final int MAX_ENTRIES = 200_000;

	private static final Map<ByteBuffer, Issued> ISSUED = new ConcurrentHashMap<>();

	private NtlmReflectionGuard() {
	}

	private record Issued(NtlmTargetNames issuer, long expiresAtNanos) {
	}

	static void issued(byte[] serverChallenge, NtlmTargetNames issuer, long expiresAtNanos) {
		if (ISSUED.size() >= PURGE_THRESHOLD) {
			purge(System.nanoTime());
		}
		if (ISSUED.size() < MAX_ENTRIES) {
			ISSUED.put(ByteBuffer.wrap(serverChallenge.clone()), new Issued(issuer, expiresAtNanos));
		}
	}

	static void answered(byte[] serverChallenge) {
		ISSUED.remove(ByteBuffer.wrap(serverChallenge));
	}

	/**
	 * Whether answering a challenge would reflect it.
	 * @param serverChallenge the challenge an initiator received
	 * @param targetName the target the initiator means to authenticate to, or {@code null} if it has none
	 * @return {@code true} if an acceptor of this process issued the challenge and the target is not that acceptor
	 */
	static boolean isReflected(byte[] serverChallenge, @Nullable String targetName) {
		Issued issued = ISSUED.get(ByteBuffer.wrap(serverChallenge));
		if (issued == null || issued.expiresAtNanos() - System.nanoTime() <= 0) {
			return false;
		}
		return targetName == null || !issued.issuer().matches(targetName);
	}

	private static void purge(long now) {
		ISSUED.values().removeIf((issued) -> issued.expiresAtNanos() - now <= 0);
	}

}
