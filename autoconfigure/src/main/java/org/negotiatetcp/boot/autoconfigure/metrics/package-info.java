/**
 * Auto-configuration of Negotiate TCP meters: the client credential's lifetime gauge and Reactor Netty's own
 * transport metrics.
 */
@NullMarked
package org.negotiatetcp.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
