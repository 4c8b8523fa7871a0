package org.negotiatetcp.channel;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.negotiatetcp.security.SecurityInfo;

/**
 * Decides, at the end of the handshake and before the server's final HandshakeDone, whether an authenticated client
 * may open a session. A refusal is answered with the [MS-NNS] policy error ({@code ERROR_TRUST_FAILURE}), exactly as a
 * protection-level violation is. This is where an application's authorization rules (for example Spring Security's)
 * plug in.
 */
@FunctionalInterface
public interface SessionAuthorizer {

	/** Accepts every authenticated client and attaches nothing. */
	SessionAuthorizer ACCEPT_ALL = (info, via) -> Mono.empty();

	/**
	 * Authorize a client.
	 * @param info the client's authentication information
	 * @param via the via the client asked for ({@code net.tcp} mode), or {@code null} in raw mode
	 * @return an object to attach to the channel (see {@link NegotiateChannel#attachment(Class)}), empty to accept
	 * without one, or an error to refuse (its message is logged; the client only sees the policy error)
	 */
	Mono<?> authorize(SecurityInfo info, @Nullable String via);

}
