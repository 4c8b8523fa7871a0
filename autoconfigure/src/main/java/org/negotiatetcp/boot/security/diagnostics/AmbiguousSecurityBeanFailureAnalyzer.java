package org.negotiatetcp.boot.security.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports an {@link AmbiguousSecurityBeanException} as Spring Boot's "APPLICATION FAILED TO START" description and
 * action. Ordered before Boot's analyzer of {@code NoUniqueBeanDefinitionException}, whose generic advice does not
 * say what the bean is used for.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AmbiguousSecurityBeanFailureAnalyzer extends AbstractFailureAnalyzer<AmbiguousSecurityBeanException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AmbiguousSecurityBeanException cause) {
		return new FailureAnalysis(cause.getDescription(), cause.getAction(), cause);
	}

}
