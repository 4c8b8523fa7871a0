package org.negotiatetcp.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.springframework.security.kerberos.test.MiniKdc;

/**
 * An in-JVM Kerberos KDC (Apache Kerby through Spring Security Kerberos' {@link MiniKdc}) with a throwaway realm
 * {@code EXAMPLE.COM} on a random port. It sets the JVM-global {@code java.security.krb5.conf}: use one at a time.
 */
public final class EmbeddedKdc implements AutoCloseable {

	private final MiniKdc kdc;

	private final Path dir;

	private EmbeddedKdc(MiniKdc kdc, Path dir) {
		this.kdc = kdc;
		this.dir = dir;
	}

	/**
	 * Start a KDC.
	 * @return the running KDC
	 */
	public static EmbeddedKdc start() {
		try {
			Path dir = Files.createTempDirectory("negotiate-kdc");
			Properties conf = MiniKdc.createConf();
			MiniKdc kdc = new MiniKdc(conf, dir.toFile());
			kdc.start();
			org.negotiatetcp.mechanism.kerberos.KerberosConfiguration.use(kdc.getKrb5conf().toPath());
			return new EmbeddedKdc(kdc, dir);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start the embedded KDC", ex);
		}
	}

	/**
	 * Return the realm.
	 * @return the realm, {@code EXAMPLE.COM}
	 */
	public String realm() {
		return this.kdc.getRealm();
	}

	/**
	 * Return the directory of the KDC's files, where {@link #keytab} writes the keytabs.
	 * @return the directory, deleted by {@link #close()}
	 */
	public Path directory() {
		return this.dir;
	}

	/**
	 * Create principals with random keys and write them to a new keytab.
	 * @param name a file name for the keytab
	 * @param principals the principals (without realm)
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
	 * Create a principal with a password.
	 * @param principal the principal (without realm)
	 * @param password the password
	 */
	public void user(String principal, String password) {
		try {
			this.kdc.createPrincipal(principal, password);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot create principal " + principal, ex);
		}
	}

	/**
	 * Return the krb5.conf the KDC wrote.
	 * @return the file
	 */
	public Path krb5Conf() {
		return this.kdc.getKrb5conf().toPath();
	}

	@Override
	public void close() {
		this.kdc.stop();
		try (var files = Files.walk(this.dir)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
