package org.negotiatetcp.soap.boot;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import reactor.core.publisher.Mono;

import org.negotiatetcp.boot.autoconfigure.NegotiateClientAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateCredentialsAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateSecurityAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateServerAutoConfiguration;
import org.negotiatetcp.boot.context.NegotiateServerPortInfoApplicationContextInitializer;
import org.negotiatetcp.boot.server.NegotiateRoutingException;
import org.negotiatetcp.boot.server.NegotiateVia;
import org.negotiatetcp.soap.client.ContractClient;
import org.negotiatetcp.soap.client.ServiceAccessDeniedException;
import org.negotiatetcp.soap.contract.OperationContract;
import org.negotiatetcp.soap.contract.ServiceContract;
import org.negotiatetcp.soap.service.SoapService;
import org.negotiatetcp.soap.session.StandardFaults;
import org.negotiatetcp.testsupport.EmbeddedRealm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The auto-configuration end to end: a {@link SoapService} bean served on its via by the auto-configured server,
 * called through {@link SoapContractClients} on configured endpoints, over real Kerberos channels (embedded KDC);
 * method security decides per operation with the client's {@code Authentication}.
 */
class SoapAutoConfigurationTests {

	private static EmbeddedRealm realm;

	private static Path bobKeytab;

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
		bobKeytab = realm.kdc().keytab("bob.keytab", "bob");
	}

	@AfterAll
	static void stopRealm() {
		realm.close();
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NegotiateCredentialsAutoConfiguration.class,
					NegotiateClientAutoConfiguration.class, NegotiateSecurityAutoConfiguration.class,
					NegotiateServerAutoConfiguration.class, SoapAutoConfiguration.class))
			.withInitializer(
					(context) -> new NegotiateServerPortInfoApplicationContextInitializer().initialize(context))
			.withPropertyValues("negotiate.tcp.kerberos.krb5-conf=" + realm.kdc().krb5Conf(),
					"negotiate.tcp.credentials.service.principal=host/localhost",
					"negotiate.tcp.credentials.service.keytab=" + realm.serviceKeytab(),
					"negotiate.tcp.credentials.alice.principal=alice",
					"negotiate.tcp.credentials.alice.keytab=" + realm.clientKeytab(),
					"negotiate.tcp.credentials.bob.principal=bob",
					"negotiate.tcp.credentials.bob.keytab=" + bobKeytab,
					"negotiate.tcp.server.address=127.0.0.1", "negotiate.tcp.server.port=0",
					"negotiate.tcp.server.credential=service", "negotiate.tcp.client.credential=alice",
					"negotiate.tcp.client.endpoints.accounts.address="
							+ "net.tcp://localhost:${local.negotiate.tcp.server.port}/accounts",
					"negotiate.tcp.client.endpoints.accounts-bob.address="
							+ "net.tcp://localhost:${local.negotiate.tcp.server.port}/accounts",
					"negotiate.tcp.client.endpoints.accounts-bob.credential=bob");
	}

	@Test
	void serviceBeanIsServedOnItsViaWithTheClientInTheSecurityContext() {
		runner().withUserConfiguration(Users.class, Service.class, MethodSecurity.class).run((context) -> {
			assertThat(context).hasNotFailed();
			SoapContractClients clients = context.getBean(SoapContractClients.class);
			Accounts alice = clients.create(Accounts.class, "accounts");
			Accounts bob = clients.create(Accounts.class, "accounts-bob");
			try {
				assertThat(alice.whoami()).isEqualTo("alice@" + realm.realm() + " [ROLE_ADMIN]");
				assertThat(bob.whoami()).isEqualTo("bob@" + realm.realm() + " [ROLE_TELLER]");
				assertThat(bob.whoamiReactive().block(java.time.Duration.ofSeconds(30)))
					.isEqualTo("bob@" + realm.realm());
				assertThat(alice.close("42")).isEqualTo("closed 42 by alice@" + realm.realm());
				ServiceAccessDeniedException denied = catchThrowableOfType(ServiceAccessDeniedException.class,
						() -> bob.close("43"));
				assertThat(denied.getFault().getReason()).isEqualTo("Access is denied.");
				assertThat(denied.getFault().getSubcodes()).containsExactly(StandardFaults.FAILED_AUTHENTICATION);
				// the refusal is per operation: the session goes on
				assertThat(bob.whoami()).startsWith("bob@");
				assertThat(context.getBean(Ledger.class).closed).containsExactly("42");
			}
			finally {
				((ContractClient) alice).close();
				((ContractClient) bob).close();
			}
		});
	}

	@Test
	void twoServicesWithTheSameActionOnOneViaFailStartupNamingThem() {
		runner().withUserConfiguration(Service.class, DuplicateService.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(NegotiateRoutingException.class)
				.hasMessageContaining("accountService")
				.hasMessageContaining("otherAccounts")
				.hasMessageContaining("is served twice")
				.hasMessageContaining("http://example.org/bank/IAccounts/");
		});
	}

	@ServiceContract(namespace = "http://example.org/bank", name = "IAccounts")
	public interface Accounts {

		@OperationContract(name = "Whoami")
		String whoami();

		@OperationContract(name = "WhoamiReactive")
		Mono<String> whoamiReactive();

		@OperationContract(name = "Close")
		String close(String account);

	}

	static class Ledger {

		final java.util.List<String> closed = new java.util.concurrent.CopyOnWriteArrayList<>();

	}

	public static class AccountService implements Accounts {

		private final Ledger ledger;

		AccountService(Ledger ledger) {
			this.ledger = ledger;
		}

		@Override
		public String whoami() {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			return authentication.getName() + " " + authentication.getAuthorities();
		}

		@Override
		public Mono<String> whoamiReactive() {
			return ReactiveSecurityContextHolder.getContext().map((context) -> context.getAuthentication().getName());
		}

		@Override
		@PreAuthorize("hasRole('ADMIN')")
		public String close(String account) {
			this.ledger.closed.add(account);
			return "closed " + account + " by " + SecurityContextHolder.getContext().getAuthentication().getName();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Service {

		@Bean
		@SoapService
		@NegotiateVia("/accounts")
		AccountService accountService(Ledger ledger) {
			return new AccountService(ledger);
		}

		@Bean
		Ledger ledger() {
			return new Ledger();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateService {

		@Bean
		@SoapService
		@NegotiateVia("/accounts")
		Accounts otherAccounts() {
			return new AccountService(new Ledger());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableMethodSecurity
	static class MethodSecurity {

	}

	@Configuration(proxyBeanMethods = false)
	static class Users {

		@Bean
		UserDetailsService users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("alice@" + realm.realm()).password("{noop}unused").roles("ADMIN").build(),
					User.withUsername("bob@" + realm.realm()).password("{noop}unused").roles("TELLER").build());
		}

	}

}
