package org.negotiatetcp.boot.test;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;

import org.negotiatetcp.boot.autoconfigure.NegotiateClientAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateCredentialsAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateSecurityAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateServerAutoConfiguration;
import org.negotiatetcp.channel.NegotiateChannelHandler;

/**
 * A server and client application with an echo handler, for tests that run a real {@code SpringApplication}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ NegotiateCredentialsAutoConfiguration.class, NegotiateClientAutoConfiguration.class,
		NegotiateSecurityAutoConfiguration.class, NegotiateServerAutoConfiguration.class })
public class EchoApplication {

	@Bean
	NegotiateChannelHandler echo() {
		return (channel) -> channel.send(channel.receive().map(io.netty.buffer.ByteBuf::retain));
	}

}
