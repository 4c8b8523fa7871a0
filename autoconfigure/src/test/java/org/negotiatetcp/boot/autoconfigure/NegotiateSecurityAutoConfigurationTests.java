package org.negotiatetcp.boot.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.Configurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.authentication.configuration.EnableGlobalAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import reactor.core.publisher.Mono;

import org.negotiatetcp.boot.security.NegotiateSecuritySessionAuthorizer;
import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which user directory the Spring Security bridge consults.
 */
class NegotiateSecurityAutoConfigurationTests {

	private static final SecurityInfo ALICE = new SecurityInfo("alice@EXAMPLE.COM", null, AuthPackage.SPNEGO,
			Mechanism.KERBEROS, ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IMPERSONATION, true, false, null);

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
				NegotiateCredentialsAutoConfiguration.class, NegotiateSecurityAutoConfiguration.class))
		.withUserConfiguration(GlobalAuthentication.class)
		.withBean(NegotiateChannelHandler.class, () -> (channel) -> Mono.empty());

	/**
	 * What a servlet application with Spring Security has: Boot then generates its single default user.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableGlobalAuthentication
	static class GlobalAuthentication {

	}

	@Test
	void springBootsGeneratedUserDoesNotRefuseEveryClient() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(UserDetailsService.class);
			Authentication authentication = authorize(context.getBean(NegotiateSecuritySessionAuthorizer.class));
			assertThat(authentication.getName()).isEqualTo("alice@EXAMPLE.COM");
			assertThat(authentication.getAuthorities()).isEmpty();
		});
	}

	@Test
	void applicationsOwnUserDetailsServiceGivesAuthoritiesAndRefusesUnknownClients() {
		this.runner
			.withBean(UserDetailsService.class,
					() -> new InMemoryUserDetailsManager(User.withUsername("alice@EXAMPLE.COM").password("n/a")
						.roles("ORDERS").build()))
			.run((context) -> {
				NegotiateSecuritySessionAuthorizer authorizer = context.getBean(NegotiateSecuritySessionAuthorizer.class);
				assertThat(authorize(authorizer).getAuthorities()).extracting(Object::toString)
					.containsExactly("ROLE_ORDERS");
				SecurityInfo mallory = new SecurityInfo("mallory@EXAMPLE.COM", null, AuthPackage.SPNEGO,
						Mechanism.KERBEROS, ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IMPERSONATION, true,
						false, null);
				assertThatThrownBy(() -> authorizer.authorize(mallory, "net.tcp://srv/orders")
					.block(Duration.ofSeconds(5))).hasMessageContaining("mallory");
			});
	}

	@Test
	void ordersItselfAfterSpringSecuritysAutoConfiguration() {
		Class<?>[] ordered = Configurations.getClasses(AutoConfigurations.of(NegotiateSecurityAutoConfiguration.class,
				UserDetailsServiceAutoConfiguration.class, SecurityAutoConfiguration.class));
		assertThat(ordered).containsSubsequence(SecurityAutoConfiguration.class,
				NegotiateSecurityAutoConfiguration.class);
		assertThat(ordered).containsSubsequence(UserDetailsServiceAutoConfiguration.class,
				NegotiateSecurityAutoConfiguration.class);
	}

	private static Authentication authorize(NegotiateSecuritySessionAuthorizer authorizer) {
		Authentication authentication = authorizer.authorize(ALICE, "net.tcp://srv/orders").block(Duration.ofSeconds(5));
		assertThat(authentication).isNotNull();
		return authentication;
	}

}
