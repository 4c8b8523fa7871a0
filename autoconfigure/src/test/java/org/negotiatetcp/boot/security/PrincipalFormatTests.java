package org.negotiatetcp.boot.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The name a {@link UserDetailsService} is asked for, as the README documents it: {@code user@REALM} for a Kerberos
 * client (also through SPNEGO), <code>DOMAIN&#92;user</code> for an NTLM client. Real clients over real channels.
 */
class PrincipalFormatTests {

	@Test
	void kerberosClientIsLookedUpAsUserAtRealm() {
		NegotiateSecurityIntegrationTests.serverAndClient()
			.withUserConfiguration(RecordingUsers.class)
			.withPropertyValues("negotiate.tcp.client.credential=alice",
					"negotiate.tcp.client.endpoints.orders.address=net.tcp://localhost:${local.negotiate.tcp.server.port}/orders")
			.run((context) -> {
				assertThat(NegotiateSecurityIntegrationTests.call(context, "alice", "orders", "whoami"))
					.containsExactly("alice@EXAMPLE.COM [ROLE_CLIENT] KerberosNegotiateAuthenticationToken");
				assertThat(context.getBean(RecordingUserDetailsService.class).names())
					.containsExactly("alice@EXAMPLE.COM");
			});
	}

	@Test
	void ntlmClientIsLookedUpAsDomainBackslashUser() {
		NegotiateSecurityIntegrationTests.serverAndClient()
			.withUserConfiguration(RecordingUsers.class)
			.withPropertyValues("negotiate.tcp.server.ntlm.accounts[EXAMPLE\\dave]=dave-pw",
					"negotiate.tcp.credentials.dave.principal=EXAMPLE\\dave",
					"negotiate.tcp.credentials.dave.password=dave-pw", "negotiate.tcp.client.credential=dave",
					"negotiate.tcp.client.windows-integrated-auth-package=ntlm",
					"negotiate.tcp.client.require-server-auth=false",
					"negotiate.tcp.client.endpoints.orders.address=net.tcp://localhost:${local.negotiate.tcp.server.port}/orders")
			.run((context) -> {
				assertThat(NtlmSecurityIntegrationTests.call(context, "dave", "orders", "whoami"))
					.containsExactly("EXAMPLE\\dave [ROLE_CLIENT] NegotiateAuthenticationToken");
				assertThat(context.getBean(RecordingUserDetailsService.class).names()).containsExactly("EXAMPLE\\dave");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingUsers {

		@Bean
		RecordingUserDetailsService users() {
			return new RecordingUserDetailsService();
		}

	}

	/**
	 * Knows every name it is asked for, with the role {@code CLIENT}, and remembers the names.
	 */
	static class RecordingUserDetailsService implements UserDetailsService {

		private final List<String> names = new CopyOnWriteArrayList<>();

		@Override
		public UserDetails loadUserByUsername(String username) {
			this.names.add(username);
			return User.withUsername(username).password("{noop}unused").roles("CLIENT").build();
		}

		List<String> names() {
			return this.names;
		}

	}

}
