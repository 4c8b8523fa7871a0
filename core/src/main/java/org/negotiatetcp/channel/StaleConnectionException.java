package org.negotiatetcp.channel;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;

/**
 * A pooled connection turned out to be closed before any byte of the new session arrived: the factory retries once
 * on a new connection, so this never reaches the application.
 */
final class StaleConnectionException extends NegotiateException {

	StaleConnectionException(String message, @Nullable Throwable cause) {
		super(FailureReason.CONNECTION, message, cause);
	}

}
