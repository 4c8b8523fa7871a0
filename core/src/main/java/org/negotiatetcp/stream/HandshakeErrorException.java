package org.negotiatetcp.stream;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;

/**
 * The peer sent an [MS-NNS] HandshakeError message: it refused the authentication.
 */
public class HandshakeErrorException extends NegotiateException {

	private static final long serialVersionUID = 1L;

	private final int errorCode;

	/**
	 * Create the exception.
	 * @param errorCode the code the peer sent
	 * @param context what this side was doing, for the message
	 */
	public HandshakeErrorException(int errorCode, String context) {
		super((errorCode == HandshakeErrorPayload.ERROR_TRUST_FAILURE) ? FailureReason.POLICY : FailureReason.PEER_ERROR,
				"The peer refused the authentication with " + HandshakeErrorPayload.describe(errorCode) + " " + context);
		this.errorCode = errorCode;
	}

	/**
	 * Return the error code the peer sent.
	 * @return the code
	 */
	public int errorCode() {
		return this.errorCode;
	}

}
