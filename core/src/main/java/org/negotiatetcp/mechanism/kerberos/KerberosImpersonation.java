package org.negotiatetcp.mechanism.kerberos;

import com.sun.security.jgss.ExtendedGSSCredential;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.ConstrainedDelegationException;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * Kerberos constrained delegation with protocol transition ([MS-SFU]) on the JDK: S4U2Self through
 * {@link ExtendedGSSCredential#impersonate}, which asks the KDC, with the service's ticket-granting ticket, for a
 * ticket to the service in the user's name. The credential it returns makes the JDK ask for S4U2Proxy when a context
 * is initiated with it: a ticket in the user's name to the target, which the KDC grants only for the SPNs in the
 * service account's {@code msDS-AllowedToDelegateTo} and only with a forwardable S4U2Self ticket
 * ({@code TRUSTED_TO_AUTH_FOR_DELEGATION}).
 */
final class KerberosImpersonation {

	private KerberosImpersonation() {
	}

	/**
	 * Act as a user: S4U2Self. Blocks on the KDC.
	 * @param self the service's initiator credential (its ticket-granting ticket)
	 * @param user {@code user@REALM}, or {@code user} or {@code DOMAIN\\user} in the service's realm
	 * @return an initiator credential in the user's name
	 * @throws ConstrainedDelegationException if the KDC refuses
	 */
	static GSSCredential impersonate(GSSCredential self, String user) {
		String service = serviceName(self);
		String principal = userPrincipal(user, service);
		GSSManager manager = GssManagers.shared();
		if (!(self instanceof ExtendedGSSCredential extended)) {
			throw new MechanismException(FailureReason.BAD_CREDENTIALS, "The credential of " + service
					+ " cannot impersonate (not a JDK Kerberos credential): " + self.getClass().getName());
		}
		try {
			return extended.impersonate(KerberosNames.principalName(manager, principal));
		}
		catch (GSSException ex) {
			Throwable network = KerberosFailures.unreachable(ex);
			if (network != null) {
				throw KerberosFailures.kdcUnreachable(KerberosEnvironment.realmOf(service),
						"for a ticket in the name of " + principal + " (S4U2Self)", network, ex);
			}
			throw new ConstrainedDelegationException(service, principal, null, String.valueOf(ex.getMessage()), ex);
		}
	}

	/**
	 * Return the Kerberos principal of a user to impersonate: a name without realm ({@code user} or
	 * {@code DOMAIN\\user}, as an NTLM account store reports it) is taken to be in the service's realm.
	 * @param user the user name
	 * @param service the service principal, {@code name@REALM}
	 * @return {@code user@REALM}
	 */
	static String userPrincipal(String user, String service) {
		String name = user;
		int backslash = name.indexOf('\\');
		if (backslash >= 0 && name.indexOf('@') < 0) {
			name = name.substring(backslash + 1);
		}
		if (name.indexOf('@') >= 0) {
			return name;
		}
		int at = service.lastIndexOf('@');
		return (at >= 0) ? name + service.substring(at) : name;
	}

	private static String serviceName(GSSCredential self) {
		try {
			return KerberosFailures.withRealm(String.valueOf(self.getName()));
		}
		catch (GSSException ex) {
			throw new MechanismException(FailureReason.BAD_CREDENTIALS,
					"The service's Kerberos credential is no longer usable: " + ex.getMessage(), ex);
		}
	}

}
