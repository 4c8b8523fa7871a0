package org.negotiatetcp.samples.acl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.acls.domain.ObjectIdentityImpl;
import org.springframework.security.acls.domain.PrincipalSid;

import org.negotiatetcp.boot.acl.AccessRight;
import org.negotiatetcp.boot.acl.NegotiateObjectSecurity;

/**
 * Orders in memory; each one's ACL (owner, entries) in the ACL store.
 */
public class OrderService {

	private final Map<Long, String> orders = new ConcurrentHashMap<>();

	private final NegotiateObjectSecurity objectSecurity;

	public OrderService(NegotiateObjectSecurity objectSecurity) {
		this.objectSecurity = objectSecurity;
	}

	/**
	 * Place an order: the client owns it ({@code CreatePrivateObjectSecurity}).
	 * @param id the order's number
	 * @param text what is ordered
	 * @return the reply
	 */
	public String place(long id, String text) {
		this.objectSecurity.create("Order", id);
		this.orders.put(id, text);
		return "order " + id + " placed";
	}

	/**
	 * Read an order, if the client may ({@code AccessCheck}).
	 * @param id the order's number
	 * @return what is ordered
	 */
	@PreAuthorize("hasPermission(#id, 'Order', 'READ')")
	public String read(long id) {
		return this.orders.get(id);
	}

	/**
	 * Let another client read an order: its owner only ({@code SetPrivateObjectSecurity}).
	 * @param id the order's number
	 * @param client the other client, for example {@code bob@EXAMPLE.COM}
	 * @return the reply
	 */
	public String share(long id, String client) {
		this.objectSecurity.grant(new ObjectIdentityImpl("Order", id), new PrincipalSid(client), AccessRight.READ);
		return "order " + id + " shared with " + client;
	}

}
