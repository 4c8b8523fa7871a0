/**
 * Kerberos replay detection beyond one process: the acceptor records a tag of every AP-REQ it accepts (the SHA-256 of
 * the authenticator's ciphertext, as MIT krb5 has since 1.18) in a {@link ReplayCache} and refuses an AP-REQ whose tag
 * is already there. {@link InMemoryReplayCache} is the default; {@link RedisReplayCache} (lettuce, an optional
 * dependency) is shared by the instances of a service behind a load balancer, which share its keytab.
 */
@NullMarked
package org.negotiatetcp.mechanism.kerberos.replay;

import org.jspecify.annotations.NullMarked;
