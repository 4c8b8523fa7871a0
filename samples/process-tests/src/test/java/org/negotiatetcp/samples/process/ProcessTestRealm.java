package org.negotiatetcp.samples.process;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.test.kdc.EmbeddedKdc;
import org.negotiatetcp.test.kdc.RealmSetup;

/**
 * An embedded KDC (module {@code negotiate-tcp-test-kdc}, realm {@code EXAMPLE.COM}) in the test JVM with the service
 * principal {@code host/localhost} and the client {@code alice}; the krb5.conf and the keytabs are written to a
 * temporary directory the sample process reads through its {@code negotiate.tcp.*} arguments. Registered on a
 * {@code static} field with {@code @RegisterExtension}, it runs for the test class's tests.
 */
final class ProcessTestRealm implements BeforeAllCallback, AfterAllCallback {

	private @Nullable EmbeddedKdc kdc;

	private @Nullable NegotiateChannelFactory alice;

	@Override
	public void beforeAll(ExtensionContext context) {
		EmbeddedKdc started = RealmSetup.of("EXAMPLE.COM")
			.withKeytab("service.keytab", "host/localhost")
			.withKeytab("alice.keytab", "alice")
			.start();
		this.kdc = started;
		this.alice = new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Keytab("alice", started.file("alice.keytab"))));
	}

	@Override
	public void afterAll(ExtensionContext context) {
		try {
			if (this.alice != null) {
				this.alice.close();
			}
		}
		finally {
			if (this.kdc != null) {
				this.kdc.close();
			}
			this.alice = null;
			this.kdc = null;
		}
	}

	/**
	 * The arguments that point a server sample at this realm with the service keytab, on a free port.
	 * @return the command-line arguments
	 */
	List<String> serverArguments() {
		EmbeddedKdc running = kdc();
		return List.of("--negotiate.tcp.server.port=0", "--negotiate.tcp.kerberos.krb5-conf=" + running.krb5Conf(),
				"--negotiate.tcp.credentials.service.keytab=" + running.file("service.keytab"),
				"--negotiate.tcp.credentials.service.principal=host/localhost",
				"--negotiate.tcp.server.credential=service");
	}

	/**
	 * A client authenticating as alice with her keytab, closed after the test class.
	 * @return the client
	 */
	NegotiateChannelFactory alice() {
		NegotiateChannelFactory client = this.alice;
		if (client == null) {
			throw new IllegalStateException("The realm runs only for the tests of the class it is registered in");
		}
		return client;
	}

	private EmbeddedKdc kdc() {
		EmbeddedKdc running = this.kdc;
		if (running == null) {
			throw new IllegalStateException("The realm runs only for the tests of the class it is registered in");
		}
		return running;
	}

}
