package org.negotiatetcp.boot.security;

import java.net.URI;
import java.util.List;
import java.util.Locale;
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
import org.springframework.util.AntPathMatcher;

import org.negotiatetcp.channel.SessionAuthorizer;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.SecurityInfo;

/**
 * The {@link SessionAuthorizer} of the Spring Security bridge, built by {@link NegotiateSecurity}: at the end of the
 * handshake it builds a {@link NegotiateAuthenticationToken} (a {@link NegotiateAnonymousAuthenticationToken} for
 * anonymous clients), runs it through the {@link AuthenticationManager} (on a worker thread, since user details
 * services block), checks the minimum impersonation level and the authorization rule of the via, and attaches the
 * resulting {@link Authentication} to the channel. A refusal is answered with the [MS-NNS] policy error and logged
 * with the client's name, the via and the reason.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class NegotiateSecuritySessionAuthorizer implements SessionAuthorizer {

	private static final Log logger = LogFactory.getLog(NegotiateSecuritySessionAuthorizer.class);

	private static final AntPathMatcher matcher = new AntPathMatcher();

	private final AuthenticationManager authenticationManager;

	private final List<Rule> rules;

	private final AuthorizationManager<NegotiateAuthorizationContext> anyVia;

	private final List<ImpersonationRule> impersonationRules;

	private final ImpersonationLevel minimumImpersonationLevel;

	NegotiateSecuritySessionAuthorizer(AuthenticationManager authenticationManager, List<Rule> rules,
			AuthorizationManager<NegotiateAuthorizationContext> anyVia, List<ImpersonationRule> impersonationRules,
			ImpersonationLevel minimumImpersonationLevel) {
		this.authenticationManager = authenticationManager;
		this.rules = List.copyOf(rules);
		this.anyVia = anyVia;
		this.impersonationRules = List.copyOf(impersonationRules);
		this.minimumImpersonationLevel = minimumImpersonationLevel;
	}

	@Override
	public Mono<Authentication> authorize(SecurityInfo info, @Nullable String via) {
		return Mono.fromCallable(() -> authenticate(info))
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorMap(AuthenticationException.class,
					(ex) -> new AccessDeniedException("Authentication of " + info.peerName() + " failed: "
							+ ex.getMessage(), ex))
			.map((authentication) -> check(authentication, info, via))
			.doOnNext((authentication) -> {
				if (logger.isDebugEnabled()) {
					logger.debug("Authorized " + describe(info, via) + " as " + authentication);
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

	private Authentication check(Authentication authentication, SecurityInfo info, @Nullable String via) {
		String path = pathOf(via);
		ImpersonationLevel minimum = this.minimumImpersonationLevel;
		for (ImpersonationRule rule : this.impersonationRules) {
			if (path != null && rule.matches(path)) {
				if (rule.level().isAtLeast(minimum)) {
					minimum = rule.level();
				}
				break;
			}
		}
		if (!info.impersonationLevel().isAtLeast(minimum)) {
			throw new AccessDeniedException(describe(info, via) + " allows impersonation level "
					+ info.impersonationLevel() + " but at least " + minimum + " is required; the client must set "
					+ "allowed-impersonation-level to " + minimum.name().toLowerCase(Locale.ROOT)
					+ ((minimum == ImpersonationLevel.DELEGATION) ? " and have a forwardable ticket" : ""));
		}
		AuthorizationManager<NegotiateAuthorizationContext> manager = this.anyVia;
		String ruleName = "any via";
		for (Rule rule : this.rules) {
			if (path != null && rule.matches(path)) {
				manager = rule.authorization();
				ruleName = "rule " + rule.pathPattern();
				break;
			}
		}
		AuthorizationResult result = manager.authorize(() -> authentication,
				new NegotiateAuthorizationContext(info, via));
		if (result == null || !result.isGranted()) {
			throw new AccessDeniedException(describe(info, via) + " is denied by " + ruleName + " (" + manager
					+ "); authorities " + authentication.getAuthorities());
		}
		return authentication;
	}

	private static String describe(SecurityInfo info, @Nullable String via) {
		return (info.anonymous() ? "Anonymous client" : "Client " + info.peerName())
				+ ((via != null) ? " on via " + via : "");
	}

	static @Nullable String pathOf(@Nullable String via) {
		if (via == null) {
			return null;
		}
		String path;
		try {
			path = URI.create(via.trim()).getPath();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (path == null || path.isEmpty()) {
			return "/";
		}
		path = path.toLowerCase(Locale.ROOT);
		while (path.length() > 1 && path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return path;
	}

	/**
	 * An authorization rule for the vias whose path matches a pattern.
	 * @param pathPattern the Ant-style pattern
	 * @param authorization the rule
	 */
	record Rule(String pathPattern, AuthorizationManager<NegotiateAuthorizationContext> authorization) {

		Rule {
			Objects.requireNonNull(pathPattern, "pathPattern");
			Objects.requireNonNull(authorization, "authorization");
		}

		boolean matches(String path) {
			return matcher.match(this.pathPattern.toLowerCase(Locale.ROOT), path);
		}

	}

	/**
	 * A minimum impersonation level for the vias whose path matches a pattern.
	 * @param pathPattern the Ant-style pattern
	 * @param level the minimum level
	 */
	record ImpersonationRule(String pathPattern, ImpersonationLevel level) {

		ImpersonationRule {
			Objects.requireNonNull(pathPattern, "pathPattern");
			Objects.requireNonNull(level, "level");
		}

		boolean matches(String path) {
			return matcher.match(this.pathPattern.toLowerCase(Locale.ROOT), path);
		}

	}

}
