package org.negotiatetcp.boot.server;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link NegotiateRoutingException}: which handler beans are ambiguous, and how to map them.
 *
 * @author Negotiate TCP
 */
class NegotiateRoutingFailureAnalyzer extends AbstractFailureAnalyzer<NegotiateRoutingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NegotiateRoutingException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
