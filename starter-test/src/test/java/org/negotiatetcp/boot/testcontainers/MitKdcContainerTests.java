package org.negotiatetcp.boot.testcontainers;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Import;

import org.negotiatetcp.boot.autoconfigure.NegotiateKerberosConnectionDetails;
import org.negotiatetcp.boot.testsupport.EchoConfiguration;
import org.negotiatetcp.channel.NegotiateChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real MIT KDC in a container (skipped without a Docker API), connected to the starter with
 * {@code @ServiceConnection}: the auto-configured server (service keytab copied out of the container) and client
 * (user keytab) authenticate through it.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = { "negotiate.tcp.server.port=0", "negotiate.tcp.server.address=127.0.0.1",
		"negotiate.tcp.server.credential=host-localhost", "negotiate.tcp.client.credential=alice" })
class MitKdcContainerTests {

	@Container
	@ServiceConnection
	static MitKdcContainer kdc = new MitKdcContainer().withRealm("CONTAINER.TEST")
		.withUser("alice", "alice-secret-1")
		.withService("host/localhost");

	@Autowired
	NegotiateChannelFactory factory;

	@Autowired
	NegotiateKerberosConnectionDetails connectionDetails;

	@Autowired
	List<String> peers;

	@Value("${local.negotiate.tcp.server.port}")
	int port;

	@Test
	void containerWritesKeytabsAndAHostKrb5Conf() throws Exception {
		assertThat(Files.size(kdc.getKeytab("alice"))).isPositive();
		assertThat(Files.size(kdc.getKeytab("host/localhost"))).isPositive();
		assertThat(Files.readString(kdc.getKrb5Conf())).contains("kdc = 127.0.0.1:" + kdc.getKdcPort())
			.contains("udp_preference_limit = 1");
		assertThat(kdc.getContainerInfo().getNetworkSettings().getPorts().getBindings())
			.hasEntrySatisfying(com.github.dockerjava.api.model.ExposedPort.tcp(MitKdcContainer.KDC_PORT),
					(bindings) -> assertThat(bindings).extracting((binding) -> binding.getHostIp())
						.containsOnly("127.0.0.1"));
		assertThat(this.connectionDetails.realm()).isEqualTo("CONTAINER.TEST");
		assertThat(this.connectionDetails.credentials()).containsOnlyKeys("alice", "host-localhost");
	}

	@Test
	void autoConfiguredClientAndServerAuthenticateThroughTheMitKdc() {
		assertThat(EchoConfiguration.roundTrip(this.factory, this.port, "over MIT")).isEqualTo("over MIT");
		assertThat(this.peers).containsExactly("alice@CONTAINER.TEST");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(EchoConfiguration.class)
	static class EchoApplication {

	}

}
