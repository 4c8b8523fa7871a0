package org.negotiatetcp.boot.test.kerberos;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateChannelHandler;

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
		String reply = this.factory.open("net.tcp://localhost:" + this.port + "/echo")
			.flatMap((channel) -> channel.sendBytes("ping".getBytes())
				.then(channel.receiveBytes().next())
				.flatMap((bytes) -> channel.close().thenReturn(new String(bytes))))
			.block(Duration.ofSeconds(30));
		assertThat(reply).isEqualTo("ping");
		assertThat(this.peers).containsExactly("alice@BOOT.TEST");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EchoApplication {

		@Bean
		List<String> peers() {
			return new CopyOnWriteArrayList<>();
		}

		@Bean
		NegotiateChannelHandler echo(List<String> peers) {
			return (channel) -> {
				peers.add(channel.securityInfo().peerName());
				return channel.send(channel.receive().map(ByteBuf::retain));
			};
		}

	}

}
