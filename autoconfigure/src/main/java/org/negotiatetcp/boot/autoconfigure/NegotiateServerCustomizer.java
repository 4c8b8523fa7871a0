package org.negotiatetcp.boot.autoconfigure;

import reactor.netty.tcp.TcpServer;

/**
 * Customizes the Reactor Netty {@link TcpServer} of the auto-configured {@link org.negotiatetcp.channel.NegotiateServer}
 * (loop resources, socket options, metrics, wiretap). Customizers are applied in
 * {@link org.springframework.core.Ordered order}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@FunctionalInterface
public interface NegotiateServerCustomizer {

	/**
	 * Customize the server.
	 * @param server the server to customize
	 * @return the customized server
	 */
	TcpServer customize(TcpServer server);

}
