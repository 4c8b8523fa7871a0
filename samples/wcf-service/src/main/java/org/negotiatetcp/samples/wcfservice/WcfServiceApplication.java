package org.negotiatetcp.samples.wcfservice;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import org.negotiatetcp.boot.security.NegotiateSecurity;
import org.negotiatetcp.boot.security.NegotiateSecuritySessionAuthorizer;
import org.negotiatetcp.boot.server.NegotiateVia;
import org.negotiatetcp.soap.service.SoapService;

import static org.springframework.security.authorization.AuthenticatedAuthorizationManager.authenticated;
import static org.springframework.security.authorization.SingleResultAuthorizationManager.permitAll;

/**
 * A service for WCF ({@code NetTcpBinding}) and WWSAPI clients: the {@link Orders} contract on
 * {@code net.tcp://<host>:8808/orders}, Windows security (Kerberos or NTLM, encrypted), roles from
 * {@code orders.roles}, {@code Cancel} for managers only. With the profile {@code unsecured}, WCF's
 * {@code SecurityMode.None} instead: every client anonymous (for peers such as Mono's WCF).
 */
@SpringBootApplication
@EnableMethodSecurity
@EnableConfigurationProperties(WcfServiceApplication.Roles.class)
public class WcfServiceApplication {

	/**
	 * Run the service until stopped.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		SpringApplication.run(WcfServiceApplication.class, args);
	}

	/**
	 * The roles of each client, by the name the handshake authenticated.
	 * @param roles roles by client name ({@code alice@EXAMPLE.COM} for Kerberos, {@code EXAMPLE\\alice} for NTLM)
	 */
	@ConfigurationProperties("orders")
	record Roles(Map<String, String[]> roles) {
	}

	/**
	 * The directory the security bridge looks clients up in: a client it does not know is refused.
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
	 * The session rule of {@code /orders}: authenticated clients, or anyone when anonymous clients are allowed (the
	 * {@code unsecured} profile, where every client is anonymous).
	 * @param security the DSL
	 * @param anonymousClients {@code negotiate.tcp.server.allow-anonymous-clients}
	 * @return the authorizer
	 */
	@Bean
	NegotiateSecuritySessionAuthorizer negotiateAuthorizer(NegotiateSecurity security,
			@Value("${negotiate.tcp.server.allow-anonymous-clients:false}") boolean anonymousClients) {
		return security.authorizeVia("/orders/**", anonymousClients ? permitAll() : authenticated()).build();
	}

	/**
	 * The service, on the via {@code /orders}.
	 * @return the service
	 */
	@Bean
	@SoapService
	@NegotiateVia("/orders")
	OrderService orderService() {
		return new OrderService();
	}

}
