package org.negotiatetcp.samples.acl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.test.kdc.EmbeddedKdcExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample against an embedded KDC: alice's order is hers until she shares it with bob.
 */
class AclOrdersApplicationTests {

	@RegisterExtension
	static final EmbeddedKdcExtension kdc = EmbeddedKdcExtension.realm("EXAMPLE.COM")
		.withKeytab("service.keytab", "host/localhost")
		.withKeytab("alice.keytab", "alice")
		.withKeytab("bob.keytab", "bob");

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		context = SpringApplication.run(AclOrdersApplication.class, "--negotiate.tcp.server.port=0",
				"--negotiate.tcp.kerberos.krb5-conf=" + kdc.get().krb5Conf(),
				"--negotiate.tcp.credentials.service.keytab=" + kdc.get().file("service.keytab"));
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void anOrderIsItsCreatorsUntilSheSharesIt() {
		assertThat(send("alice", "place 1 coffee", "read 1")).containsExactly("order 1 placed", "coffee");
		assertThat(send("bob", "read 1", "share 1 bob@EXAMPLE.COM")).allMatch((reply) -> reply.startsWith("denied"));
		assertThat(send("alice", "share 1 bob@EXAMPLE.COM")).containsExactly("order 1 shared with bob@EXAMPLE.COM");
		assertThat(send("bob", "read 1")).containsExactly("coffee");
	}

	private static List<String> send(String user, String... messages) {
		NegotiateChannelFactory factory = new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Keytab(user, kdc.get().file(user + ".keytab"))));
		String port = context.getEnvironment().getRequiredProperty("local.negotiate.tcp.server.port");
		return factory.open("net.tcp://localhost:" + port + "/orders")
			.flatMapMany((channel) -> channel
				.send(Flux.fromArray(messages).map((message) -> Unpooled.copiedBuffer(message, StandardCharsets.UTF_8)))
				.thenMany(channel.receive().take(messages.length).map((buf) -> buf.toString(StandardCharsets.UTF_8)))
				.concatWith(channel.close().then(Mono.empty())))
			.collectList()
			.block(Duration.ofSeconds(60));
	}

}
