package org.negotiatetcp.boot.autoconfigure;

import org.jspecify.annotations.Nullable;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The {@link NegotiateEventLoops} shared by the server and the client auto-configurations.
 *
 * @author Negotiate TCP
 */
@Configuration(proxyBeanMethods = false)
class NegotiateEventLoopsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NegotiateEventLoops negotiateEventLoops(ObjectProvider<LoopResources> loopResources,
			ConfigurableListableBeanFactory beanFactory) {
		ClassLoader classLoader = beanFactory.getBeanClassLoader();
		boolean reactorResourceFactory = classLoader != null
				&& NegotiateEventLoops.reactorResourceFactoryPresent(classLoader);
		return new NegotiateEventLoops(loopResources,
				() -> reactorResourceFactory ? ReactorResourceFactoryLoops.loops(beanFactory) : null);
	}

	/**
	 * Reads the loops of a {@link ReactorResourceFactory}, kept apart so that spring-web is only loaded when present.
	 */
	private static final class ReactorResourceFactoryLoops {

		static @Nullable LoopResources loops(ListableBeanFactory beanFactory) {
			ReactorResourceFactory factory = beanFactory.getBeanProvider(ReactorResourceFactory.class).getIfUnique();
			return (factory != null) ? factory.getLoopResources() : null;
		}

	}

}
