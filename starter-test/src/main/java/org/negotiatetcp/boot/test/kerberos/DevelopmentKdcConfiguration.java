package org.negotiatetcp.boot.test.kerberos;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * A development KDC for running an application on a developer's machine, in the manner of Testcontainers' development
 * services: an in-JVM Kerberos realm starts with the application, every credential the application configures gets a
 * principal and a keytab in it, and the starter's {@code negotiate.tcp.*} properties point at them. Add it from a main
 * class in {@code src/test/java} and start that with {@code ./mvnw spring-boot:test-run}:
 * <pre>{@code
 * public class TestMyApplication {
 *
 *     public static void main(String[] args) {
 *         SpringApplication.from(MyApplication::main).with(DevelopmentKdcConfiguration.class).run(args);
 *     }
 *
 * }
 * }</pre>
 * What the application gets:
 * <ul>
 * <li>each {@code negotiate.tcp.credentials.<name>} with a principal and a keytab or password gets that principal in
 * the development realm (its own realm or {@code DOMAIN\} prefix replaced), with a new keytab or the configured
 * password; the ticket cache and the anonymous client are left as they are;</li>
 * <li>the users of {@code negotiate.tcp.dev-kdc.users} (default {@code alice}; {@code name:password} for a password)
 * and the services of {@code negotiate.tcp.dev-kdc.services} (default {@code host/localhost}) as credentials named by
 * {@link KerberosRealm#credentialName(String)} ({@code alice}, {@code host-localhost});</li>
 * <li>{@code negotiate.tcp.server.credential} set to the first service when the application sets none;</li>
 * <li>{@code negotiate.tcp.kerberos.krb5-conf} pointing at the realm ({@code negotiate.tcp.dev-kdc.realm}, default
 * {@code EXAMPLE.COM}), and the {@link KerberosRealm} as a bean, for example to find a keytab for a client.</li>
 * </ul>
 * The realm, its KDC's address, krb5.conf and keytabs are logged at startup, so that a client on the same machine can
 * use them ({@code KRB5_CONFIG=<krb5.conf> kinit -kt <keytab> alice}). The KDC stops, and its files are deleted, when
 * the application context closes. These properties take precedence over the application's own; they are added before
 * the beans are created, after the configuration classes are read, so {@code @Conditional} property checks do not see
 * them (the starter's do not depend on them). Development only: never in a production class path.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@TestConfiguration(proxyBeanMethods = false)
public class DevelopmentKdcConfiguration {

	/**
	 * Start the realm and add its properties before the application's beans are created.
	 * @param environment the application's environment
	 * @return the post-processor that starts the realm
	 */
	@Bean
	static DevelopmentKdc developmentKdc(ConfigurableEnvironment environment) {
		return new DevelopmentKdc(environment);
	}

}
