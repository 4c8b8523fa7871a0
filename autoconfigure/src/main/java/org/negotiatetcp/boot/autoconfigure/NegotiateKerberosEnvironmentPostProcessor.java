package org.negotiatetcp.boot.autoconfigure;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

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
 * {@code META-INF/spring.factories}; runs after the application's configuration files are loaded. A location that does
 * not resolve yet is left to the credentials, which apply the final value (one a development KDC or a test's dynamic
 * properties set while the context starts) and fail naming the property if it does not exist.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class NegotiateKerberosEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The property naming the krb5.conf. */
	public static final String PROPERTY = "negotiate.tcp.kerberos.krb5-conf";

	/** Runs late: after the configuration files and every other source of properties. */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	/** The location applied last; the JVM has one Kerberos configuration. */
	private static volatile @Nullable String applied;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String location = Binder.get(environment).bind(PROPERTY, String.class).orElse(null);
		ResourceLoader resourceLoader = application.getResourceLoader();
		ClassLoader classLoader = (resourceLoader != null) ? resourceLoader.getClassLoader()
				: application.getClassLoader();
		if (location != null && !location.isBlank() && KerberosFiles.resolve(location, classLoader) == null) {
			// not an error yet: a source added while the context starts (a development KDC, a test's dynamic
			// properties) may still replace it; the credentials check the final value and fail naming it
			return;
		}
		apply(location, classLoader);
	}

	/**
	 * Apply a krb5.conf location unless it is the one applied last. Also called when the credentials are created, for
	 * a location that only became known after the environment was prepared (a test's dynamic properties, a property
	 * source added by a context initializer).
	 * @param location the location, or {@code null} or blank for none
	 * @param classLoader the class loader for {@code classpath:} locations
	 * @throws InvalidConfigurationPropertyValueException if the krb5.conf does not exist
	 */
	static void apply(@Nullable String location, @Nullable ClassLoader classLoader) {
		if (location == null || location.isBlank() || location.equals(applied)) {
			return;
		}
		Path krb5Conf = KerberosFiles.resolve(location, classLoader);
		if (krb5Conf == null) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, location,
					"The krb5.conf does not exist or is not readable; point " + PROPERTY + " at the krb5.conf of your "
							+ "realm (on Linux usually /etc/krb5.conf; a path, file: or classpath: location)");
		}
		KerberosConfiguration.use(krb5Conf);
		applied = location;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
