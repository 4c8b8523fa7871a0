package org.negotiatetcp.boot.security;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

import org.negotiatetcp.security.ImpersonationLevel;

/**
 * The impersonation-level policy: the client must allow at least the level the via needs (the first matching rule,
 * at least the global minimum), for example {@link ImpersonationLevel#DELEGATION} where the service calls on as the
 * client.
 *
 * @author Negotiate TCP
 */
final class ImpersonationLevelAuthorizationManager implements AuthorizationManager<NegotiateAuthorizationContext> {

	private final List<Rule> rules;

	private final ImpersonationLevel minimum;

	ImpersonationLevelAuthorizationManager(List<Rule> rules, ImpersonationLevel minimum) {
		this.rules = List.copyOf(rules);
		this.minimum = Objects.requireNonNull(minimum, "minimum");
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			NegotiateAuthorizationContext context) {
		ImpersonationLevel required = required(context);
		ImpersonationLevel allowed = context.securityInfo().impersonationLevel();
		if (allowed.isAtLeast(required)) {
			return NegotiateAuthorizationDecision.granted();
		}
		return NegotiateAuthorizationDecision.denied("allows impersonation level " + allowed + " but at least "
				+ required + " is required; the client must set allowed-impersonation-level to "
				+ required.name().toLowerCase(Locale.ROOT)
				+ ((required == ImpersonationLevel.DELEGATION) ? " and have a forwardable ticket" : ""));
	}

	private ImpersonationLevel required(NegotiateAuthorizationContext context) {
		Rule rule = ViaPathPattern.firstMatch(this.rules, context);
		return (rule != null && rule.level().isAtLeast(this.minimum)) ? rule.level() : this.minimum;
	}

	@Override
	public String toString() {
		return "minimum impersonation level " + this.minimum + " " + this.rules;
	}

	/**
	 * A minimum impersonation level for the vias whose path matches a pattern.
	 * @param pattern the via path pattern
	 * @param level the minimum level
	 */
	record Rule(ViaPathPattern pattern, ImpersonationLevel level) implements ViaPathPattern.Matching {

		Rule {
			Objects.requireNonNull(pattern, "pattern");
			Objects.requireNonNull(level, "level");
		}

	}

}
