package org.negotiatetcp.mechanism.kerberos;

import javax.security.auth.Subject;

import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * The Kerberos initiator credential of a client: logs in once, keeps the ticket-granting ticket, and logs in again when
 * it is about to expire. {@link #credential()} may block on the KDC.
 */
public final class KerberosClientCredentials {

	private static final int RELOGIN_SECONDS_BEFORE_EXPIRY = 300;

	private final ClientCredential credential;

	private @Nullable GSSCredential current;

	private @Nullable Subject subject;

	/**
	 * Create the credentials for a client credential; nothing is fetched until {@link #credential()}.
	 * @param credential the client credential (keytab, password or ticket cache)
	 */
	public KerberosClientCredentials(ClientCredential credential) {
		this.credential = credential;
	}

	/**
	 * Return a valid initiator credential for Kerberos and SPNEGO, logging in if needed. Blocks on the KDC.
	 * @return the credential
	 * @throws MechanismException with {@link FailureReason#BAD_CREDENTIALS} if the login fails
	 */
	public synchronized GSSCredential credential() {
		if (this.credential instanceof ClientCredential.Delegated delegated) {
			return delegated.credential();
		}
		GSSCredential cred = this.current;
		try {
			if (cred != null && cred.getRemainingLifetime() > RELOGIN_SECONDS_BEFORE_EXPIRY) {
				return cred;
			}
		}
		catch (GSSException ex) {
			// expired or disposed: log in again
		}
		Subject subject = KerberosLogin.login(this.credential);
		try {
			GSSManager manager = GssManagers.shared();
			String principal = this.credential.principal();
			cred = Subjects.callAs(subject,
					() -> manager.createCredential(
							(principal != null) ? KerberosNames.principalName(manager, principal) : null,
							GSSCredential.DEFAULT_LIFETIME,
							new Oid[] { Mechanism.KERBEROS.gssOid(), Mechanism.toOid(Mechanism.SPNEGO_OID) },
							GSSCredential.INITIATE_ONLY));
		}
		catch (GSSException ex) {
			throw new MechanismException(FailureReason.BAD_CREDENTIALS, "No Kerberos initiator credential for "
					+ this.credential + ": " + ex.getMessage(), ex);
		}
		this.current = cred;
		this.subject = subject;
		return cred;
	}

	/**
	 * Return the JAAS subject of the current login (it also caches the service tickets obtained with it), or
	 * {@code null} before the first login and for a delegated credential.
	 * @return the subject
	 */
	public synchronized @Nullable Subject subject() {
		return this.subject;
	}

	/**
	 * Return the seconds left before the ticket-granting ticket expires, or -1 if not logged in.
	 * @return remaining lifetime in seconds
	 */
	public synchronized int remainingLifetime() {
		GSSCredential cred = this.current;
		if (cred == null) {
			return -1;
		}
		try {
			return cred.getRemainingLifetime();
		}
		catch (GSSException ex) {
			return 0;
		}
	}

	@Override
	public String toString() {
		return "KerberosClientCredentials[" + this.credential + "]";
	}

}
