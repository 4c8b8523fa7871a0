package org.negotiatetcp.boot.security;

import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

import org.negotiatetcp.channel.SessionAuthorizer;
import org.negotiatetcp.security.SecurityInfo;

/**
 * The {@link SessionAuthorizer} of the Spring Security bridge, in the manner of spring-grpc's security interceptor:
 * at the end of the handshake it turns the handshake's result into a {@link NegotiateAuthenticationToken} (a
 * {@link NegotiateAnonymousAuthenticationToken} for anonymous clients), has the {@link AuthenticationManager}
 * authenticate it (on a worker thread, since user details services block), asks the {@link AuthorizationManager}
 * whether that {@link Authentication} may open a session on the via, and attaches it to the channel. A refusal is
 * answered with the [MS-NNS] policy error and logged with the client's name, the via and the reason.
 * <p>
 * {@link NegotiateSecurity} builds one whose authorization manager is
 * {@link org.springframework.security.authorization.AuthorizationManagers#allOf all of} the anonymous-client policy,
 * the impersonation-level policy and the application's rules per via.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class NegotiateSecuritySessionAuthorizer implements SessionAuthorizer {

	private static final Log logger = LogFactory.getLog(NegotiateSecuritySessionAuthorizer.class);

	private final AuthenticationManager authenticationManager;

	private final AuthorizationManager<NegotiateAuthorizationContext> authorizationManager;

	/**
	 * Create an authorizer.
	 * @param authenticationManager authenticates the {@link NegotiateAuthenticationToken} of a named client
	 * @param authorizationManager decides whether the authenticated client may open a session on the via
	 */
	public NegotiateSecuritySessionAuthorizer(AuthenticationManager authenticationManager,
			AuthorizationManager<NegotiateAuthorizationContext> authorizationManager) {
		this.authenticationManager = Objects.requireNonNull(authenticationManager, "authenticationManager");
		this.authorizationManager = Objects.requireNonNull(authorizationManager, "authorizationManager");
	}

	@Override
	public Mono<Authentication> authorize(SecurityInfo info, @Nullable String via) {
		NegotiateAuthorizationContext context = new NegotiateAuthorizationContext(info, via);
		return Mono.fromCallable(() -> authenticate(info))
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorMap(AuthenticationException.class,
					(ex) -> new AccessDeniedException("Authentication of " + info.peerName() + " failed: "
							+ ex.getMessage(), ex))
			.map((authentication) -> check(authentication, context))
			.doOnNext((authentication) -> {
				if (logger.isDebugEnabled()) {
					logger.debug("Authorized " + context.describe() + " as " + authentication);
				}
			});
	}

	private Authentication authenticate(SecurityInfo info) {
		if (info.anonymous()) {
			return new NegotiateAnonymousAuthenticationToken(info);
		}
		Authentication result = this.authenticationManager.authenticate(new NegotiateAuthenticationToken(info));
		if (result == null || !result.isAuthenticated()) {
			throw new AccessDeniedException("The authentication manager did not authenticate " + info.peerName());
		}
		return result;
	}

	private Authentication check(Authentication authentication, NegotiateAuthorizationContext context) {
		AuthorizationResult result = this.authorizationManager.authorize(() -> authentication, context);
		if (result == null || !result.isGranted()) {
			String reason = (result instanceof NegotiateAuthorizationDecision decision) ? decision.reason()
					: "is denied by " + this.authorizationManager + " (" + result + "); authorities "
							+ authentication.getAuthorities();
			throw new AccessDeniedException(context.describe() + " " + reason);
		}
		return authentication;
	}

}
