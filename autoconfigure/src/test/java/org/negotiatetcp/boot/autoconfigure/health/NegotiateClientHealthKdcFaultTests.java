package org.negotiatetcp.boot.autoconfigure.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.boot.autoconfigure.NegotiateClientAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateCredentialsAutoConfiguration;
import org.negotiatetcp.boot.health.NegotiateClientHealthIndicator;
import org.negotiatetcp.boot.test.TestRealm;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.kerberos.KerberosConfiguration;
import org.negotiatetcp.testsupport.FaultProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client health ({@code negotiateClient}) and the opt-in startup login check while the KDC goes down and comes
 * back: the embedded KDC behind a {@link FaultProxy} that stops listening ({@link FaultProxy.Mode#DOWN}) and listens
 * again on the same port. The health is Down with the reason naming the KDC while it is down, at startup (the login
 * fails) and at run time (the login is still valid, but new service tickets and the next login need the KDC), and
 * Up again once it returns, without a restart. At run time the KDC is probed (a TCP connection) only with
 * {@code negotiate.tcp.health.kdc.enabled=true}, as for the server's health; without it the health reports the valid
 * login.
 */
class NegotiateClientHealthKdcFaultTests {

	@AutoClose
	private final FaultProxy kdc = FaultProxy.start(TestRealm.get().kdcPort());

	@TempDir
	Path temp;

	private Path krb5Conf;

	@BeforeEach
	void krb5ConfNamingTheProxy() throws IOException {
		String conf = Files.readString(TestRealm.get().krb5Conf())
			.replaceAll("kdc = [^\\r\\n]*", "kdc = 127.0.0.1:" + this.kdc.port())
			.replace("[libdefaults]", "[libdefaults]\n    kdc_timeout = 3000\n    max_retries = 1");
		this.krb5Conf = Files.writeString(this.temp.resolve("krb5.conf"), conf);
	}

	@AfterEach
	void restoreKrb5Conf() {
		KerberosConfiguration.use(TestRealm.get().krb5Conf());
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NegotiateCredentialsAutoConfiguration.class,
					NegotiateClientAutoConfiguration.class, NegotiateClientLoginAutoConfiguration.class))
			.withPropertyValues("negotiate.tcp.kerberos.krb5-conf=" + this.krb5Conf,
					"negotiate.tcp.credentials.alice.principal=alice",
					"negotiate.tcp.credentials.alice.keytab=" + TestRealm.get().file("alice.keytab"),
					"negotiate.tcp.client.credential=alice", "negotiate.tcp.health.kdc.enabled=true");
	}

	@Test
	void healthIsDownWhileTheKdcIsDownAtStartupOrAtRunTimeAndUpWhenItReturns() {
		this.kdc.mode(FaultProxy.Mode.DOWN);
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			NegotiateClientHealthIndicator indicator = context.getBean(NegotiateClientHealthIndicator.class);
			Health down = indicator.health();
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) down.getDetails().get("reason")).startsWith("The client credential 'alice' cannot log "
					+ "in: Cannot reach a KDC of realm EXAMPLE.COM to log in alice@EXAMPLE.COM: tried 127.0.0.1:"
					+ this.kdc.port());
			this.kdc.mode(FaultProxy.Mode.FORWARD);
			assertThat(indicator.health().getStatus()).as("the KDC is back").isEqualTo(Status.UP);
			this.kdc.mode(FaultProxy.Mode.DOWN);
			Health downAgain = indicator.health();
			assertThat(downAgain.getStatus())
				.as(() -> "logged in, but the KDC is gone: " + downAgain.getDetails())
				.isEqualTo(Status.DOWN);
			assertThat((String) downAgain.getDetails().get("reason"))
				.startsWith("The client credential 'alice' cannot log in: Cannot reach a KDC of realm EXAMPLE.COM: no KDC "
						+ "of realm EXAMPLE.COM accepted a TCP connection")
				.contains("127.0.0.1:" + this.kdc.port())
				.contains("The ticket-granting ticket stays valid for")
				.contains(this.krb5Conf.toAbsolutePath().toString());
			this.kdc.mode(FaultProxy.Mode.FORWARD);
			assertThat(indicator.health().getStatus()).as("the KDC is back again").isEqualTo(Status.UP);
		});
	}

	@Test
	void withoutTheKdcProbeALoggedInClientStaysUpWhileTheKdcIsDown() {
		runner().withPropertyValues("negotiate.tcp.health.kdc.enabled=false").run((context) -> {
			NegotiateClientHealthIndicator indicator = context.getBean(NegotiateClientHealthIndicator.class);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			this.kdc.mode(FaultProxy.Mode.DOWN);
			assertThat(indicator.health().getStatus()).as("its tickets are valid; nothing probes the KDC")
				.isEqualTo(Status.UP);
		});
	}

	@Test
	void startupLoginCheckStopsTheApplicationNamingTheKdcWhenItIsDown() {
		this.kdc.mode(FaultProxy.Mode.DOWN);
		runner().withPropertyValues("negotiate.tcp.client.login-check=true").run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			while (failure != null && !(failure instanceof MechanismException)) {
				failure = failure.getCause();
			}
			assertThat(failure).isInstanceOfSatisfying(MechanismException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.CONNECTION))
				.hasMessageContaining("(negotiate.tcp.client.login-check=true) stops the application: Cannot reach a "
						+ "KDC of realm EXAMPLE.COM to log in alice@EXAMPLE.COM: tried 127.0.0.1:" + this.kdc.port());
		});
	}

}
