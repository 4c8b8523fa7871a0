package org.negotiatetcp.mechanism.kerberos.pac;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * A well-formed PAC does not match its ticket: its server signature does not verify with the service key, or its
 * client name differs from the ticket's client. The client is refused ({@link FailureReason#BAD_CREDENTIALS}).
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class PacVerificationException extends MechanismException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what did not verify
	 */
	public PacVerificationException(String message) {
		super(FailureReason.BAD_CREDENTIALS, "PAC refused: " + message);
	}

}
