package org.negotiatetcp.samples.echo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.security.SecurityInfo;

/**
 * A Negotiate TCP server that echoes every message back unchanged and logs who authenticated and how. Everything is
 * configured with {@code negotiate.tcp.*} properties (application.yml, command-line arguments or environment
 * variables); see the README for pointing a WCF or NegotiateStream client at it.
 */
@SpringBootApplication
public class EchoServerApplication {

	private static final Logger logger = LoggerFactory.getLogger(EchoServerApplication.class);

	/**
	 * Run the server until stopped.
	 * @param args the command line, for example {@code --negotiate.tcp.server.port=8808}
	 */
	public static void main(String[] args) {
		SpringApplication.run(EchoServerApplication.class, args);
	}

	/**
	 * The echo handler.
	 * @return the handler
	 */
	@Bean
	NegotiateChannelHandler echoHandler() {
		return (channel) -> {
			SecurityInfo info = channel.securityInfo();
			logger.info("Authenticated {} from {}: package {}, mechanism {}, protection {}, impersonation {}, "
					+ "mutual {}, anonymous {}, delegated credential {}, mode {}, via {}",
					info.anonymous() ? "an anonymous client" : info.peerName(), channel.remoteAddress(),
					info.authPackage(), info.mechanism(), info.protectionLevel(), info.impersonationLevel(),
					info.mutuallyAuthenticated(), info.anonymous(), info.delegatedCredential() != null, channel.mode(),
					channel.via());
			return channel.send(channel.receive().map((message) -> {
				logger.info("Echoing {} bytes to {}", message.readableBytes(), info.peerName());
				return message.retain();
			})).doFinally((signal) -> logger.info("Session of {} ended ({})", info.peerName(), signal));
		};
	}

}
