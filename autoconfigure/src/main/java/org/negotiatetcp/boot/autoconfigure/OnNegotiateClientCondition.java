package org.negotiatetcp.boot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the client is configured, that is when any {@code negotiate.tcp.client.*} property is set.
 *
 * @author Negotiate TCP
 */
class OnNegotiateClientCondition extends SpringBootCondition {

	static final String PREFIX = "negotiate.tcp.client";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean configured = Binder.get(context.getEnvironment())
			.bind(PREFIX, Bindable.mapOf(String.class, Object.class))
			.map((map) -> !map.isEmpty())
			.orElse(false);
		return configured ? ConditionOutcome.match("a " + PREFIX + ".* property is set")
				: ConditionOutcome.noMatch("no " + PREFIX + ".* property is set");
	}

}
