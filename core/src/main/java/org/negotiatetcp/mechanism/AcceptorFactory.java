package org.negotiatetcp.mechanism;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.kerberos.GssMechanismContext;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.security.ProtectionLevel;

/**
 * Creates the server-side context for a connection from the client's first token: SPNEGO, raw Kerberos or raw
 * NTLMSSP are recognised and answered in the same form.
 */
public final class AcceptorFactory {

	private final AcceptorSettings settings;

	/**
	 * Create a factory.
	 * @param settings what the server accepts
	 */
	public AcceptorFactory(AcceptorSettings settings) {
		this.settings = settings;
	}

	/**
	 * Return the settings.
	 * @return the settings
	 */
	public AcceptorSettings settings() {
		return this.settings;
	}

	/**
	 * Create an acceptor for a client's first token. The token is not consumed: pass it to {@code step}.
	 * @param firstToken the client's first token
	 * @return the acceptor
	 * @throws MechanismException with {@link FailureReason#UNSUPPORTED_MECHANISM} if the token's mechanism is not
	 * accepted, or {@link FailureReason#BAD_TOKEN} if it is not recognised
	 */
	public MechanismContext create(byte[] firstToken) {
		InitialToken kind = InitialToken.detect(firstToken);
		boolean confidentialityRequired = this.settings.requiredProtection() == ProtectionLevel.ENCRYPT_AND_SIGN;
		return switch (kind) {
			case SPNEGO, KERBEROS -> {
				KerberosServiceCredentials kerberos = this.settings.kerberos();
				if (kerberos == null) {
					throw new MechanismException(FailureReason.UNSUPPORTED_MECHANISM,
							"Client offered " + kind + " but this server has no Kerberos service credential (keytab)");
				}
				yield GssMechanismContext.acceptor(kerberos.credential(), confidentialityRequired);
			}
			case NTLM -> throw new MechanismException(FailureReason.UNSUPPORTED_MECHANISM,
					"Client offered raw NTLM, which this server does not accept");
			case UNKNOWN -> throw new MechanismException(FailureReason.BAD_TOKEN,
					"Client's first token is neither SPNEGO, Kerberos nor NTLMSSP");
		};
	}

}
