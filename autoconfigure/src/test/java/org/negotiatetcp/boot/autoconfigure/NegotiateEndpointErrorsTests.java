package org.negotiatetcp.boot.autoconfigure;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.boot.client.NegotiateEndpoints;
import org.negotiatetcp.boot.test.TestRealm;
import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.channel.DisposableNegotiateServer;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.UnknownTargetException;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.stream.HandshakeErrorException;
import org.negotiatetcp.stream.HandshakeErrorPayload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A named endpoint whose identity the KDC does not know fails naming the endpoint's identity property, against a real
 * server and the embedded KDC.
 */
class NegotiateEndpointErrorsTests {

	private static DisposableNegotiateServer server;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NegotiateCredentialsAutoConfiguration.class,
				NegotiateClientAutoConfiguration.class))
		.withPropertyValues(TestRealm.get().credentialProperties());

	@BeforeAll
	static void startServer() {
		// registered in the KDC, but not in the server's keytab
		TestRealm.get().keytab("endpoint-errors.keytab", "host/elsewhere");
		AcceptorSettings acceptor = new AcceptorSettings(KerberosServiceCredentials
			.load(new ServiceCredential(TestRealm.get().file("service.keytab"), "host/localhost")), null,
				ProtectionLevel.ENCRYPT_AND_SIGN, false);
		server = NegotiateServer
			.create(new ServerSettings(ChannelMode.NET_TCP, Set.of("/orders"), acceptor, ChannelLimits.DEFAULTS),
					(channel) -> Mono.empty())
			.bindNow();
	}

	@AfterAll
	static void stopServer() {
		server.disposeNow(Duration.ofSeconds(5));
	}

	private Throwable openOrders(String credential) {
		return openOrders(credential, "spn:host/nowhere");
	}

	private Throwable openOrders(String credential, String identity) {
		Throwable[] failure = new Throwable[1];
		this.runner
			.withPropertyValues("negotiate.tcp.client.credential=" + credential,
					"negotiate.tcp.client.endpoints.orders.address=net.tcp://localhost:" + server.port() + "/orders",
					"negotiate.tcp.client.endpoints.orders.identity=" + identity)
			.run((context) -> failure[0] = catchThrowable(() -> context.getBean(NegotiateEndpoints.class)
				.get("orders")
				.open()
				.block(Duration.ofSeconds(60))));
		return failure[0];
	}

	@Test
	void spnUnknownToTheKdcNamesTheEndpointsIdentityProperty() {
		assertThat(openOrders("alice")).isInstanceOfSatisfying(UnknownTargetException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.WRONG_TARGET))
			.hasMessageStartingWith("The target name host/nowhere@EXAMPLE.COM is not registered in the KDC")
			.hasMessageContaining("Set negotiate.tcp.client.endpoints.orders.identity to the SPN of the server's account")
			.message()
			.doesNotContainIgnoringCase("kinit");
	}

	@Test
	void spnMissingFromTheServersKeytabNamesTheEndpointsIdentityProperty() {
		assertThat(openOrders("alice", "spn:host/elsewhere")).isInstanceOfSatisfying(HandshakeErrorException.class,
				(ex) -> assertThat(ex.errorCode()).isEqualTo(HandshakeErrorPayload.SEC_E_TARGET_UNKNOWN))
			.hasMessageContaining("the server holds no key for the target name host/elsewhere")
			.hasMessageContaining("or set negotiate.tcp.client.endpoints.orders.identity to an SPN the server holds");
	}

	@Test
	void spnUnknownToTheKdcWithARefusedNtlmFallbackNamesTheProperty() {
		assertThat(openOrders("carol")).isExactlyInstanceOf(MechanismException.class)
			.hasMessageStartingWith("The target name host/nowhere@EXAMPLE.COM is not registered in the KDC")
			.hasMessageContaining("Set negotiate.tcp.client.endpoints.orders.identity to the SPN")
			.hasMessageContaining("SPNEGO did not fall back to NTLM")
			.cause()
			.isInstanceOf(UnknownTargetException.class)
			.hasMessageContaining("negotiate.tcp.client.endpoints.orders.identity");
	}

}
