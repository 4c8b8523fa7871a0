package org.negotiatetcp.boot.test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.springframework.security.kerberos.test.MiniKdc;

/**
 * One embedded KDC (Apache Kerby through Spring Security Kerberos' {@link MiniKdc}) per test JVM, realm
 * {@code EXAMPLE.COM}, with a service keytab for {@code host/localhost} and client keytabs for {@code alice} and
 * {@code bob}. The KDC sets the JVM-global {@code java.security.krb5.conf}, so every test shares it; it stops when the
 * JVM exits.
 */
public final class TestRealm {

	private static TestRealm instance;

	private final MiniKdc kdc;

	private final Path dir;

	private TestRealm(MiniKdc kdc, Path dir) {
		this.kdc = kdc;
		this.dir = dir;
	}

	/**
	 * Return the realm, starting it on first use.
	 * @return the realm
	 */
	public static synchronized TestRealm get() {
		if (instance == null) {
			try {
				Path dir = Files.createTempDirectory("negotiate-boot-kdc");
				Properties conf = MiniKdc.createConf();
				MiniKdc kdc = new MiniKdc(conf, dir.toFile());
				kdc.start();
				TestRealm realm = new TestRealm(kdc, dir);
				realm.keytab("service.keytab", "host/localhost");
				realm.keytab("alice.keytab", "alice");
				realm.keytab("bob.keytab", "bob");
				kdc.createPrincipal("carol", "carol-password");
				Runtime.getRuntime().addShutdownHook(new Thread(kdc::stop));
				instance = realm;
			}
			catch (Exception ex) {
				throw new IllegalStateException("Cannot start the embedded KDC", ex);
			}
		}
		return instance;
	}

	/**
	 * Return the realm name.
	 * @return {@code EXAMPLE.COM}
	 */
	public String realm() {
		return this.kdc.getRealm();
	}

	/**
	 * Return a keytab file of this realm.
	 * @param name the file name, for example {@code service.keytab}
	 * @return the path
	 */
	public Path file(String name) {
		return this.dir.resolve(name);
	}

	/**
	 * Create principals with random keys in a new keytab.
	 * @param name the file name
	 * @param principals the principals without realm
	 * @return the keytab
	 */
	public Path keytab(String name, String... principals) {
		try {
			File keytab = this.dir.resolve(name).toFile();
			this.kdc.createPrincipal(keytab, principals);
			return keytab.toPath();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot create principals", ex);
		}
	}

	/**
	 * Return the krb5.conf the KDC wrote.
	 * @return the file
	 */
	public Path krb5Conf() {
		return this.kdc.getKrb5conf().toPath();
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
