package org.negotiatetcp.boot.test;

import java.nio.file.Path;

import org.negotiatetcp.test.kdc.EmbeddedKdc;
import org.negotiatetcp.test.kdc.RealmSetup;

/**
 * The realm of the auto-configuration tests: the JVM-wide {@link EmbeddedKdc} of realm {@code EXAMPLE.COM} with a
 * service keytab for {@code host/localhost}, client keytabs for {@code alice} and {@code bob}, and the password user
 * {@code carol}, with the starter's properties that point at them. It stops when the JVM exits.
 */
public final class TestRealm {

	private static final RealmSetup SETUP = RealmSetup.of("EXAMPLE.COM")
		.withUser("carol", "carol-password")
		.withKeytab("service.keytab", "host/localhost")
		.withKeytab("alice.keytab", "alice")
		.withKeytab("bob.keytab", "bob");

	private final EmbeddedKdc kdc;

	private TestRealm(EmbeddedKdc kdc) {
		this.kdc = kdc;
	}

	/**
	 * Return the realm, starting it on first use, and make it the JVM's Kerberos configuration.
	 * @return the realm
	 */
	public static TestRealm get() {
		return new TestRealm(SETUP.shared());
	}

	/**
	 * Return the realm name.
	 * @return {@code EXAMPLE.COM}
	 */
	public String realm() {
		return this.kdc.realm();
	}

	/**
	 * Return a keytab file of this realm.
	 * @param name the file name, for example {@code service.keytab}
	 * @return the path
	 */
	public Path file(String name) {
		return this.kdc.file(name);
	}

	/**
	 * Create principals with random keys in a new keytab.
	 * @param name the file name
	 * @param principals the principals without realm
	 * @return the keytab
	 */
	public Path keytab(String name, String... principals) {
		return this.kdc.keytab(name, principals);
	}

	/**
	 * Return the TCP port of the KDC on {@code 127.0.0.1}.
	 * @return the port
	 */
	public int kdcPort() {
		return this.kdc.port();
	}

	/**
	 * Return the krb5.conf the KDC wrote.
	 * @return the file
	 */
	public Path krb5Conf() {
		return this.kdc.krb5Conf();
	}

	/**
	 * Return properties that define the credentials {@code service}, {@code alice}, {@code bob} and {@code carol}
	 * (password) and point at the realm's krb5.conf.
	 * @return the properties as {@code key=value}
	 */
	public String[] credentialProperties() {
		return new String[] { "negotiate.tcp.kerberos.krb5-conf=" + krb5Conf(),
				"negotiate.tcp.credentials.service.principal=host/localhost",
				"negotiate.tcp.credentials.service.keytab=" + file("service.keytab"),
				"negotiate.tcp.credentials.alice.principal=alice",
				"negotiate.tcp.credentials.alice.keytab=" + file("alice.keytab"),
				"negotiate.tcp.credentials.bob.principal=bob",
				"negotiate.tcp.credentials.bob.keytab=" + file("bob.keytab"),
				"negotiate.tcp.credentials.carol.principal=carol",
				"negotiate.tcp.credentials.carol.password=carol-password" };
	}

}
