package org.negotiatetcp.boot.autoconfigure.health;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import org.negotiatetcp.boot.autoconfigure.NegotiateCredentialsAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateServerAutoConfiguration;
import org.negotiatetcp.boot.context.NegotiateServerBootstrap;
import org.negotiatetcp.boot.health.NegotiateServerHealthIndicator;
import org.negotiatetcp.boot.test.TestRealm;
import org.negotiatetcp.channel.NegotiateChannelHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health indicator of a real auto-configured server: Up, and Down with an actionable reason for each thing that can
 * break (listener, keytab, principal, KDC).
 */
@SuppressWarnings("unchecked")
class NegotiateHealthContributorAutoConfigurationTests {

	private static final String KRB5_CONF = "java.security.krb5.conf";

	private final String krb5Conf = TestRealm.get().krb5Conf().toString();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NegotiateCredentialsAutoConfiguration.class,
				NegotiateServerAutoConfiguration.class, NegotiateHealthContributorAutoConfiguration.class))
		.withBean(NegotiateChannelHandler.class, () -> (channel) -> Mono.empty())
		.withPropertyValues(TestRealm.get().credentialProperties())
		.withPropertyValues("negotiate.tcp.server.credential=service", "negotiate.tcp.server.port=0",
				"negotiate.tcp.server.address=127.0.0.1");

	@TempDir
	Path temp;

	@AfterEach
	void restoreKrb5Conf() {
		System.setProperty(KRB5_CONF, this.krb5Conf);
	}

	@Test
	void upWhenBoundWithAWorkingKeytab() {
		this.runner.run((context) -> {
			Health health = context.getBean(NegotiateServerHealthIndicator.class).health();
			int port = context.getBean(NegotiateServerBootstrap.class).getServer().port();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("listener", "127.0.0.1:" + port)
				.containsEntry("sessions", 0)
				.doesNotContainKey("reason")
				.doesNotContainKey("kdc");
			assertThat((Map<String, Object>) health.getDetails().get("credential")).containsEntry("principal", "host/localhost")
				.hasEntrySatisfying("keys", (keys) -> assertThat((Integer) keys).isPositive());
		});
	}

	@Test
	void downWhenTheListenerIsStopped() {
		this.runner.run((context) -> {
			context.getBean(NegotiateServerBootstrap.class).stop();
			Health health = context.getBean(NegotiateServerHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("listener", "not bound");
			assertThat((String) health.getDetails().get("reason")).contains("not listening");
		});
	}

	@Test
	void downWhenTheKeytabDisappears() throws IOException {
		Path keytab = Files.copy(TestRealm.get().file("service.keytab"), this.temp.resolve("service.keytab"));
		this.runner.withPropertyValues("negotiate.tcp.credentials.service.keytab=" + keytab).run((context) -> {
			assertThat(context.getBean(NegotiateServerHealthIndicator.class).health().getStatus())
				.isEqualTo(Status.UP);
			Files.delete(keytab);
			Health health = context.getBean(NegotiateServerHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) health.getDetails().get("reason")).contains("does not load any more")
				.contains(keytab.toString())
				.contains("does not exist or is not readable");
		});
	}

	@Test
	void downWhenTheKeytabNoLongerHoldsThePrincipal() throws IOException {
		Path keytab = Files.copy(TestRealm.get().file("service.keytab"), this.temp.resolve("service.keytab"));
		this.runner.withPropertyValues("negotiate.tcp.credentials.service.keytab=" + keytab).run((context) -> {
			// the keytab is replaced by one for another principal (a botched key rotation)
			Files.copy(TestRealm.get().file("bob.keytab"), keytab, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			Health health = context.getBean(NegotiateServerHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) health.getDetails().get("reason")).contains("has no key for host/localhost");
		});
	}

	@Test
	void kdcCheckIsUpWhenTheRealmsKdcAnswers() {
		this.runner.withPropertyValues("negotiate.tcp.health.kdc.enabled=true").run((context) -> {
			Health health = context.getBean(NegotiateServerHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat((Map<String, Object>) health.getDetails().get("kdc")).containsEntry("realm", TestRealm.get().realm())
				.hasEntrySatisfying("reachable", (value) -> assertThat(value).asString().contains(":"));
		});
	}

	@Test
	void kdcCheckIsDownWhenNoKdcAnswers() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		Path conf = this.temp.resolve("krb5.conf");
		Files.writeString(conf, """
				[libdefaults]
				  default_realm = EXAMPLE.COM
				  udp_preference_limit = 1
				[realms]
				  EXAMPLE.COM = {
				    kdc = 127.0.0.1:%d
				  }
				""".formatted(closedPort));
		this.runner
			.withPropertyValues("negotiate.tcp.health.kdc.enabled=true", "negotiate.tcp.health.kdc.timeout=500ms",
					"negotiate.tcp.kerberos.krb5-conf=" + conf)
			.run((context) -> {
				Health health = context.getBean(NegotiateServerHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat((String) health.getDetails().get("reason")).contains("The KDC does not answer")
					.contains("127.0.0.1:" + closedPort)
					.contains(conf.toString());
			});
	}

	@Test
	void noIndicatorWhenDisabled() {
		this.runner.withPropertyValues("management.health.negotiate.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(NegotiateServerHealthIndicator.class));
	}

	@Test
	void noIndicatorWithoutSpringBootHealth() {
		this.runner.withClassLoader(new FilteredClassLoader(AbstractHealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(NegotiateServerHealthIndicator.class));
	}

	@Test
	void noIndicatorWithoutAServer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NegotiateCredentialsAutoConfiguration.class,
					NegotiateServerAutoConfiguration.class, NegotiateHealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(NegotiateServerHealthIndicator.class));
	}

}
