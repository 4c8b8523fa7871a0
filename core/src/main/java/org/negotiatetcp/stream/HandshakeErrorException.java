package org.negotiatetcp.stream;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.mechanism.UnknownTargetException;

/**
 * The peer sent an [MS-NNS] HandshakeError message: it refused the authentication.
 */
public class HandshakeErrorException extends NegotiateException {

	private static final long serialVersionUID = 1L;

	private final int errorCode;

	private final String context;

	/**
	 * Create the exception.
	 * @param errorCode the code the peer sent
	 * @param context what this side was doing, for the message
	 */
	public HandshakeErrorException(int errorCode, String context) {
		super((errorCode == HandshakeErrorPayload.ERROR_TRUST_FAILURE) ? FailureReason.POLICY : FailureReason.PEER_ERROR,
				"The peer refused the authentication with " + HandshakeErrorPayload.describe(errorCode) + " " + context);
		this.errorCode = errorCode;
		this.context = context;
	}

	/**
	 * Return the same refusal with a message that names the setting choosing the target name where it says
	 * {@value UnknownTargetException#ENDPOINT_IDENTITY}, for example the configuration property of a named endpoint.
	 * @param setting the setting, for example {@code negotiate.tcp.client.endpoints.orders.identity}
	 * @return a new exception, or this one if its message names no setting
	 */
	public HandshakeErrorException withIdentitySetting(String setting) {
		if (!this.context.contains(UnknownTargetException.ENDPOINT_IDENTITY)) {
			return this;
		}
		HandshakeErrorException named = new HandshakeErrorException(this.errorCode,
				this.context.replace(UnknownTargetException.ENDPOINT_IDENTITY, setting));
		named.setStackTrace(getStackTrace());
		return named;
	}

	/**
	 * Return the error code the peer sent.
	 * @return the code
	 */
	public int errorCode() {
		return this.errorCode;
	}

}
