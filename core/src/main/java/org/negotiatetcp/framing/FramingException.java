package org.negotiatetcp.framing;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;

/**
 * The peer violated [MC-NMF] ({@link FailureReason#PROTOCOL}) or exceeded a {@link FramingLimits framing limit}
 * ({@link FailureReason#LIMIT}). When the specification defines a fault for the violation, a receiver should send
 * {@link #faultToSend()} in a Fault record before it closes the connection.
 */
public class FramingException extends NegotiateException {

	private static final long serialVersionUID = 1L;

	private final @Nullable FramingFault faultToSend;

	/**
	 * Create an exception.
	 * @param reason {@link FailureReason#PROTOCOL} or {@link FailureReason#LIMIT}
	 * @param message what was wrong and how to fix it
	 * @param faultToSend the fault to send to the peer, or {@code null} if the connection is just closed
	 */
	public FramingException(FailureReason reason, String message, @Nullable FramingFault faultToSend) {
		super(reason, message);
		this.faultToSend = faultToSend;
	}

	/**
	 * Create a {@link FailureReason#PROTOCOL} exception for which no fault is sent.
	 * @param message what was wrong
	 * @return the exception
	 */
	public static FramingException protocol(String message) {
		return new FramingException(FailureReason.PROTOCOL, message, null);
	}

	/**
	 * Return the fault a receiver should send before closing, if the specification defines one.
	 * @return the fault, or {@code null} to just close the connection
	 */
	public @Nullable FramingFault faultToSend() {
		return this.faultToSend;
	}

	/**
	 * Return the name of the {@link #faultToSend() fault to send} when there is one, otherwise the reason's name.
	 * @return the outcome
	 */
	@Override
	public String outcome() {
		return (this.faultToSend != null) ? this.faultToSend.faultName() : super.outcome();
	}

}
