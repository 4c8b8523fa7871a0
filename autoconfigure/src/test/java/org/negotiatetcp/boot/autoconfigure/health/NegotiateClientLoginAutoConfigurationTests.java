package org.negotiatetcp.boot.autoconfigure.health;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.boot.autoconfigure.NegotiateClientAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateCredentialsAutoConfiguration;
import org.negotiatetcp.boot.health.ClientCredentialLogins;
import org.negotiatetcp.boot.health.NegotiateClientHealthIndicator;
import org.negotiatetcp.boot.test.TestRealm;
import org.negotiatetcp.mechanism.MechanismException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client side's Kerberos logins against the embedded KDC: the opt-in startup login check stops the application
 * with the reason, and the client health indicator reports each credential's login and ticket lifetime.
 */
@SuppressWarnings("unchecked")
class NegotiateClientLoginAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NegotiateCredentialsAutoConfiguration.class,
				NegotiateClientAutoConfiguration.class, NegotiateClientLoginAutoConfiguration.class))
		.withPropertyValues(TestRealm.get().credentialProperties())
		.withPropertyValues("negotiate.tcp.credentials.mallory.principal=carol",
				"negotiate.tcp.credentials.mallory.password=not-carols-password");

	@Test
	void loginCheckIsOffByDefault() {
		this.runner.withPropertyValues("negotiate.tcp.client.credential=mallory")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ClientCredentialLogins.class));
	}

	@Test
	void loginCheckStopsStartupWhenTheClientCredentialCannotLogIn() {
		this.runner.withPropertyValues("negotiate.tcp.client.credential=mallory", "negotiate.tcp.client.login-check=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				while (failure != null && !(failure instanceof MechanismException)) {
					failure = failure.getCause();
				}
				assertThat(failure).isInstanceOfSatisfying(MechanismException.class,
						(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.BAD_CREDENTIALS))
					.hasMessageStartingWith("The client credential 'mallory' (negotiate.tcp.credentials.mallory) "
							+ "cannot log in, and the startup login check (negotiate.tcp.client.login-check=true) stops "
							+ "the application: Wrong password for carol@EXAMPLE.COM")
					.hasMessageContaining("set negotiate.tcp.client.login-check=false");
			});
	}

	@Test
	void loginCheckPassesAndTheHealthReportsTheTicketLifetime() {
		this.runner.withPropertyValues("negotiate.tcp.client.credential=alice", "negotiate.tcp.client.login-check=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Health health = context.getBean(NegotiateClientHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				Map<String, Object> alice = (Map<String, Object>) health.getDetails().get("alice");
				assertThat(alice).containsEntry("principal", "alice").containsEntry("type", "keytab");
				assertThat(java.time.Duration.parse((String) alice.get("ticketLifetimeRemaining")))
					.isGreaterThan(java.time.Duration.ofMinutes(10));
				assertThat(Instant.parse((String) alice.get("ticketExpiresAt"))).isAfter(Instant.now());
			});
	}

	@Test
	void healthIsDownWithTheLoginErrorWhenTheCredentialCannotLogIn() {
		this.runner.withPropertyValues("negotiate.tcp.client.credential=mallory")
			.run((context) -> {
				Health health = context.getBean(NegotiateClientHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat((String) health.getDetails().get("reason"))
					.startsWith("The client credential 'mallory' cannot log in: Wrong password for carol@EXAMPLE.COM");
				assertThat((Map<String, Object>) health.getDetails().get("mallory")).containsEntry("type", "password")
					.doesNotContainKey("ticketLifetimeRemaining");
			});
	}

	@Test
	void ntlmClientsDoNotLogInWithKerberos() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=mallory",
					"negotiate.tcp.client.windows-integrated-auth-package=ntlm",
					"negotiate.tcp.client.require-server-auth=false", "negotiate.tcp.client.login-check=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ClientCredentialLogins.class).credentials()).isEmpty();
				assertThat(context.getBean(NegotiateClientHealthIndicator.class).health().getStatus())
					.isEqualTo(Status.UP);
			});
	}

	@Test
	void healthIndicatorCanBeTurnedOff() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=alice", "management.health.negotiate-client.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(NegotiateClientHealthIndicator.class));
	}

}
