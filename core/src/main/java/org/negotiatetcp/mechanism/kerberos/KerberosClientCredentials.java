package org.negotiatetcp.mechanism.kerberos;

import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KerberosTicket;

import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.identity.TargetName;
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

	private final @Nullable KerberosClientCredentials service;

	/** How long a cached service ticket must still be valid to be counted as cached. */
	private static final long TICKET_MARGIN_MILLIS = 60_000;

	private volatile @Nullable GSSCredential current;

	private volatile @Nullable Subject subject;

	/**
	 * Create the credentials for a client credential; nothing is fetched until {@link #credential()}.
	 * @param credential the client credential (keytab, password, ticket cache, delegated or impersonated; an
	 * impersonated one gets a login of its own for the service)
	 */
	public KerberosClientCredentials(ClientCredential credential) {
		this.credential = credential;
		this.service = (credential instanceof ClientCredential.Impersonated impersonated)
				? new KerberosClientCredentials(impersonated.service()) : null;
	}

	/**
	 * Create the credentials of a service acting as a user (constrained delegation) with the service's own login,
	 * which may be shared by many users: each {@link #credential()} asks the KDC for a ticket in the user's name
	 * (S4U2Self).
	 * @param credential the impersonated credential
	 * @param service the service's own credentials (for {@link ClientCredential.Impersonated#service()})
	 */
	public KerberosClientCredentials(ClientCredential.Impersonated credential, KerberosClientCredentials service) {
		this.credential = credential;
		this.service = service;
	}

	/**
	 * Return the principal of the service acting as a user (constrained delegation), or {@code null} if this
	 * credential is not an impersonated one or the service has not logged in.
	 * @return the service principal, {@code name@REALM}
	 */
	@Nullable String impersonatingService() {
		KerberosClientCredentials service = this.service;
		GSSCredential self = (service != null) ? service.current : null;
		if (self == null) {
			return null;
		}
		try {
			return KerberosFailures.withRealm(String.valueOf(self.getName()));
		}
		catch (GSSException ex) {
			return String.valueOf(service.credential.principal());
		}
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
		KerberosClientCredentials service = this.service;
		if (this.credential instanceof ClientCredential.Impersonated impersonated && service != null) {
			GSSCredential cred = this.current;
			try {
				if (cred != null && cred.getRemainingLifetime() > RELOGIN_SECONDS_BEFORE_EXPIRY) {
					return cred;
				}
			}
			catch (GSSException ex) {
				// expired or disposed: ask again
			}
			cred = KerberosImpersonation.impersonate(service.credential(), impersonated.user());
			this.current = cred;
			return cred;
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
	 * {@code null} before the first login and for a delegated or impersonated credential (whose tickets belong to one
	 * user and are not cached in the service's login).
	 * @return the subject
	 */
	public synchronized @Nullable Subject subject() {
		return (this.service != null) ? null : this.subject;
	}

	/**
	 * Whether a context for a target can start without the KDC: logged in, the ticket-granting ticket far from the
	 * re-login, and a current service ticket for the target cached in the login's subject. Never blocks (reads what
	 * the last login left), so it can be asked on an event loop; {@code false} when in doubt.
	 * @param target the target (a service principal name, with or without realm)
	 * @return {@code true} if JGSS will find the service ticket in the subject
	 */
	public boolean hasServiceTicket(TargetName target) {
		GSSCredential cred = this.current;
		Subject login = this.subject;
		if (cred == null || login == null || target.type() != TargetName.Type.SERVICE_PRINCIPAL) {
			return false;
		}
		try {
			if (cred.getRemainingLifetime() <= 2 * RELOGIN_SECONDS_BEFORE_EXPIRY) {
				return false;
			}
		}
		catch (GSSException ex) {
			return false;
		}
		long validUntil = System.currentTimeMillis() + TICKET_MARGIN_MILLIS;
		for (KerberosTicket ticket : login.getPrivateCredentials(KerberosTicket.class)) {
			KerberosPrincipal server = ticket.getServer();
			String wanted = target.name().contains("@") ? target.name()
					: target.name() + "@" + ticket.getClient().getRealm();
			if (server.getName().equals(wanted) && ticket.isCurrent() && ticket.getEndTime() != null
					&& ticket.getEndTime().getTime() > validUntil) {
				return true;
			}
		}
		return false;
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
