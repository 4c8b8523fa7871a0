package org.negotiatetcp.samples.secured;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.test.kdc.EmbeddedKdcExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Runs the secured server against an embedded KDC: its user directory, its via rules and its {@code @PreAuthorize}
 * service, with Spring Security but without Spring Security Kerberos on the class path.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecuredServerApplicationTests {

	@RegisterExtension
	static final EmbeddedKdcExtension kdc = EmbeddedKdcExtension.realm("EXAMPLE.COM")
		.withKeytab("service.keytab", "host/localhost")
		.withKeytab("alice.keytab", "alice")
		.withKeytab("bob.keytab", "bob")
		.withKeytab("carol.keytab", "carol");

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		context = SpringApplication.run(SecuredServerApplication.class, "--negotiate.tcp.server.port=0",
				"--negotiate.tcp.kerberos.krb5-conf=" + kdc.get().krb5Conf(),
				"--negotiate.tcp.credentials.service.keytab=" + kdc.get().file("service.keytab"));
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void clientWithTheRolePlacesOrders(CapturedOutput output) {
		assertThat(send("alice", "/orders", "coffee")).containsExactly("order 'coffee' placed by alice@EXAMPLE.COM");
		// the sample leaves out the optional spring-security-kerberos-core: a plain NegotiateAuthenticationToken
		assertThat(ClassUtils.isPresent("org.springframework.security.kerberos.authentication.KerberosAuthentication",
				null)).isFalse();
		assertThat(output).contains("Session of alice@EXAMPLE.COM [ROLE_ORDERS] (NegotiateAuthenticationToken) on "
				+ "net.tcp://localhost:");
	}

	@Test
	void clientUnknownToTheUserDetailsServiceIsRefused() {
		NegotiateException refused = catchThrowableOfType(NegotiateException.class,
				() -> send("carol", "/reports", "coffee"));
		assertThat(refused.reason()).isEqualTo(FailureReason.POLICY);
	}

	@Test
	void clientWithoutTheRoleIsRefusedAtTheVia() {
		NegotiateException refused = catchThrowableOfType(NegotiateException.class,
				() -> send("bob", "/orders", "coffee"));
		assertThat(refused.reason()).isEqualTo(FailureReason.POLICY);
	}

	@Test
	void methodSecurityRefusesWhatTheViaAllows() {
		assertThat(send("bob", "/reports", "coffee")).singleElement().asString().startsWith("refused: Access Denied");
	}

	@Test
	void delegateViaNeedsADelegatedCredential() {
		NegotiateException refused = catchThrowableOfType(NegotiateException.class,
				() -> send("alice", "/delegate", "coffee"));
		assertThat(refused.reason()).isEqualTo(FailureReason.POLICY);
	}

	private static List<String> send(String user, String path, String order) {
		int port = context.getEnvironment().getRequiredProperty("local.negotiate.tcp.server.port", Integer.class);
		NegotiateChannelFactory factory = new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Keytab(user, kdc.get().file(user + ".keytab"))));
		return factory.open("net.tcp://localhost:" + port + path)
			.flatMapMany((channel) -> channel.send(Mono.just(Unpooled.copiedBuffer(order, StandardCharsets.UTF_8)))
				.thenMany(channel.receive().take(1).map((buf) -> buf.toString(StandardCharsets.UTF_8)))
				.concatWith(channel.close().then(Mono.empty())))
			.collectList()
			.block(Duration.ofSeconds(30));
	}

}
