package org.negotiatetcp.samples.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;

import reactor.core.publisher.Mono;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

import org.negotiatetcp.boot.client.NegotiateEndpoint;
import org.negotiatetcp.boot.client.NegotiateEndpoints;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.security.SecurityInfo;

/**
 * A client of an external WCF {@code net.tcp} service with Windows transport security, configured in application.yml
 * (endpoint address, SPN identity, the current logon's ticket cache). It opens a session, prints how the server
 * authenticated, optionally sends one message read from a file ({@code --request=<file>}: a message already encoded
 * the way the service expects, for example binary SOAP captured from a .NET client) and prints the reply's size and
 * first bytes.
 */
@SpringBootApplication
public class ClientOnlyApplication {

	/**
	 * Run once and exit.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(ClientOnlyApplication.class, args)));
	}

	/**
	 * The one-shot client.
	 * @param endpoints the configured endpoints
	 * @return the runner
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "client-only.run", matchIfMissing = true)
	ApplicationRunner callOrders(NegotiateEndpoints endpoints) {
		return (args) -> {
			NegotiateEndpoint endpoint = endpoints.get("orders");
			System.out.println("Opening " + endpoint.address() + " expecting "
					+ ((endpoint.identity() != null) ? endpoint.identity() : "host/<host>"));
			String result = endpoint.open().flatMap((channel) -> exchange(channel, args)).block(Duration.ofSeconds(60));
			System.out.println(result);
		};
	}

	private static Mono<String> exchange(NegotiateChannel channel, ApplicationArguments args) {
		SecurityInfo info = channel.securityInfo();
		System.out.println("Server " + info.peerName() + " authenticated (mutual " + info.mutuallyAuthenticated()
				+ ") with " + info.authPackage() + "/" + info.mechanism() + ", protection " + info.protectionLevel());
		if (!args.containsOption("request")) {
			return channel.close().thenReturn("Session opened and closed; pass --request=<file> to send a message");
		}
		return Mono.fromCallable(() -> Files.readAllBytes(Path.of(args.getOptionValues("request").get(0))))
			.flatMap(channel::sendBytes)
			.then(channel.receiveBytes().next())
			.flatMap((reply) -> channel.close()
				.thenReturn("Reply of " + reply.length + " bytes: "
						+ HexFormat.ofDelimiter(" ").formatHex(reply, 0, Math.min(32, reply.length))));
	}

}
