package org.negotiatetcp.stream;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;

/**
 * The peer violated [MS-NNS], or a limit was exceeded.
 */
public class NnsProtocolException extends NegotiateException {

	private static final long serialVersionUID = 1L;

	public NnsProtocolException(FailureReason reason, String message) {
		super(reason, message);
	}

	public NnsProtocolException(FailureReason reason, String message, @Nullable Throwable cause) {
		super(reason, message, cause);
	}

}
