package org.negotiatetcp.samples.quickstart;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.security.kerberos.test.MiniKdc;

/**
 * A throwaway Kerberos realm for trying things out: Apache Kerby (through Spring Security Kerberos' {@link MiniKdc})
 * on 127.0.0.1 with a random port, realm {@code EXAMPLE.COM}, a service principal {@code host/localhost} and a user
 * {@code alice}, their keytabs written to a temporary directory that {@link #close()} deletes. Development only: a
 * real deployment uses its Active Directory or MIT realm and the keytabs its administrator issues.
 */
final class DevelopmentKdc implements AutoCloseable {

	private final MiniKdc kdc;

	private final Path dir;

	private DevelopmentKdc(MiniKdc kdc, Path dir) {
		this.kdc = kdc;
		this.dir = dir;
	}

	/**
	 * Start the realm and create the principals.
	 * @return the running realm
	 */
	static DevelopmentKdc start() {
		try {
			Path dir = Files.createTempDirectory("negotiate-quickstart");
			MiniKdc kdc = new MiniKdc(MiniKdc.createConf(), dir.toFile());
			kdc.start();
			kdc.createPrincipal(dir.resolve("service.keytab").toFile(), "host/localhost");
			kdc.createPrincipal(dir.resolve("alice.keytab").toFile(), "alice");
			return new DevelopmentKdc(kdc, dir);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start the development KDC", ex);
		}
	}

	/**
	 * Return the properties application.yml refers to: where the keytabs and the krb5.conf are.
	 * @return the properties
	 */
	Map<String, Object> properties() {
		File krb5Conf = this.kdc.getKrb5conf();
		return Map.of("quickstart.kdc.dir", this.dir.toString(), "quickstart.kdc.krb5-conf", krb5Conf.toString(),
				"quickstart.kdc.realm", this.kdc.getRealm());
	}

	@Override
	public void close() {
		this.kdc.stop();
		try (Stream<Path> files = Files.walk(this.dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}


}
