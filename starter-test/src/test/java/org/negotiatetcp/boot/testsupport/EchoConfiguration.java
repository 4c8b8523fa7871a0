package org.negotiatetcp.boot.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBuf;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateChannelHandler;

/**
 * The application of the starter's {@code @SpringBootTest}s, imported by their {@code @SpringBootConfiguration}: a
 * handler that echoes every message and records the name of each authenticated client in the {@code peers} bean.
 * {@link #roundTrip} talks to it through the auto-configured client.
 */
@Configuration(proxyBeanMethods = false)
public class EchoConfiguration {

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

	/**
	 * Open a channel to the echo via of the auto-configured server, send a message, read the echo and close the
	 * channel.
	 * @param factory the auto-configured client
	 * @param port the server's port ({@code local.negotiate.tcp.server.port})
	 * @param message the message
	 * @return the echo
	 */
	public static String roundTrip(NegotiateChannelFactory factory, int port, String message) {
		return factory.open("net.tcp://localhost:" + port + "/echo")
			.flatMap((channel) -> channel.sendBytes(message.getBytes())
				.then(channel.receiveBytes().next())
				.flatMap((bytes) -> channel.close().thenReturn(new String(bytes))))
			.block(Duration.ofSeconds(30));
	}

}
