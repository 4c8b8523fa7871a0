package org.negotiatetcp.boot.context;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.negotiatetcp.boot.test.EchoApplication;
import org.negotiatetcp.boot.test.TestRealm;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocalNegotiateServerPort} in a {@code @SpringBootTest} whose server listens on a free port.
 */
@SpringBootTest(classes = EchoApplication.class,
		properties = { "negotiate.tcp.server.address=127.0.0.1", "negotiate.tcp.server.port=0",
				"negotiate.tcp.server.credential=service", "negotiate.tcp.client.credential=alice" })
class LocalNegotiateServerPortTests {

	@LocalNegotiateServerPort
	int port;

	@Autowired
	NegotiateServerBootstrap bootstrap;

	@Autowired
	NegotiateChannelFactory factory;

	@DynamicPropertySource
	static void realm(DynamicPropertyRegistry registry) {
		for (String property : TestRealm.get().credentialProperties()) {
			int equals = property.indexOf('=');
			registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
		}
	}

	@Test
	void injectsThePortTheServerListensOn() {
		assertThat(this.port).isPositive().isEqualTo(this.bootstrap.getServer().port());
		NegotiateChannel channel = this.factory.open("net.tcp://localhost:" + this.port + "/echo")
			.block(Duration.ofSeconds(30));
		try {
			channel.sendBytes("ping".getBytes(StandardCharsets.UTF_8)).block(Duration.ofSeconds(10));
			assertThat(channel.receive().next().map((buf) -> buf.toString(StandardCharsets.UTF_8)).block(
					Duration.ofSeconds(10)))
				.isEqualTo("ping");
		}
		finally {
			channel.close().block(Duration.ofSeconds(10));
		}
	}

}
