package org.negotiatetcp.boot.security;

import java.util.Objects;

import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;

import org.ietf.jgss.GSSCredential;

import org.negotiatetcp.mechanism.ClientCredential;

/**
 * A client the server may act as: its name and the Kerberos credential it delegated (a forwarded ticket-granting
 * ticket). Use {@link #credential()} to open an onward channel or any GSS-API connection as the client, or run JAAS
 * code in {@link #subject()}.
 * @param name the client's principal name
 * @param credential the delegated credential (initiator usage)
 * @author Negotiate TCP
 * @since 0.1.0
 */
public record DelegatedClient(String name, GSSCredential credential) {

	public DelegatedClient {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(credential, "credential");
	}

	/**
	 * Return the delegated credential as a client credential, to open an onward channel as the client with
	 * {@code ClientSettings.withCredential(...)}. Use the {@code kerberos} package (or SPNEGO) for it: a delegated
	 * credential is a Kerberos credential.
	 * @return the client credential
	 */
	public ClientCredential clientCredential() {
		return new ClientCredential.Delegated(this.credential);
	}

	/**
	 * Return a read-only JAAS subject holding the client's principal and its delegated credential, for code that takes
	 * its Kerberos credentials from {@code Subject.doAs}/{@code Subject.callAs}.
	 * @return the subject
	 */
	public Subject subject() {
		Subject subject = new Subject();
		subject.getPrincipals().add(new KerberosPrincipal(this.name));
		subject.getPrivateCredentials().add(this.credential);
		subject.setReadOnly();
		return subject;
	}

	@Override
	public String toString() {
		return "DelegatedClient[" + this.name + "]";
	}

}
