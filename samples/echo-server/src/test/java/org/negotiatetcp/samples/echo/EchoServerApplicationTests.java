package org.negotiatetcp.samples.echo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.test.kdc.EmbeddedKdcExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the echo server as its README does (properties on the command line) against an embedded KDC and talks to it
 * in both wire forms.
 */
@ExtendWith(OutputCaptureExtension.class)
class EchoServerApplicationTests {

	@RegisterExtension
	static final EmbeddedKdcExtension kdc = EmbeddedKdcExtension.realm("EXAMPLE.COM")
		.withKeytab("service.keytab", "host/localhost")
		.withKeytab("alice.keytab", "alice");

	@Test
	void echoesNetTcpMessagesAndLogsWhoAuthenticated(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("--negotiate.tcp.server.mode=net-tcp")) {
			int port = port(context);
			List<String> replies = exchange("net.tcp://localhost:" + port + "/echo", "one", "two");
			assertThat(replies).containsExactly("one", "two");
			assertThat(output).contains("Authenticated alice@EXAMPLE.COM from /127.0.0.1:")
				.contains("package SPNEGO, mechanism KERBEROS, protection ENCRYPT_AND_SIGN")
				.contains("mode NET_TCP, via net.tcp://localhost:" + port + "/echo")
				.contains("Echoing 3 bytes to alice@EXAMPLE.COM");
		}
	}

	@Test
	void echoesRawNegotiateStreamData(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("--negotiate.tcp.server.mode=raw",
				"--negotiate.tcp.server.vias=")) {
			List<String> replies = exchange("tcp://localhost:" + port(context), "raw bytes");
			assertThat(replies).containsExactly("raw bytes");
			assertThat(output).contains("mode RAW, via null");
		}
	}

	private static ConfigurableApplicationContext run(String... extra) {
		List<String> args = new java.util.ArrayList<>(List.of("--negotiate.tcp.server.port=0",
				"--negotiate.tcp.kerberos.krb5-conf=" + kdc.get().krb5Conf(),
				"--negotiate.tcp.credentials.service.keytab=" + kdc.get().file("service.keytab"),
				"--negotiate.tcp.credentials.service.principal=host/localhost",
				"--negotiate.tcp.server.credential=service"));
		args.addAll(List.of(extra));
		return SpringApplication.run(EchoServerApplication.class, args.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.negotiate.tcp.server.port", Integer.class);
	}

	private static List<String> exchange(String address, String... messages) {
		NegotiateChannelFactory factory = new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Keytab("alice", kdc.get().file("alice.keytab"))));
		return factory.open(address)
			.flatMapMany((channel) -> channel
				.send(Flux.fromArray(messages).map((m) -> Unpooled.copiedBuffer(m, StandardCharsets.UTF_8)))
				.thenMany(channel.receive()
					.map((buf) -> buf.toString(StandardCharsets.UTF_8))
					.take(messages.length))
				.concatWith(channel.close().then(Mono.empty())))
			.collectList()
			.block(Duration.ofSeconds(30));
	}

}
