package org.negotiatetcp.boot.security;

import java.io.IOException;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.ClassUtils;

import org.negotiatetcp.boot.autoconfigure.NegotiateCredentialsAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateSecurityAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateServerAutoConfiguration;

/**
 * The server {@link WithoutSpringSecurityKerberosTests} runs in a JVM of its own whose class path lacks
 * {@code spring-security-kerberos-core}: Spring Security and Boot's security auto-configuration, the bridge, the
 * users and the handler of the integration tests. It prints whether Spring Security Kerberos is visible and the
 * server's port, and stops when its standard input closes.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
		NegotiateCredentialsAutoConfiguration.class, NegotiateSecurityAutoConfiguration.class,
		NegotiateServerAutoConfiguration.class })
@Import({ NegotiateSecurityIntegrationTests.Handler.class, NegotiateSecurityIntegrationTests.Users.class })
public class KerberosFreeServerApplication {

	static final String PORT = "negotiate-port=";

	static final String KERBEROS_PRESENT = "spring-security-kerberos-core present: ";

	/**
	 * Start the server.
	 * @param args Spring Boot command line properties
	 * @throws IOException if standard input fails
	 */
	public static void main(String[] args) throws IOException {
		System.out.println(KERBEROS_PRESENT + ClassUtils.isPresent(
				"org.springframework.security.kerberos.authentication.KerberosAuthentication", null));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(KerberosFreeServerApplication.class)
			.web(WebApplicationType.NONE)
			.run(args);
		System.out.println(PORT + context.getEnvironment().getProperty("local.negotiate.tcp.server.port"));
		while (System.in.read() != -1) {
			// until the test closes our standard input
		}
		context.close();
	}

}
