package org.negotiatetcp.mechanism.kerberos.replay;

import java.time.Duration;

/**
 * Where a Kerberos acceptor records the AP-REQs it accepted, to refuse one presented again ([RFC 4120] 3.2.3): keyed
 * by a {@link ReplayTag} (the SHA-256 of the authenticator's ciphertext), each entry kept at least for
 * {@link #lifetime(Duration) twice the clock skew} the acceptor allows, after which the KDC's time check refuses the
 * authenticator anyway.
 * <p>
 * The JDK's acceptor keeps its own replay cache, in memory and per process: behind a load balancer, an AP-REQ
 * captured from one instance's clear-text handshake could be replayed to another instance sharing the keytab. A
 * cache shared by the instances ({@link RedisReplayCache}) closes that gap; {@link InMemoryReplayCache} is the
 * default. The acceptor asks {@link #contains} before the JDK decrypts the AP-REQ (so a replay is refused with this
 * cache's error whichever process saw the original) and {@link #add} once the JDK has verified it, so only genuine
 * authenticators are recorded; {@code add} is atomic, so two instances presented the same AP-REQ at once accept it
 * once.
 * <p>
 * Implementations are thread-safe. A cache that cannot answer (its store is down) throws: the acceptor then refuses
 * the client rather than accept a possible replay.
 */
public interface ReplayCache {

	/** The clock skew a Kerberos acceptor allows by default, as krb5.conf's {@code clockskew}: 5 minutes. */
	Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

	/**
	 * Whether a tag is recorded and has not expired.
	 * @param tag the tag of an AP-REQ
	 * @return {@code true} if an AP-REQ with this tag was accepted within the entries' lifetime
	 * @throws RuntimeException if the cache cannot answer
	 */
	boolean contains(ReplayTag tag);

	/**
	 * Record a tag, atomically, unless it is recorded already.
	 * @param tag the tag of an AP-REQ the acceptor verified
	 * @return {@code true} if the tag was recorded now, {@code false} if it was there already (a replay)
	 * @throws RuntimeException if the cache cannot record it
	 */
	boolean add(ReplayTag tag);

	/**
	 * Return how long entries are kept for a clock skew: twice the skew, because an acceptor accepts an authenticator
	 * stamped up to the skew ahead of its clock, which stays acceptable until the skew after that stamp.
	 * @param clockSkew the acceptor's clock skew ({@link #DEFAULT_CLOCK_SKEW} unless krb5.conf says otherwise)
	 * @return the lifetime of an entry
	 */
	static Duration lifetime(Duration clockSkew) {
		if (clockSkew.isNegative() || clockSkew.isZero()) {
			throw new IllegalArgumentException("The clock skew must be positive, not " + clockSkew);
		}
		return clockSkew.multipliedBy(2);
	}

}
