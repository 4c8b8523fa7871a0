package org.negotiatetcp;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Base of every failure Negotiate TCP reports. Each carries a {@link FailureReason}; the message says what was wrong
 * and, where it can, how to fix it. Each also names its own {@link #outcome() outcome}, the low-cardinality value
 * logs, metrics and observations record, so that none of them needs to know the concrete exception types.
 */
public class NegotiateException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final FailureReason reason;

	public NegotiateException(FailureReason reason, String message) {
		this(reason, message, null);
	}

	public NegotiateException(FailureReason reason, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.reason = Objects.requireNonNull(reason, "reason");
	}

	/**
	 * Return the low-cardinality reason of this failure.
	 * @return the reason, never {@code null}
	 */
	public FailureReason reason() {
		return this.reason;
	}

	/**
	 * Return the low-cardinality outcome this failure is recorded as: the {@link #reason() reason}'s name unless a
	 * subclass knows a more precise, still low-cardinality, name (a [MC-NMF] framing fault, for example
	 * {@code EndpointNotFound}).
	 * @return the outcome, never {@code null}
	 */
	public String outcome() {
		return this.reason.name();
	}

}
