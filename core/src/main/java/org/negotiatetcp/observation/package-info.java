/**
 * Micrometer Observations of Negotiate TCP channels: one {@code negotiate.tcp.handshake} observation per connection
 * handshake and one {@code negotiate.tcp.message} observation per message received or sent, on both sides. Documented
 * by {@link org.negotiatetcp.observation.NegotiateObservationDocumentation}; the key values come from replaceable
 * conventions. Nothing is observed unless an {@code ObservationRegistry} is configured.
 */
@NullMarked
package org.negotiatetcp.observation;

import org.jspecify.annotations.NullMarked;
