package org.negotiatetcp.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains a {@link NegotiateCredentialException}: which credential, which property, and the fix. Ordered before
 * Boot's analyzer of invalid property values, which would only say to review the value.
 *
 * @author Negotiate TCP
 */
class NegotiateCredentialFailureAnalyzer extends AbstractFailureAnalyzer<NegotiateCredentialException>
		implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NegotiateCredentialException cause) {
		String description = "The Negotiate TCP credential '" + cause.getCredential() + "' cannot be used.\n\n"
				+ "    Property: " + cause.getName() + "\n" + "    Value: \"" + cause.getValue() + "\"\n"
				+ "    Reason: " + cause.getReason();
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
