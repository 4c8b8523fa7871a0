package org.negotiatetcp.mechanism;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.kerberos.GssMechanismContext;
import org.negotiatetcp.mechanism.kerberos.KerberosClientCredentials;
import org.negotiatetcp.security.AuthPackage;

/**
 * Creates the client-side context for a channel from its {@link InitiatorSettings}, applying the package rules of
 * {@code WS_TCP_SSPI_TRANSPORT_SECURITY_BINDING}: SPNEGO by default, NTLM only when server authentication is not
 * required. Kerberos logins are cached per credential. {@link #create} may block on the KDC.
 */
public final class InitiatorFactory {

	private final Map<ClientCredential, KerberosClientCredentials> kerberos = new ConcurrentHashMap<>();

	/**
	 * Create an initiator context. Blocks while a Kerberos login runs.
	 * @param settings the settings
	 * @return a context whose first {@code step(null)} yields the client's first token
	 * @throws MechanismException if the package is refused by policy or credentials are unusable
	 */
	public MechanismContext create(InitiatorSettings settings) {
		AuthPackage authPackage = settings.authPackage();
		if (authPackage == AuthPackage.NTLM) {
			if (settings.requireServerAuth()) {
				throw new MechanismException(FailureReason.POLICY, "The NTLM package cannot authenticate the server; "
						+ "set require-server-auth to false to allow NTLM, or use the spnego or kerberos package");
			}
			throw new MechanismException(FailureReason.UNSUPPORTED_MECHANISM, "The NTLM package is not available yet");
		}
		// a delegated credential is used as is and not cached: each belongs to one client's session
		KerberosClientCredentials credentials = (settings.credential() instanceof ClientCredential.Delegated)
				? new KerberosClientCredentials(settings.credential())
				: this.kerberos.computeIfAbsent(settings.credential(), KerberosClientCredentials::new);
		if (authPackage == AuthPackage.KERBEROS) {
			return GssMechanismContext.initiator(credentials.credential(), settings.target(), settings.requireServerAuth(),
					settings.protection(), settings.allowedImpersonation());
		}
		return GssMechanismContext.initiator(Mechanism.toOid(Mechanism.SPNEGO_OID), credentials.credential(),
				settings.target(), settings.requireServerAuth(), settings.protection(), settings.allowedImpersonation());
	}

}
