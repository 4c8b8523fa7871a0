package org.negotiatetcp.boot.test.kerberos;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against an embedded Kerberos KDC (Apache Kerby, through the
 * {@code EmbeddedKdc} of module {@code negotiate-tcp-test-kdc}) on 127.0.0.1 and a free port, with the declared principals. The KDC starts once per realm
 * definition (realm, users and services) and is shared by every test class that declares the same definition; it
 * stops when the JVM exits.
 * <p>
 * Test methods, constructors and lifecycle methods can take a {@link KerberosRealm} parameter. In a
 * {@code @SpringBootTest}, the starter is configured for the realm: {@code negotiate.tcp.kerberos.krb5-conf}, one
 * credential per principal under {@code negotiate.tcp.credentials.<name>} (named by {@link KerberosRealm#credentialName}:
 * {@code alice}, {@code host-localhost}), {@code negotiate.tcp.server.credential} (the first service) and
 * {@code negotiate.tcp.client.credential} (the first user); the {@link KerberosRealm} is also a bean.
 * <pre>{@code
 * @SpringBootTest(properties = "negotiate.tcp.server.port=0")
 * @EmbeddedKerberos(users = "alice", services = "host/localhost")
 * class OrderServiceTests { ... }
 * }</pre>
 * The JVM has one Kerberos configuration ({@code java.security.krb5.conf}); the realm of the running test class is
 * made current before its tests run. Do not run test classes of different realms in parallel.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedKerberosExtension.class)
public @interface EmbeddedKerberos {

	/**
	 * The realm, with at least one dot.
	 * @return the realm
	 */
	String realm() default "EXAMPLE.COM";

	/**
	 * User principals without realm: {@code alice} gets random keys and a keytab, {@code alice:password} a
	 * password (no keytab).
	 * @return the users
	 */
	String[] users() default {};

	/**
	 * Service principals without realm, each with random keys and a keytab, for example {@code host/localhost}.
	 * @return the services
	 */
	String[] services() default {};

	/**
	 * Whether a {@code @SpringBootTest} gets the starter's {@code negotiate.tcp.*} properties for this realm.
	 * @return {@code true} to configure the starter
	 */
	boolean configureStarter() default true;

}
