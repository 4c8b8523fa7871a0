package org.negotiatetcp.boot.security;

import reactor.core.publisher.Mono;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Method-secured services the test handler calls.
 */
final class Services {

	private Services() {
	}

	/**
	 * A blocking service.
	 */
	static class Orders {

		@PreAuthorize("hasRole('ORDERS')")
		public String place() {
			return "placed by " + SecurityContextHolder.getContext().getAuthentication().getName() + " on "
					+ Thread.currentThread().getName().replaceAll("-\\d+$", "");
		}

	}

	/**
	 * A reactive service.
	 */
	static class Reports {

		@PreAuthorize("hasRole('REPORTS')")
		public Mono<String> report() {
			return ReactiveSecurityContextHolder.getContext()
				.map((context) -> "report for " + context.getAuthentication().getName());
		}

	}

}
