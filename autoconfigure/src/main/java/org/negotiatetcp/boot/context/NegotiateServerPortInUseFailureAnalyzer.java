package org.negotiatetcp.boot.context;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link NegotiateServerPortInUseException}, as Boot does for a web server's port.
 *
 * @author Negotiate TCP
 */
class NegotiateServerPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<NegotiateServerPortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NegotiateServerPortInUseException cause) {
		return new FailureAnalysis("Negotiate TCP server failed to start. Port " + cause.getPort()
				+ " was already in use.",
				"Identify and stop the process that's listening on port " + cause.getPort()
						+ ", or configure this application to listen on another port with negotiate.tcp.server.port "
						+ "(0 picks a free port, published as local.negotiate.tcp.server.port).",
				cause);
	}

}
