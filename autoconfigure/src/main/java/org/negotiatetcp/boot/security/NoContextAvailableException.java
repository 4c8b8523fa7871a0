package org.negotiatetcp.boot.security;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;

/**
 * Thrown when work cannot run as the client because the client did not give the server a security context it can act
 * with: it is anonymous, it allowed identification only, or it allowed impersonation but not delegation. The
 * counterpart of RPC's {@code RPC_S_NO_CONTEXT_AVAILABLE} from {@code RpcImpersonateClient}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class NoContextAvailableException extends NegotiateException {

	private static final long serialVersionUID = 1L;

	/** The RPC status this failure corresponds to. */
	public static final String RPC_STATUS = "RPC_S_NO_CONTEXT_AVAILABLE";

	/**
	 * Create the exception.
	 * @param message what was missing and how to get it
	 */
	public NoContextAvailableException(String message) {
		super(FailureReason.POLICY, RPC_STATUS + ": " + message);
	}

}
