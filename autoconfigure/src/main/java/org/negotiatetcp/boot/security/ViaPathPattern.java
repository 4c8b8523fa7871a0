package org.negotiatetcp.boot.security;

import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.util.AntPathMatcher;

/**
 * An Ant-style pattern matched against the path of a via, ignoring case.
 * @param pattern the pattern, for example {@code /orders/**}
 * @author Negotiate TCP
 */
record ViaPathPattern(String pattern) {

	private static final AntPathMatcher matcher = new AntPathMatcher();

	ViaPathPattern {
		Objects.requireNonNull(pattern, "pattern");
	}

	boolean matches(NegotiateAuthorizationContext context) {
		String path = context.path();
		return path != null && matcher.match(this.pattern.toLowerCase(Locale.ROOT), path);
	}

	static <T extends Matching> @Nullable T firstMatch(Iterable<T> rules, NegotiateAuthorizationContext context) {
		for (T rule : rules) {
			if (rule.pattern().matches(context)) {
				return rule;
			}
		}
		return null;
	}

	/**
	 * Something that applies to the vias matching a pattern.
	 */
	interface Matching {

		ViaPathPattern pattern();

	}

}
