package org.negotiatetcp.samples.quickstart;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.netty.buffer.Unpooled;
import reactor.core.publisher.Mono;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import org.negotiatetcp.boot.client.NegotiateEndpoints;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.test.kdc.EmbeddedKdc;
import org.negotiatetcp.test.kdc.RealmSetup;

/**
 * The quickstart: a Negotiate TCP server (an echo handler) and a client, both configured in application.yml, in one
 * application with a throwaway Kerberos realm. The client opens an authenticated, encrypted net.tcp session, sends one
 * message, prints the reply and how each side authenticated the other, and the application exits.
 */
@SpringBootApplication
public class QuickstartApplication {

	/**
	 * Start the realm, run the application, exit with its exit code.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(run(args));
	}

	/**
	 * Start the realm, run the application and return its exit code.
	 * @param args the command line
	 * @return the exit code
	 */
	public static int run(String... args) {
		try (EmbeddedKdc kdc = developmentRealm().start()) {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(QuickstartApplication.class)
				.properties(Map.of("quickstart.kdc.dir", kdc.directory().toString(), "quickstart.kdc.krb5-conf",
						kdc.krb5Conf().toString(), "quickstart.kdc.realm", kdc.realm()))
				.run(args);
			return SpringApplication.exit(context);
		}
	}

	/**
	 * A throwaway Kerberos realm for trying things out (module {@code negotiate-tcp-test-kdc}: Apache Kerby on
	 * 127.0.0.1 and a free port): realm {@code EXAMPLE.COM}, the service {@code host/localhost} and the user
	 * {@code alice}, their keytabs in a temporary directory that closing the KDC deletes. application.yml refers to
	 * them through {@code quickstart.kdc.*}. Development only: a real deployment uses its Active Directory or MIT realm
	 * and the keytabs its administrator issues.
	 * @return the realm to start
	 */
	static RealmSetup developmentRealm() {
		return RealmSetup.of("EXAMPLE.COM")
			.withKeytab("service.keytab", "host/localhost")
			.withKeytab("alice.keytab", "alice");
	}

	/**
	 * The server's handler: echo every message and say who sent it.
	 * @return the handler
	 */
	@Bean
	NegotiateChannelHandler echoHandler() {
		return (channel) -> {
			System.out.println("[server] " + describe(channel.securityInfo()) + " on via " + channel.via());
			return channel.send(channel.receive()
				.map((message) -> Unpooled.copiedBuffer("echo: " + message.toString(StandardCharsets.UTF_8),
						StandardCharsets.UTF_8)));
		};
	}

	/**
	 * The client: one request/response on the endpoint named "echo".
	 * @param endpoints the configured endpoints
	 * @return the runner
	 */
	@Bean
	ApplicationRunner client(NegotiateEndpoints endpoints) {
		return (args) -> {
			String request = "Hello over net.tcp";
			String reply = endpoints.get("echo")
				.open()
				.flatMap((channel) -> exchange(channel, request))
				.block(Duration.ofSeconds(60));
			System.out.println("[client] sent '" + request + "', received '" + reply + "'");
		};
	}

	private static Mono<String> exchange(NegotiateChannel channel, String request) {
		System.out.println("[client] server " + describe(channel.securityInfo()));
		return channel.sendBytes(request.getBytes(StandardCharsets.UTF_8))
			.then(channel.receive().next().map((reply) -> reply.toString(StandardCharsets.UTF_8)))
			.flatMap((reply) -> channel.close().thenReturn(reply));
	}

	private static String describe(SecurityInfo info) {
		return info.peerName() + " authenticated with " + info.authPackage() + " (mechanism " + info.mechanism()
				+ "), protection " + info.protectionLevel() + ", impersonation " + info.impersonationLevel()
				+ ", mutual " + info.mutuallyAuthenticated();
	}

}
