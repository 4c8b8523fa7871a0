package org.negotiatetcp.boot.server;

/**
 * The application's handlers do not say unambiguously which handler serves which via: two handlers for the same via
 * pattern, several handlers without a via, or a via mapping the server configuration contradicts. Thrown at startup;
 * the message names the beans and {@link #getAction()} the fix.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class NegotiateRoutingException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String action;

	/**
	 * Create an exception.
	 * @param description what is ambiguous, naming the beans
	 * @param action how to fix it
	 */
	public NegotiateRoutingException(String description, String action) {
		super(description);
		this.action = action;
	}

	/**
	 * Return how to fix the mapping.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
