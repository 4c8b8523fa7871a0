/**
 * Fault suites over real sockets and the embedded KDC: a KDC that is down, slow or answers nonsense, tickets that
 * expire under long-running clients, keytabs rotated on disk, peers that reset or go silent, a server stopped with
 * messages in flight, and a load run with faults injected at random. Each fault ends in a clear error or a delivered
 * message, never a hang, a silent loss or a leaked buffer.
 */
@NullMarked
package org.negotiatetcp.faults;

import org.jspecify.annotations.NullMarked;
