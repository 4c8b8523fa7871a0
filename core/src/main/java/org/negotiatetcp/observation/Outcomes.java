package org.negotiatetcp.observation;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;

/**
 * The low-cardinality outcome of a handshake or a message: {@value #SUCCESS}, the name of a [MC-NMF] framing fault
 * (for example {@code EndpointNotFound}) when one was sent or received, or otherwise the {@link FailureReason} name
 * (for example {@code WRONG_TARGET}, {@code POLICY}, {@code TIMEOUT}).
 */
public final class Outcomes {

	/** The outcome of a handshake or message that succeeded. */
	public static final String SUCCESS = "SUCCESS";

	private Outcomes() {
	}

	/**
	 * Return the outcome that describes a failure.
	 * @param failure the failure
	 * @return the {@link NegotiateException#outcome() outcome} the failure names, or {@code INTERNAL} for an
	 * exception of another type
	 */
	public static String of(Throwable failure) {
		if (failure instanceof NegotiateException negotiate) {
			return negotiate.outcome();
		}
		return FailureReason.INTERNAL.name();
	}

}
