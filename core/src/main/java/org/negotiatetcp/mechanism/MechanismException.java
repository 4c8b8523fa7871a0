package org.negotiatetcp.mechanism;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;

/**
 * An authentication mechanism refused a token, failed to produce one, or failed to protect or verify data.
 */
public class MechanismException extends NegotiateException {

	private static final long serialVersionUID = 1L;

	public MechanismException(FailureReason reason, String message) {
		super(reason, message);
	}

	public MechanismException(FailureReason reason, String message, @Nullable Throwable cause) {
		super(reason, message, cause);
	}

}
