package org.negotiatetcp.mechanism.spnego;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.springframework.security.kerberos.test.MiniKdc;

import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;

/**
 * A throwaway Kerberos realm on loopback (Spring Security Kerberos' {@link MiniKdc}, Apache Kerby) with a user
 * {@code alice} and the service {@code host/localhost} in a keytab. {@link MiniKdc} points the JVM-global
 * {@code java.security.krb5.conf} at its own file, so use one realm per test class; our Kerberos login refreshes the
 * JDK's cached configuration.
 */
final class TestRealm implements AutoCloseable {

	static final String USER = "alice";

	static final String PASSWORD = "alice-Secret-1";

	static final String SERVICE = "host/localhost";

	private final Path directory;

	private final MiniKdc kdc;

	private final Path keytab;

	private final KerberosServiceCredentials serviceCredentials;

	private TestRealm(Path directory, MiniKdc kdc, Path keytab) {
		this.directory = directory;
		this.kdc = kdc;
		this.keytab = keytab;
		this.serviceCredentials = KerberosServiceCredentials.load(serviceCredential());
	}

	static TestRealm start() throws Exception {
		Path directory = Files.createTempDirectory("spnego-kdc");
		Properties conf = MiniKdc.createConf();
		conf.setProperty(MiniKdc.KDC_BIND_ADDRESS, "127.0.0.1");
		MiniKdc kdc = new MiniKdc(conf, directory.toFile());
		kdc.start();
		kdc.createPrincipal(USER, PASSWORD);
		Path keytab = directory.resolve("service.keytab");
		kdc.createPrincipal(keytab.toFile(), SERVICE);
		return new TestRealm(directory, kdc, keytab);
	}

	String realm() {
		return this.kdc.getRealm();
	}

	ClientCredential.Password alice() {
		return new ClientCredential.Password(USER + "@" + realm(), PASSWORD.toCharArray());
	}

	ServiceCredential serviceCredential() {
		return new ServiceCredential(this.keytab, SERVICE + "@" + realm());
	}

	/**
	 * Return the service's credentials, loaded from the keytab once when the realm started.
	 * @return the credentials of {@link #SERVICE}
	 */
	KerberosServiceCredentials serviceCredentials() {
		return this.serviceCredentials;
	}

	Path keytab() {
		return this.keytab;
	}

	File krb5conf() {
		return this.kdc.getKrb5conf();
	}

	@Override
	public void close() throws Exception {
		this.kdc.stop();
		try (var files = Files.walk(this.directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
	}

}
