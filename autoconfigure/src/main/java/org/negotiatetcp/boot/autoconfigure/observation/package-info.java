/**
 * Auto-configuration of Negotiate TCP observations and meters: one {@link org.negotiatetcp.observation.NegotiateObservability}
 * for the server and the client channel factory.
 */
@NullMarked
package org.negotiatetcp.boot.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
