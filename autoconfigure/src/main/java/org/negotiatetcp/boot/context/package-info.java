/**
 * Application context integration of the Negotiate TCP server: its lifecycle, the event published when it listens
 * and the {@code local.negotiate.tcp.server.port} property.
 */
@NullMarked
package org.negotiatetcp.boot.context;

import org.jspecify.annotations.NullMarked;
