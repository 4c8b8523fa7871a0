package org.negotiatetcp.boot.security;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.security.SecurityInfo;

/**
 * What an authorization rule decides about: a client (its handshake result) asking to open a session on a via.
 * @param securityInfo the client's handshake result
 * @param via the via the client asked for ({@code net.tcp} mode), or {@code null} in raw mode
 * @author Negotiate TCP
 * @since 0.1.0
 */
public record NegotiateAuthorizationContext(SecurityInfo securityInfo, @Nullable String via) {

	public NegotiateAuthorizationContext {
		Objects.requireNonNull(securityInfo, "securityInfo");
	}

}
