package org.negotiatetcp.mechanism.kerberos.pac;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * A PAC, or the authorization data holding it, is malformed: a count, length or offset points outside its buffer, a
 * required buffer is missing or an NDR header is wrong. The client is refused ({@link FailureReason#BAD_TOKEN}).
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class PacFormatException extends MechanismException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what is wrong, naming the structure and field
	 */
	public PacFormatException(String message) {
		super(FailureReason.BAD_TOKEN, "Malformed PAC: " + message);
	}

}
