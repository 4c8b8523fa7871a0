package org.negotiatetcp.boot.test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import org.negotiatetcp.boot.context.NegotiateServerPortInfoApplicationContextInitializer;

/**
 * {@link ApplicationContextRunner}s of the tests that run a real server or client: auto-configurations, the
 * {@link TestRealm}'s credential properties and {@code local.negotiate.tcp.server.port} once the server listens.
 */
public final class TestRunners {

	private TestRunners() {
	}

	/**
	 * A runner with auto-configurations and the test realm's credentials, without a server or client yet.
	 * @param autoConfigurations the auto-configurations
	 * @return the runner
	 */
	public static ApplicationContextRunner realm(Class<?>... autoConfigurations) {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(autoConfigurations))
			.withInitializer((context) -> new NegotiateServerPortInfoApplicationContextInitializer().initialize(context))
			.withPropertyValues(TestRealm.get().credentialProperties());
	}

	/**
	 * A runner whose server listens on a free port of 127.0.0.1 as {@code service}; the handlers are the caller's.
	 * @param autoConfigurations the auto-configurations
	 * @return the runner
	 */
	public static ApplicationContextRunner server(Class<?>... autoConfigurations) {
		return realm(autoConfigurations).withPropertyValues("negotiate.tcp.server.address=127.0.0.1",
				"negotiate.tcp.server.port=0", "negotiate.tcp.server.credential=service");
	}

}
