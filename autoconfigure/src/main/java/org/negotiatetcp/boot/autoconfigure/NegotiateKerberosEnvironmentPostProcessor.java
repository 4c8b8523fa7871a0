package org.negotiatetcp.boot.autoconfigure;

import java.nio.file.Path;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

import org.negotiatetcp.mechanism.kerberos.KerberosConfiguration;

/**
 * Points the JDK's Kerberos at {@code negotiate.tcp.kerberos.krb5-conf} while the environment is prepared, before any
 * bean is created, by setting {@code java.security.krb5.conf} (and making the JDK read it again: it caches the
 * configuration JVM-wide). The location may be a path, a {@code file:} or a {@code classpath:} location; a krb5.conf
 * inside a jar is copied to a temporary file only the current user can read. Registered in
 * {@code META-INF/spring.factories}; runs after the application's configuration files are loaded.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class NegotiateKerberosEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The property naming the krb5.conf. */
	public static final String PROPERTY = "negotiate.tcp.kerberos.krb5-conf";

	/** Runs late: after the configuration files and every other source of properties. */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String location = Binder.get(environment).bind(PROPERTY, String.class).orElse(null);
		if (location == null || location.isBlank()) {
			return;
		}
		ResourceLoader resourceLoader = application.getResourceLoader();
		ClassLoader classLoader = (resourceLoader != null) ? resourceLoader.getClassLoader()
				: application.getClassLoader();
		Path krb5Conf = KerberosFiles.resolve(location, classLoader);
		if (krb5Conf == null) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, location,
					"The krb5.conf does not exist or is not readable; point " + PROPERTY + " at the krb5.conf of your "
							+ "realm (on Linux usually /etc/krb5.conf; a path, file: or classpath: location)");
		}
		KerberosConfiguration.use(krb5Conf);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
