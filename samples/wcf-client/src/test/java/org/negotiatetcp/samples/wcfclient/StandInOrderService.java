package org.negotiatetcp.samples.wcfclient;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Bean;

import org.negotiatetcp.boot.server.NegotiateVia;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.soap.service.OperationInterceptor;
import org.negotiatetcp.soap.service.SoapService;

/**
 * A stand-in for the WCF service, for trying the client without one: the {@link Orders} contract served on
 * {@code /orders} by the same application (its Negotiate TCP server), telling each caller how it authenticated. Not a
 * {@code @Configuration} (component scanning must not find it): {@link TestWcfClientApplication} adds it.
 */
class StandInOrderService {

	private static final ThreadLocal<SecurityInfo> caller = new ThreadLocal<>();

	/**
	 * The service.
	 * @return the service
	 */
	@Bean
	@SoapService
	@NegotiateVia("/orders")
	Orders standInOrders() {
		return new Service();
	}

	/**
	 * Makes the calling client known to the operation (an application with Spring Security has it in the
	 * {@code SecurityContextHolder} instead).
	 * @return the interceptor
	 */
	@Bean
	OperationInterceptor callerInterceptor() {
		return (invocation) -> {
			caller.set(invocation.channel().securityInfo());
			try {
				return invocation.proceed();
			}
			finally {
				caller.remove();
			}
		};
	}

	private static SecurityInfo caller() {
		SecurityInfo info = caller.get();
		if (info == null) {
			throw new IllegalStateException("No caller");
		}
		return info;
	}

	static final class Service implements Orders {

		private final AtomicInteger numbers = new AtomicInteger();

		private final Queue<String> notes = new ConcurrentLinkedQueue<>();

		@Override
		public String whoAmI() {
			SecurityInfo info = caller();
			return info.peerName() + " (stand-in service: " + info.authPackage() + "/" + info.mechanism() + ", "
					+ info.protectionLevel() + ")";
		}

		@Override
		public Order place(Order order) {
			return new Order(this.numbers.incrementAndGet(), order.getItem(), caller().peerName(),
					order.getQuantity());
		}

		@Override
		public String cancel(int id) {
			return "cancelled order " + id + " by " + caller().peerName();
		}

		@Override
		public void note(String text) {
			this.notes.add(text);
		}

		@Override
		public String notes() {
			return String.join(",", this.notes);
		}

	}

}
