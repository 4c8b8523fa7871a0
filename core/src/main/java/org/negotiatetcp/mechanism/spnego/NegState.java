package org.negotiatetcp.mechanism.spnego;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * The {@code negState} of a NegTokenResp (RFC 4178 4.2.2).
 */
public enum NegState {

	/** No further negotiation message from the peer is expected; the context is established. */
	ACCEPT_COMPLETED(0),

	/** At least one more message is needed. */
	ACCEPT_INCOMPLETE(1),

	/** The acceptor refuses the negotiation or the authentication. */
	REJECT(2),

	/** First reply only: the acceptor demands a mechListMIC exchange. */
	REQUEST_MIC(3);

	private final int value;

	NegState(int value) {
		this.value = value;
	}

	/**
	 * Return the ENUMERATED value on the wire.
	 * @return the value
	 */
	public int value() {
		return this.value;
	}

	/**
	 * Return the state for a wire value.
	 * @param value the ENUMERATED value
	 * @return the state
	 * @throws MechanismException with {@link FailureReason#BAD_TOKEN} for an undefined value
	 */
	public static NegState of(int value) {
		for (NegState state : values()) {
			if (state.value == value) {
				return state;
			}
		}
		throw Der.bad("undefined negState " + value);
	}

}
