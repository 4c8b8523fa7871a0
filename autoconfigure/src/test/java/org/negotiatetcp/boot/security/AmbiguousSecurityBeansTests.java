package org.negotiatetcp.boot.security;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.AuthenticationUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.boot.autoconfigure.NegotiateClientAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateCredentialsAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateSecurityAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateServerAutoConfiguration;
import org.negotiatetcp.boot.security.diagnostics.AmbiguousSecurityBeanException;
import org.negotiatetcp.boot.test.TestRealm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.negotiatetcp.boot.security.NegotiateSecurityIntegrationTests.call;
import static org.negotiatetcp.boot.security.NegotiateSecurityIntegrationTests.refusal;
import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasRole;
import static org.springframework.security.authorization.SingleResultAuthorizationManager.permitAll;

/**
 * Fail closed on ambiguity: two {@code UserDetailsService}, {@code AuthenticationUserDetailsService} or
 * {@code SessionAuthorizer} beans stop the application with a message naming both beans and the fix, and Boot's
 * failure report shows it; with one of them {@code @Primary} the application starts and the server uses that one,
 * end to end over a real channel.
 */
@ExtendWith(OutputCaptureExtension.class)
class AmbiguousSecurityBeansTests {

	private final ApplicationContextRunner runner = NegotiateSecurityIntegrationTests.serverAndClient()
		.withPropertyValues("negotiate.tcp.client.credential=alice",
				"negotiate.tcp.client.endpoints.orders.address=net.tcp://localhost:${local.negotiate.tcp.server.port}/orders");

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void twoCandidatesStopTheApplication(Class<?> configuration, String bean, String otherBean, String need) {
		this.runner.withUserConfiguration(configuration).run((context) -> {
			AmbiguousSecurityBeanException failure = ambiguity(context);
			assertThat(failure.getBeanNamesFound()).containsExactlyInAnyOrder(bean, otherBean);
			assertThat(failure.getMessage()).contains(need)
				.contains("'" + bean + "': defined by method '" + bean + "'")
				.contains("'" + otherBean + "': defined by method '" + otherBean + "'")
				.contains("@Primary");
		});
	}

	static Stream<Arguments> twoCandidatesStopTheApplication() {
		return Stream.of(
				arguments(TwoUserDirectories.class, "users", "otherUsers",
						"A single UserDetailsService bean is needed to look up every Negotiate TCP client"),
				arguments(TwoTokenDirectories.class, "byToken", "otherByToken",
						"A single AuthenticationUserDetailsService bean is needed"),
				arguments(TwoAuthorizers.class, "adminsOnly", "everyone",
						"A single SessionAuthorizer bean is needed to authorize every session"));
	}

	@Test
	void primaryUserDetailsServiceIsTheOneClientsAreLookedUpIn() {
		this.runner.withUserConfiguration(TwoUserDirectories.class).withInitializer(primary("users")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(call(context, "alice", "orders", "whoami")).singleElement()
				.asString()
				.startsWith("alice@EXAMPLE.COM [ROLE_ORDERS]");
			// bob is only in the other directory: the primary one does not know him, so he is refused
			assertThat(refusal(context, "bob", "orders").reason()).isEqualTo(FailureReason.POLICY);
		});
	}

	@Test
	void primarySessionAuthorizerIsTheOneTheServerUses() {
		this.runner.withUserConfiguration(TwoAuthorizers.class).withInitializer(primary("adminsOnly")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(refusal(context, "alice", "orders").reason()).isEqualTo(FailureReason.POLICY);
		});
	}

	@Test
	void bootReportsTheAmbiguityAsAFailureAnalysis(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(ServerWithTwoUserDirectories.class)
			.web(WebApplicationType.NONE)
			.properties(TestRealm.get().credentialProperties())
			.properties("negotiate.tcp.server.address=127.0.0.1", "negotiate.tcp.server.port=0",
					"negotiate.tcp.server.credential=service", "spring.main.banner-mode=off");
		assertThat(org.assertj.core.api.Assertions.catchThrowable(application::run)).isNotNull();
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The Negotiate TCP server needs a single UserDetailsService bean to look up every Negotiate "
					+ "TCP client (user@REALM, DOMAIN\\user) for its authorities, but 2 were found:")
			.contains("\t- 'users': defined by method 'users'")
			.contains("\t- 'otherUsers': defined by method 'otherUsers'")
			.contains("Action:")
			.contains("Mark the one that knows your Negotiate TCP clients @Primary, define only one");
	}

	private static AmbiguousSecurityBeanException ambiguity(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof AmbiguousSecurityBeanException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("an AmbiguousSecurityBeanException in %s", context.getStartupFailure()).isNotNull();
		return (AmbiguousSecurityBeanException) failure;
	}

	/**
	 * Mark a bean of the user configuration {@code @Primary}, as its {@code @Bean} method would be.
	 */
	private static ApplicationContextInitializer<ConfigurableApplicationContext> primary(String beanName) {
		return (context) -> context.addBeanFactoryPostProcessor(
				(beanFactory) -> beanFactory.getBeanDefinition(beanName).setPrimary(true));
	}

	static InMemoryUserDetailsManager directory(String name, String role) {
		return new InMemoryUserDetailsManager(User.withUsername(name).password("{noop}unused").roles(role).build());
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoUserDirectories {

		@Bean
		UserDetailsService users() {
			return directory("alice@EXAMPLE.COM", "ORDERS");
		}

		@Bean
		UserDetailsService otherUsers() {
			return directory("bob@EXAMPLE.COM", "REPORTS");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoTokenDirectories {

		@Bean
		AuthenticationUserDetailsService<NegotiateAuthenticationToken> byToken() {
			return (token) -> User.withUsername(token.getName()).password("{noop}unused").roles("ORDERS").build();
		}

		@Bean
		AuthenticationUserDetailsService<NegotiateAuthenticationToken> otherByToken() {
			return (token) -> User.withUsername(token.getName()).password("{noop}unused").roles("REPORTS").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoAuthorizers {

		@Bean
		NegotiateSecuritySessionAuthorizer adminsOnly(NegotiateSecurity security) {
			return security.anyVia(hasRole("ADMIN")).build();
		}

		@Bean
		NegotiateSecuritySessionAuthorizer everyone(NegotiateSecurity security) {
			return security.anyVia(permitAll()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ NegotiateCredentialsAutoConfiguration.class, NegotiateClientAutoConfiguration.class,
			NegotiateSecurityAutoConfiguration.class, NegotiateServerAutoConfiguration.class })
	@Import({ NegotiateSecurityIntegrationTests.Handler.class, TwoUserDirectories.class })
	static class ServerWithTwoUserDirectories {

	}

}
