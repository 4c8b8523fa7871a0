package org.negotiatetcp.samples.acl;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

import org.negotiatetcp.boot.acl.NegotiateObjectSecurity;
import org.negotiatetcp.boot.security.NegotiateSecurityContext;
import org.negotiatetcp.channel.NegotiateChannelHandler;

/**
 * A server whose orders carry their creator's ACL. Messages: {@code place <id> <text>}, {@code read <id>},
 * {@code share <id> <client>}; every authenticated client may connect (no {@code UserDetailsService}).
 */
@SpringBootApplication
@EnableMethodSecurity
public class AclOrdersApplication {

	public static void main(String[] args) {
		SpringApplication.run(AclOrdersApplication.class, args);
	}

	@Bean
	OrderService orderService(NegotiateObjectSecurity objectSecurity) {
		return new OrderService(objectSecurity);
	}

	@Bean
	NegotiateChannelHandler ordersHandler(OrderService orders) {
		return (channel) -> channel.send(channel.receive()
			.map((message) -> message.toString(StandardCharsets.UTF_8).split(" ", 3))
			.concatMap((words) -> NegotiateSecurityContext.blocking(() -> switch (words[0]) {
				case "place" -> orders.place(Long.parseLong(words[1]), words[2]);
				case "read" -> orders.read(Long.parseLong(words[1]));
				case "share" -> orders.share(Long.parseLong(words[1]), words[2]);
				default -> "unknown command " + words[0];
			}).onErrorResume(AccessDeniedException.class, (ex) -> Mono.just("denied: " + ex.getMessage())))
			.map((reply) -> Unpooled.copiedBuffer(reply, StandardCharsets.UTF_8)));
	}

}
