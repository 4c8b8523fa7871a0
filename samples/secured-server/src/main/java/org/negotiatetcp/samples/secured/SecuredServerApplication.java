package org.negotiatetcp.samples.secured;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.netty.buffer.Unpooled;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import org.negotiatetcp.boot.security.NegotiateSecurity;
import org.negotiatetcp.boot.security.NegotiateSecurityContext;
import org.negotiatetcp.boot.security.NegotiateSecuritySessionAuthorizer;
import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.security.ImpersonationLevel;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasAnyRole;
import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasRole;

/**
 * A Negotiate TCP server secured with Spring Security: clients get their roles from {@code secured.roles} (a
 * {@link UserDetailsService}); {@code /orders} needs ORDERS, {@code /reports} needs REPORTS or ORDERS,
 * {@code /delegate} needs a client that delegated its credential; the order service itself is
 * {@code @PreAuthorize}-protected.
 */
@SpringBootApplication
@EnableMethodSecurity
@EnableConfigurationProperties(SecuredServerApplication.Roles.class)
public class SecuredServerApplication {

	/**
	 * Run the server until stopped.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		SpringApplication.run(SecuredServerApplication.class, args);
	}

	/**
	 * The roles of each client principal.
	 * @param roles roles by principal name ({@code alice@EXAMPLE.COM} or {@code EXAMPLE\\alice})
	 */
	@ConfigurationProperties("secured")
	record Roles(Map<String, String[]> roles) {
	}

	/**
	 * Authorities by client name.
	 * @param roles the configured roles
	 * @return the user details service
	 */
	@Bean
	UserDetailsService users(Roles roles) {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
		roles.roles().forEach((name, granted) -> {
			UserDetails user = User.withUsername(name).password("{noop}not-used").roles(granted).build();
			users.createUser(user);
		});
		return users;
	}

	/**
	 * The session rules.
	 * @param security the DSL
	 * @return the authorizer
	 */
	@Bean
	NegotiateSecuritySessionAuthorizer negotiateAuthorizer(NegotiateSecurity security) {
		return security.authorizeVia("/orders/**", hasRole("ORDERS"))
			.authorizeVia("/reports/**", hasAnyRole("REPORTS", "ORDERS"))
			.minimumImpersonationLevel("/delegate/**", ImpersonationLevel.DELEGATION)
			.build();
	}

	/**
	 * The order service.
	 * @return the service
	 */
	@Bean
	OrderService orderService() {
		return new OrderService();
	}

	/**
	 * The handler: every message is an order; the reply says who placed it, or why not.
	 * @param orders the order service
	 * @return the handler
	 */
	@Bean
	NegotiateChannelHandler ordersHandler(OrderService orders) {
		return (channel) -> channel.send(channel.receive()
			.map((message) -> message.toString(StandardCharsets.UTF_8))
			.concatMap((order) -> NegotiateSecurityContext.blocking(() -> orders.place(order))
				.onErrorResume(AccessDeniedException.class, (ex) -> Mono.just("refused: " + ex.getMessage())))
			.map((reply) -> Unpooled.copiedBuffer(reply, StandardCharsets.UTF_8)));
	}

	/**
	 * Places orders for clients with the ORDERS role.
	 */
	public static class OrderService {

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

}
