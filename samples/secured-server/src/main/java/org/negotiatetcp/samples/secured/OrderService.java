package org.negotiatetcp.samples.secured;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Places orders for clients with the ORDERS role: a blocking service protected by method security, called through
 * {@code NegotiateSecurityContext.blocking(...)} so that the client is in the {@code SecurityContextHolder}.
 */
public class OrderService {

	/**
	 * Place an order as the current client.
	 * @param order the order
	 * @return the confirmation
	 */
	@PreAuthorize("hasRole('ORDERS')")
	public String place(String order) {
		return "order '" + order + "' placed by " + SecurityContextHolder.getContext().getAuthentication().getName();
	}

}
