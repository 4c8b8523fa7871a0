package org.negotiatetcp.boot.test.kerberos;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import org.negotiatetcp.boot.testsupport.EchoConfiguration;
import org.negotiatetcp.channel.NegotiateChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code @SpringBootTest} configured by {@link EmbeddedKerberos} alone: the auto-configured server and client
 * authenticate against the embedded realm.
 */
@SpringBootTest(properties = { "negotiate.tcp.server.port=0", "negotiate.tcp.server.address=127.0.0.1" })
@EmbeddedKerberos(realm = "BOOT.TEST", users = "alice", services = "host/localhost")
class EmbeddedKerberosSpringBootTests {

	@Autowired
	NegotiateChannelFactory factory;

	@Autowired
	KerberosRealm realmBean;

	@Autowired
	List<String> peers;

	@Value("${local.negotiate.tcp.server.port}")
	int port;

	@Test
	void autoConfiguredClientAndServerAuthenticateInTheEmbeddedRealm(KerberosRealm realm) {
		assertThat(this.realmBean).isSameAs(realm);
		assertThat(EchoConfiguration.roundTrip(this.factory, this.port, "ping")).isEqualTo("ping");
		assertThat(this.peers).containsExactly("alice@BOOT.TEST");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(EchoConfiguration.class)
	static class EchoApplication {

	}

}
