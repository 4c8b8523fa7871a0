package org.negotiatetcp.boot.security;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/**
 * The application's rules: the first rule whose pattern matches the via's path decides, a session that matches none
 * (and every raw NegotiateStream session) gets the {@code anyVia} rule.
 *
 * @author Negotiate TCP
 */
final class ViaAuthorizationManager implements AuthorizationManager<NegotiateAuthorizationContext> {

	private final List<Rule> rules;

	private final AuthorizationManager<NegotiateAuthorizationContext> anyVia;

	ViaAuthorizationManager(List<Rule> rules, AuthorizationManager<NegotiateAuthorizationContext> anyVia) {
		this.rules = List.copyOf(rules);
		this.anyVia = Objects.requireNonNull(anyVia, "anyVia");
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			NegotiateAuthorizationContext context) {
		Rule rule = ViaPathPattern.firstMatch(this.rules, context);
		AuthorizationManager<NegotiateAuthorizationContext> manager = (rule != null) ? rule.authorization()
				: this.anyVia;
		AuthorizationResult result = manager.authorize(authentication, context);
		if (result != null && result.isGranted()) {
			return result;
		}
		String name = (rule != null) ? "rule " + rule.pattern().pattern() : "any via";
		return NegotiateAuthorizationDecision.denied("is denied by " + name + " (" + manager + "); authorities "
				+ authentication.get().getAuthorities());
	}

	@Override
	public String toString() {
		return "via rules " + this.rules + ", any via " + this.anyVia;
	}

	/**
	 * An authorization rule for the vias whose path matches a pattern.
	 * @param pattern the via path pattern
	 * @param authorization the rule
	 */
	record Rule(ViaPathPattern pattern,
			AuthorizationManager<NegotiateAuthorizationContext> authorization) implements ViaPathPattern.Matching {

		Rule {
			Objects.requireNonNull(pattern, "pattern");
			Objects.requireNonNull(authorization, "authorization");
		}

	}

}
