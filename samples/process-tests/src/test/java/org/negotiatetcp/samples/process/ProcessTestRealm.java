package org.negotiatetcp.samples.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.security.kerberos.test.MiniKdc;

import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.mechanism.ClientCredential;

/**
 * An embedded KDC (Apache Kerby, realm {@code EXAMPLE.COM}) in the test JVM with the service principal
 * {@code host/localhost} and the client {@code alice}; the krb5.conf and the keytabs are written to a temporary
 * directory the sample process reads through its {@code negotiate.tcp.*} arguments.
 */
final class ProcessTestRealm implements AutoCloseable {

	private final MiniKdc kdc;

	private final Path dir;

	private ProcessTestRealm(MiniKdc kdc, Path dir) {
		this.kdc = kdc;
		this.dir = dir;
	}

	/**
	 * Start the KDC and write the keytabs.
	 * @return the running realm
	 * @throws Exception if the KDC cannot start
	 */
	static ProcessTestRealm start() throws Exception {
		Path dir = Files.createTempDirectory("negotiate-process-test");
		MiniKdc kdc = new MiniKdc(MiniKdc.createConf(), dir.toFile());
		kdc.start();
		kdc.createPrincipal(dir.resolve("service.keytab").toFile(), "host/localhost");
		kdc.createPrincipal(dir.resolve("alice.keytab").toFile(), "alice");
		return new ProcessTestRealm(kdc, dir);
	}

	/**
	 * The arguments that point a server sample at this realm with the service keytab, on a free port.
	 * @return the command-line arguments
	 */
	List<String> serverArguments() {
		return List.of("--negotiate.tcp.server.port=0", "--negotiate.tcp.kerberos.krb5-conf=" + this.kdc.getKrb5conf(),
				"--negotiate.tcp.credentials.service.keytab=" + this.dir.resolve("service.keytab"),
				"--negotiate.tcp.credentials.service.principal=host/localhost",
				"--negotiate.tcp.server.credential=service");
	}

	/**
	 * A client authenticating as alice with her keytab.
	 * @return the client
	 */
	NegotiateChannelFactory alice() {
		return new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Keytab("alice", this.dir.resolve("alice.keytab"))));
	}

	@Override
	public void close() throws IOException {
		this.kdc.stop();
		try (Stream<Path> files = Files.walk(this.dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

}
