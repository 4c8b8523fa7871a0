package org.negotiatetcp.boot.autoconfigure;

import reactor.netty.tcp.TcpClient;

/**
 * Customizes the Reactor Netty {@link TcpClient} of the auto-configured
 * {@link org.negotiatetcp.channel.NegotiateChannelFactory} (loop resources, socket options, metrics, wiretap).
 * Customizers are applied in {@link org.springframework.core.Ordered order}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@FunctionalInterface
public interface NegotiateClientCustomizer {

	/**
	 * Customize the client.
	 * @param client the client to customize
	 * @return the customized client
	 */
	TcpClient customize(TcpClient client);

}
