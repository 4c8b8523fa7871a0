/**
 * Authentication mechanisms behind a common, GSS-like context contract: an initiator or acceptor that exchanges tokens
 * with {@code step} until established, then protects data with {@code wrap}/{@code unwrap}.
 */
@NullMarked
package org.negotiatetcp.mechanism;

import org.jspecify.annotations.NullMarked;
