package org.negotiatetcp.observation;

import java.util.Locale;

/**
 * Whether a message was received from the peer or sent to it.
 */
public enum MessageDirection {

	/** A message the peer sent, verified and delivered to the application's inbound queue. */
	RECEIVED,

	/** A message the application sent, protected and written to the socket. */
	SENT;

	/**
	 * Return the value used in key values and tags: {@code received} or {@code sent}.
	 * @return the lower-case name
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
