package org.negotiatetcp.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.security.ProtectionLevel;

/**
 * The embedded realm most channel tests run in: an {@link EmbeddedKdc} with the service {@code host/localhost} in
 * {@code service.keytab} and the user {@code alice} in {@code client.keytab}. Tests add what else they need through
 * {@link #kdc()}. Closing it stops the KDC.
 *
 * @param kdc the running KDC
 * @param serviceKeytab the keytab of {@code host/localhost}
 * @param clientKeytab the keytab of {@code alice} (and of the principals given to {@link #start(String...)})
 */
public record EmbeddedRealm(EmbeddedKdc kdc, Path serviceKeytab, Path clientKeytab) implements AutoCloseable {

	/**
	 * Start the KDC and write the two keytabs.
	 * @param alsoInClientKeytab more principals to create and put into {@code client.keytab} after {@code alice}
	 * @return the realm
	 */
	public static EmbeddedRealm start(String... alsoInClientKeytab) {
		EmbeddedKdc kdc = EmbeddedKdc.start();
		Path serviceKeytab = kdc.keytab("service.keytab", "host/localhost");
		List<String> clients = new ArrayList<>(List.of("alice"));
		clients.addAll(List.of(alsoInClientKeytab));
		Path clientKeytab = kdc.keytab("client.keytab", clients.toArray(String[]::new));
		return new EmbeddedRealm(kdc, serviceKeytab, clientKeytab);
	}

	/**
	 * Return alice's credential: her key in {@link #clientKeytab()}.
	 * @return the credential
	 */
	public ClientCredential.Keytab alice() {
		return new ClientCredential.Keytab("alice", this.clientKeytab);
	}

	/**
	 * Return the acceptor settings of a Kerberos-only server that is {@code host/localhost}.
	 * @param required the least protection level the server accepts
	 * @return the settings
	 * @see TestServer#kerberosAcceptor(Path, String, ProtectionLevel)
	 */
	public AcceptorSettings acceptor(ProtectionLevel required) {
		return TestServer.kerberosAcceptor(this.serviceKeytab, "host/localhost", required);
	}

	@Override
	public void close() {
		this.kdc.close();
	}

}
