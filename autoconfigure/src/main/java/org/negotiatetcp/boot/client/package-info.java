/**
 * Client-side programming model of the Negotiate TCP starter: the named endpoints of
 * {@code negotiate.tcp.client.endpoints}, injected as {@link NegotiateEndpoints}.
 */
@NullMarked
package org.negotiatetcp.boot.client;

import org.jspecify.annotations.NullMarked;
