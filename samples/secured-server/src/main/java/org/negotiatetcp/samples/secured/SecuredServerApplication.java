package org.negotiatetcp.samples.secured;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.netty.buffer.Unpooled;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.userdetails.User;
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
 * A Negotiate TCP server secured with Spring Security, the application of the README's walkthrough: clients get
 * their roles from {@code secured.roles} (a {@link UserDetailsService}); {@code /orders} needs ORDERS,
 * {@code /reports} needs REPORTS or ORDERS, {@code /delegate} needs a client that delegated its credential; the
 * handler reads the session's {@link Authentication} and calls the {@code @PreAuthorize}-protected
 * {@link OrderService}.
 */
@SpringBootApplication
@EnableMethodSecurity
@EnableConfigurationProperties(SecuredServerApplication.Roles.class)
public class SecuredServerApplication {

	private static final Log logger = LogFactory.getLog(SecuredServerApplication.class);

	/**
	 * Run the server until stopped.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		SpringApplication.run(SecuredServerApplication.class, args);
	}

	/**
	 * The roles of each client, by the name the handshake authenticated.
	 * @param roles roles by client name ({@code alice@EXAMPLE.COM} for Kerberos, {@code EXAMPLE\\alice} for NTLM)
	 */
	@ConfigurationProperties("secured")
	record Roles(Map<String, String[]> roles) {
	}

	/**
	 * The directory the bridge looks clients up in: a client it does not know is refused.
	 * @param roles the configured roles
	 * @return the user details service
	 */
	@Bean
	UserDetailsService users(Roles roles) {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
		roles.roles()
			.forEach((name, granted) -> users
				.createUser(User.withUsername(name).password("{noop}not-used").roles(granted).build()));
		return users;
	}

	/**
	 * The session rules, checked once per session when the handshake ends.
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
	 * The handler: logs who opened the session, then treats every message as an order; the reply says who placed
	 * it, or why not.
	 * @param orders the order service
	 * @return the handler
	 */
	@Bean
	NegotiateChannelHandler ordersHandler(OrderService orders) {
		return (channel) -> ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.doOnNext((client) -> logger.info("Session of " + client.getName() + " " + client.getAuthorities() + " ("
					+ client.getClass().getSimpleName() + ") on " + channel.via()))
			.then(channel.send(channel.receive()
				.map((message) -> message.toString(StandardCharsets.UTF_8))
				.concatMap((order) -> NegotiateSecurityContext.blocking(() -> orders.place(order))
					.onErrorResume(AccessDeniedException.class, (ex) -> Mono.just("refused: " + ex.getMessage())))
				.map((reply) -> Unpooled.copiedBuffer(reply, StandardCharsets.UTF_8))));
	}

}
