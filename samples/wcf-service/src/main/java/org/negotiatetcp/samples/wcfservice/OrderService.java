package org.negotiatetcp.samples.wcfservice;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import javax.xml.namespace.QName;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import org.negotiatetcp.soap.Soap12;
import org.negotiatetcp.soap.SoapFaultException;

/**
 * The service: every operation runs with the calling client's {@link Authentication} in the
 * {@link SecurityContextHolder}; {@link #cancel} is for managers only ({@code @PreAuthorize}), and a refused client
 * gets WCF's access denied fault ({@code SecurityAccessDeniedException} in a WCF client).
 */
public class OrderService implements Orders {

	/** The fault subcode of {@link #cancel} for an unknown order. */
	public static final QName UNKNOWN_ORDER = new QName(NAMESPACE, "UnknownOrder", "o");

	private static final Log logger = LogFactory.getLog(OrderService.class);

	private final AtomicInteger numbers = new AtomicInteger();

	private final Map<Integer, Order> orders = new ConcurrentHashMap<>();

	private final Queue<String> notes = new ConcurrentLinkedQueue<>();

	@Override
	public String whoAmI() {
		Authentication client = client();
		return client.getName() + " "
				+ client.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList();
	}

	@Override
	public Order place(Order order) {
		Order placed = new Order(this.numbers.incrementAndGet(), order.getItem(), client().getName(),
				order.getQuantity());
		this.orders.put(placed.getId(), placed);
		logger.info("Placed " + placed);
		return placed;
	}

	@Override
	@PreAuthorize("hasRole('MANAGER')")
	public String cancel(int id) throws SoapFaultException {
		Order cancelled = this.orders.remove(id);
		if (cancelled == null) {
			throw new SoapFaultException(Soap12.SENDER, List.of(UNKNOWN_ORDER), "There is no order " + id, null);
		}
		logger.info("Cancelled " + cancelled + " for " + client().getName());
		return "cancelled order " + id + " by " + client().getName();
	}

	@Override
	public void note(String text) {
		this.notes.add(text);
	}

	@Override
	public String notes() {
		return String.join(",", this.notes);
	}

	private static Authentication client() {
		Authentication client = SecurityContextHolder.getContext().getAuthentication();
		if (client == null) {
			throw new IllegalStateException("No client in the security context");
		}
		return client;
	}

}
