package org.negotiatetcp.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.test.kdc.EmbeddedKdc;

/**
 * The embedded realm most core tests run in, seen through core's types: an {@link EmbeddedKdc} (module
 * {@code negotiate-tcp-test-kdc}) with the service {@value #SERVICE} in {@code service.keytab} and the user
 * {@value #USER} (password {@value #PASSWORD}) whose keys are also in {@code client.keytab}. Tests add what else they
 * need through {@link #kdc()}. Closing it stops the KDC.
 */
public final class EmbeddedRealm implements AutoCloseable {

	/**
	 * The user, without realm.
	 */
	public static final String USER = "alice";

	/**
	 * The user's password.
	 */
	public static final String PASSWORD = "alice-Secret-1";

	/**
	 * The service principal, without realm.
	 */
	public static final String SERVICE = "host/localhost";

	private final EmbeddedKdc kdc;

	private final Path serviceKeytab;

	private final Path clientKeytab;

	private @Nullable KerberosServiceCredentials serviceCredentials;

	private EmbeddedRealm(EmbeddedKdc kdc, Path serviceKeytab, Path clientKeytab) {
		this.kdc = kdc;
		this.serviceKeytab = serviceKeytab;
		this.clientKeytab = clientKeytab;
	}

	/**
	 * Start the KDC ({@code EXAMPLE.COM}) and write the two keytabs.
	 * @param alsoInClientKeytab more principals to create and put into {@code client.keytab} after {@value #USER}
	 * @return the realm
	 */
	public static EmbeddedRealm start(String... alsoInClientKeytab) {
		EmbeddedKdc kdc = EmbeddedKdc.start();
		kdc.user(USER, PASSWORD);
		Path serviceKeytab = kdc.keytab("service.keytab", SERVICE);
		List<String> clients = new ArrayList<>(List.of(USER));
		clients.addAll(List.of(alsoInClientKeytab));
		Path clientKeytab = kdc.keytab("client.keytab", clients.toArray(String[]::new));
		return new EmbeddedRealm(kdc, serviceKeytab, clientKeytab);
	}

	/**
	 * Return the running KDC.
	 * @return the KDC
	 */
	public EmbeddedKdc kdc() {
		return this.kdc;
	}

	/**
	 * Return the realm.
	 * @return {@code EXAMPLE.COM}
	 */
	public String realm() {
		return this.kdc.realm();
	}

	/**
	 * Return the keytab of {@value #SERVICE}.
	 * @return the keytab
	 */
	public Path serviceKeytab() {
		return this.serviceKeytab;
	}

	/**
	 * Return the keytab of {@value #USER} and the principals given to {@link #start(String...)}.
	 * @return the keytab
	 */
	public Path clientKeytab() {
		return this.clientKeytab;
	}

	/**
	 * Return alice's credential: her key in {@link #clientKeytab()}.
	 * @return the credential
	 */
	public ClientCredential.Keytab alice() {
		return new ClientCredential.Keytab(USER, this.clientKeytab);
	}

	/**
	 * Return alice's credential: her password.
	 * @return the credential
	 */
	public ClientCredential.Password alicePassword() {
		return new ClientCredential.Password(this.kdc.principal(USER), PASSWORD.toCharArray());
	}

	/**
	 * Return the service's credential: {@value #SERVICE} in {@link #serviceKeytab()}.
	 * @return the credential
	 */
	public ServiceCredential serviceCredential() {
		return new ServiceCredential(this.serviceKeytab, this.kdc.principal(SERVICE));
	}

	/**
	 * Return the service's credentials, loaded from the keytab on first use.
	 * @return the credentials of {@value #SERVICE}
	 */
	public synchronized KerberosServiceCredentials serviceCredentials() {
		if (this.serviceCredentials == null) {
			this.serviceCredentials = KerberosServiceCredentials.load(serviceCredential());
		}
		return this.serviceCredentials;
	}

	/**
	 * Return the acceptor settings of a Kerberos-only server that is {@value #SERVICE}.
	 * @param required the least protection level the server accepts
	 * @return the settings
	 * @see TestServer#kerberosAcceptor(Path, String, ProtectionLevel)
	 */
	public AcceptorSettings acceptor(ProtectionLevel required) {
		return TestServer.kerberosAcceptor(this.serviceKeytab, SERVICE, required);
	}

	@Override
	public void close() {
		this.kdc.close();
	}

}
