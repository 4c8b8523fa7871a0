package org.negotiatetcp.boot.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;

import org.negotiatetcp.security.ImpersonationLevel;

/**
 * Builds the Spring Security rules of a Negotiate TCP server, in the style of {@code RSocketSecurity}: inject the
 * (prototype) bean, add rules, and expose what {@link #build()} returns as a bean.
 * <pre>{@code
 * @Bean
 * NegotiateSecuritySessionAuthorizer negotiateAuthorizer(NegotiateSecurity security) {
 * 	return security
 * 		.authorizeVia("/orders/**", hasRole("ORDERS"))
 * 		.authorizeVia("/public/**", permitAll())
 * 		.minimumImpersonationLevel("/reports/**", ImpersonationLevel.DELEGATION)
 * 		.anyVia(authenticated())
 * 		.build();
 * }
 * }</pre>
 * Rules are matched against the path of the via the client asks for (case-insensitively, Ant-style patterns), first
 * match wins; a session that matches no rule gets {@link #anyVia(AuthorizationManager)}, by default
 * {@code authenticated()}. Raw NegotiateStream sessions have no via and get {@code anyVia} and the global minimum
 * impersonation level. Anonymous clients (accepted only with {@code negotiate.tcp.server.allow-anonymous-clients})
 * pass only where a rule permits them ({@code permitAll()} or {@code anonymous()}): {@code authenticated()} refuses
 * them.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class NegotiateSecurity {

	private AuthenticationManager authenticationManager;

	private final List<NegotiateSecuritySessionAuthorizer.Rule> rules = new ArrayList<>();

	private final List<NegotiateSecuritySessionAuthorizer.ImpersonationRule> impersonationRules = new ArrayList<>();

	private AuthorizationManager<NegotiateAuthorizationContext> anyVia = AuthenticatedAuthorizationManager
		.authenticated();

	private ImpersonationLevel minimumImpersonationLevel = ImpersonationLevel.ANONYMOUS;

	/**
	 * Create a DSL that authenticates clients with the given manager.
	 * @param authenticationManager the manager, which gets a {@link NegotiateAuthenticationToken}
	 */
	public NegotiateSecurity(AuthenticationManager authenticationManager) {
		this.authenticationManager = Objects.requireNonNull(authenticationManager, "authenticationManager");
	}

	/**
	 * Create a DSL that authenticates clients with no authorities.
	 */
	public NegotiateSecurity() {
		this(new ProviderManager(new NegotiateAuthenticationProvider()));
	}

	/**
	 * Use another authentication manager.
	 * @param authenticationManager the manager, which gets a {@link NegotiateAuthenticationToken}
	 * @return this
	 */
	public NegotiateSecurity authenticationManager(AuthenticationManager authenticationManager) {
		this.authenticationManager = Objects.requireNonNull(authenticationManager, "authenticationManager");
		return this;
	}

	/**
	 * Add a rule for the vias whose path matches a pattern.
	 * @param pathPattern an Ant-style path pattern, for example {@code /orders/**}
	 * @param authorization the rule, for example {@code hasRole("ORDERS")}
	 * @return this
	 */
	public NegotiateSecurity authorizeVia(String pathPattern,
			AuthorizationManager<NegotiateAuthorizationContext> authorization) {
		this.rules.add(new NegotiateSecuritySessionAuthorizer.Rule(pathPattern, authorization));
		return this;
	}

	/**
	 * Set the rule for sessions that match no other rule, including raw NegotiateStream sessions.
	 * @param authorization the rule (default {@code authenticated()})
	 * @return this
	 */
	public NegotiateSecurity anyVia(AuthorizationManager<NegotiateAuthorizationContext> authorization) {
		this.anyVia = Objects.requireNonNull(authorization, "authorization");
		return this;
	}

	/**
	 * Require a minimum impersonation level for the vias whose path matches a pattern, for example
	 * {@link ImpersonationLevel#DELEGATION} where the service acts as the client towards another service.
	 * @param pathPattern an Ant-style path pattern
	 * @param level the least level the client must allow
	 * @return this
	 */
	public NegotiateSecurity minimumImpersonationLevel(String pathPattern, ImpersonationLevel level) {
		this.impersonationRules.add(new NegotiateSecuritySessionAuthorizer.ImpersonationRule(pathPattern, level));
		return this;
	}

	/**
	 * Require a minimum impersonation level for every session.
	 * @param level the least level the client must allow
	 * @return this
	 */
	public NegotiateSecurity minimumImpersonationLevel(ImpersonationLevel level) {
		this.minimumImpersonationLevel = Objects.requireNonNull(level, "level");
		return this;
	}

	/**
	 * Build the session authorizer the server uses.
	 * @return the authorizer
	 */
	public NegotiateSecuritySessionAuthorizer build() {
		return new NegotiateSecuritySessionAuthorizer(this.authenticationManager, this.rules, this.anyVia,
				this.impersonationRules, this.minimumImpersonationLevel);
	}

}
