package org.negotiatetcp.boot.context;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Sets {@code local.negotiate.tcp.server.port} to the port the Negotiate TCP server listens on, so tests can use
 * {@code @Value("${local.negotiate.tcp.server.port}")} with {@code negotiate.tcp.server.port=0}. Registered in
 * {@code META-INF/spring.factories}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class NegotiateServerPortInfoApplicationContextInitializer
		implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The property set to the port. */
	public static final String PROPERTY = "local.negotiate.tcp.server.port";

	@Override
	public void initialize(ConfigurableApplicationContext applicationContext) {
		applicationContext.addApplicationListener(new Listener(applicationContext));
	}

	private static final class Listener implements ApplicationListener<NegotiateServerInitializedEvent> {

		private static final String PROPERTY_SOURCE_NAME = "server.ports";

		private final ConfigurableApplicationContext applicationContext;

		Listener(ConfigurableApplicationContext applicationContext) {
			this.applicationContext = applicationContext;
		}

		@Override
		public void onApplicationEvent(NegotiateServerInitializedEvent event) {
			setPort(this.applicationContext, event.getServer().port());
		}

		private void setPort(ApplicationContext context, int port) {
			Environment environment = context.getEnvironment();
			if (environment instanceof ConfigurableEnvironment configurable) {
				setPort(configurable.getPropertySources(), port);
			}
			ApplicationContext parent = context.getParent();
			if (parent != null) {
				setPort(parent, port);
			}
		}

		@SuppressWarnings("unchecked")
		private void setPort(MutablePropertySources sources, int port) {
			PropertySource<?> source = sources.get(PROPERTY_SOURCE_NAME);
			if (source == null) {
				source = new MapPropertySource(PROPERTY_SOURCE_NAME, new HashMap<>());
				sources.addFirst(source);
			}
			((Map<String, Object>) source.getSource()).put(PROPERTY, port);
		}

	}

}
