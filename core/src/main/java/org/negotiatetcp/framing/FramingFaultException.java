package org.negotiatetcp.framing;

import java.util.Objects;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;

/**
 * The peer refused the session with a [MC-NMF] framing fault ({@link FailureReason#FAULT}).
 */
public class FramingFaultException extends NegotiateException {

	private static final long serialVersionUID = 1L;

	private final FramingFault fault;

	private final String via;

	/**
	 * Create an exception whose message names the fault, the via and the fault's likely cause.
	 * @param fault the fault the peer sent
	 * @param via the via of the session
	 */
	public FramingFaultException(FramingFault fault, String via) {
		super(FailureReason.FAULT, "The server refused the net.tcp session for via '" + via + "' with framing fault "
				+ fault.faultName() + " (" + fault.uri() + "): " + fault.likelyCause());
		this.fault = Objects.requireNonNull(fault, "fault");
		this.via = via;
	}

	/**
	 * Return the fault the peer sent.
	 * @return the fault
	 */
	public FramingFault fault() {
		return this.fault;
	}

	/**
	 * Return the name of the fault the peer sent, for example {@code EndpointNotFound}.
	 * @return the outcome
	 */
	@Override
	public String outcome() {
		return this.fault.faultName();
	}

	/**
	 * Return the via of the refused session.
	 * @return the via
	 */
	public String via() {
		return this.via;
	}

}
