package org.negotiatetcp.boot.security;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/**
 * The anonymous-client policy: an anonymous client is refused outright unless anonymous clients are allowed
 * ({@code negotiate.tcp.server.allow-anonymous-clients}); where they are, the via's rule still decides (and
 * {@code authenticated()} refuses them). Everyone else passes this policy.
 *
 * @author Negotiate TCP
 */
final class AnonymousClientAuthorizationManager implements AuthorizationManager<NegotiateAuthorizationContext> {

	private final boolean allowAnonymousClients;

	AnonymousClientAuthorizationManager(boolean allowAnonymousClients) {
		this.allowAnonymousClients = allowAnonymousClients;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			NegotiateAuthorizationContext context) {
		if (context.securityInfo().anonymous() && !this.allowAnonymousClients) {
			return NegotiateAuthorizationDecision.denied("is refused: anonymous clients are not allowed; set "
					+ "negotiate.tcp.server.allow-anonymous-clients to true and permit them on a via with "
					+ "permitAll() or anonymous()");
		}
		return NegotiateAuthorizationDecision.granted();
	}

	@Override
	public String toString() {
		return "anonymous clients " + (this.allowAnonymousClients ? "allowed" : "refused");
	}

}
