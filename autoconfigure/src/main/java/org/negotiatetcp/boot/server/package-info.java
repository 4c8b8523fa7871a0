/**
 * Server-side programming model of the Negotiate TCP starter: handlers bound to vias with {@link NegotiateVia} or a
 * {@link NegotiateRoutes} bean.
 */
@NullMarked
package org.negotiatetcp.boot.server;

import org.jspecify.annotations.NullMarked;
