package org.negotiatetcp.samples.process;

import java.util.List;

import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.test.kdc.EmbeddedKdc;
import org.negotiatetcp.test.kdc.RealmSetup;

/**
 * An embedded KDC (module {@code negotiate-tcp-test-kdc}, realm {@code EXAMPLE.COM}) in the test JVM with the service
 * principal {@code host/localhost} and the client {@code alice}; the krb5.conf and the keytabs are written to a
 * temporary directory the sample process reads through its {@code negotiate.tcp.*} arguments.
 */
final class ProcessTestRealm implements AutoCloseable {

	private final EmbeddedKdc kdc;

	private ProcessTestRealm(EmbeddedKdc kdc) {
		this.kdc = kdc;
	}

	/**
	 * Start the KDC and write the keytabs.
	 * @return the running realm
	 */
	static ProcessTestRealm start() {
		return new ProcessTestRealm(RealmSetup.of("EXAMPLE.COM")
			.withKeytab("service.keytab", "host/localhost")
			.withKeytab("alice.keytab", "alice")
			.start());
	}

	/**
	 * The arguments that point a server sample at this realm with the service keytab, on a free port.
	 * @return the command-line arguments
	 */
	List<String> serverArguments() {
		return List.of("--negotiate.tcp.server.port=0", "--negotiate.tcp.kerberos.krb5-conf=" + this.kdc.krb5Conf(),
				"--negotiate.tcp.credentials.service.keytab=" + this.kdc.file("service.keytab"),
				"--negotiate.tcp.credentials.service.principal=host/localhost",
				"--negotiate.tcp.server.credential=service");
	}

	/**
	 * A client authenticating as alice with her keytab.
	 * @return the client
	 */
	NegotiateChannelFactory alice() {
		return new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Keytab("alice", this.kdc.file("alice.keytab"))));
	}

	@Override
	public void close() {
		this.kdc.close();
	}

}
