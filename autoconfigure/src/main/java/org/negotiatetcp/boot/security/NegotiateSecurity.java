package org.negotiatetcp.boot.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;

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
 * impersonation level. Anonymous clients (accepted only with {@code negotiate.tcp.server.allow-anonymous-clients},
 * which the auto-configured DSL follows, see {@link #allowAnonymousClients(boolean)}) pass only where a rule permits
 * them ({@code permitAll()} or {@code anonymous()}): {@code authenticated()} refuses them.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class NegotiateSecurity {

	private AuthenticationManager authenticationManager;

	private final List<ViaAuthorizationManager.Rule> rules = new ArrayList<>();

	private final List<ImpersonationLevelAuthorizationManager.Rule> impersonationRules = new ArrayList<>();

	private boolean allowAnonymousClients;

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
		this.rules.add(new ViaAuthorizationManager.Rule(new ViaPathPattern(pathPattern), authorization));
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
		this.impersonationRules
			.add(new ImpersonationLevelAuthorizationManager.Rule(new ViaPathPattern(pathPattern), level));
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
	 * Let anonymous clients through the anonymous-client policy (default: refused everywhere). The auto-configured
	 * DSL follows {@code negotiate.tcp.server.allow-anonymous-clients}. Allowed anonymous clients still pass only
	 * where a rule permits them ({@code permitAll()} or {@code anonymous()}).
	 * @param allow whether anonymous clients may pass
	 * @return this
	 */
	public NegotiateSecurity allowAnonymousClients(boolean allow) {
		this.allowAnonymousClients = allow;
		return this;
	}

	/**
	 * Return the authorization manager of the rules added so far: all of the anonymous-client policy, the
	 * impersonation-level policy and the rules per via, as {@link AuthorizationManagers#allOf} combines them (the
	 * first refusal decides).
	 * @return the authorization manager
	 */
	public AuthorizationManager<NegotiateAuthorizationContext> authorizationManager() {
		return AuthorizationManagers.allOf(new AnonymousClientAuthorizationManager(this.allowAnonymousClients),
				new ImpersonationLevelAuthorizationManager(this.impersonationRules, this.minimumImpersonationLevel),
				new ViaAuthorizationManager(this.rules, this.anyVia));
	}

	/**
	 * Build the session authorizer the server uses.
	 * @return the authorizer
	 */
	public NegotiateSecuritySessionAuthorizer build() {
		return new NegotiateSecuritySessionAuthorizer(this.authenticationManager, authorizationManager());
	}

}
