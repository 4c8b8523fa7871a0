package org.negotiatetcp.mechanism.spnego;

import org.negotiatetcp.Mechanism;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.kerberos.GssMechanismContext;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.mechanism.ntlm.NtlmAcceptorContext;
import org.negotiatetcp.mechanism.ntlm.NtlmAcceptorOptions;
import org.negotiatetcp.mechanism.ntlm.NtlmAccountStore;
import org.negotiatetcp.mechanism.ntlm.NtlmServerNames;
import org.negotiatetcp.mechanism.spnego.NegotiableMechanism;
import org.negotiatetcp.mechanism.spnego.SpnegoAcceptorContext;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.mechanism.InitialToken;

/**
 * Creates the server-side context for a connection from the client's first token: SPNEGO, raw Kerberos or raw
 * NTLMSSP are recognised ({@link InitialToken}) and answered in the same form. SPNEGO negotiates among the mechanisms
 * the settings enable: Kerberos when a service credential (keytab) is configured, NTLM when an account store is.
 */
public final class AcceptorFactory {

	private final AcceptorSettings settings;

	private volatile @Nullable NtlmServerNames defaultNames;

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
		return switch (kind) {
			case SPNEGO -> spnegoAcceptor();
			case KERBEROS -> kerberosAcceptor();
			case NTLM -> ntlmAcceptor();
			case UNKNOWN -> throw new MechanismException(FailureReason.BAD_TOKEN,
					"Client's first token is neither SPNEGO, Kerberos nor NTLMSSP");
		};
	}

	private MechanismContext spnegoAcceptor() {
		List<NegotiableMechanism> mechanisms = new ArrayList<>();
		if (this.settings.kerberos() != null) {
			mechanisms.add(new NegotiableMechanism(Mechanism.KERBEROS, this::kerberosAcceptor));
		}
		if (this.settings.ntlmAccounts() != null) {
			mechanisms.add(new NegotiableMechanism(Mechanism.NTLM, this::ntlmAcceptor));
		}
		if (mechanisms.isEmpty()) {
			throw new MechanismException(FailureReason.UNSUPPORTED_MECHANISM, "Client offered SPNEGO but this server "
					+ "has neither a Kerberos service credential (keytab) nor an NTLM account store");
		}
		return new SpnegoAcceptorContext(mechanisms, this.settings.allowAnonymousClients());
	}

	private MechanismContext kerberosAcceptor() {
		KerberosServiceCredentials kerberos = this.settings.kerberos();
		if (kerberos == null) {
			throw new MechanismException(FailureReason.UNSUPPORTED_MECHANISM,
					"Client offered Kerberos but this server has no Kerberos service credential (keytab)");
		}
		boolean confidentialityRequired = this.settings.requiredProtectionLevel() == ProtectionLevel.ENCRYPT_AND_SIGN;
		return GssMechanismContext.acceptor(kerberos, confidentialityRequired);
	}

	private MechanismContext ntlmAcceptor() {
		NtlmAccountStore accounts = this.settings.ntlmAccounts();
		if (accounts == null) {
			throw new MechanismException(FailureReason.UNSUPPORTED_MECHANISM,
					"Client offered NTLM but this server has no NTLM account store");
		}
		return new NtlmAcceptorContext(accounts, ntlmServerNames(), this.settings.allowAnonymousClients(),
				ntlmOptions());
	}

	/**
	 * The configured NTLM checks, with the Kerberos service principal (when one is named) among the accepted target
	 * names: a client that names the server's SPN in MsvAvTargetName is talking to this server.
	 */
	private NtlmAcceptorOptions ntlmOptions() {
		NtlmAcceptorOptions options = this.settings.ntlmOptions();
		KerberosServiceCredentials kerberos = this.settings.kerberos();
		String principal = (kerberos != null) ? kerberos.serviceCredential().principal() : null;
		if (principal == null || principal.equals("*") || principal.indexOf('/') < 0) {
			return options;
		}
		int at = principal.lastIndexOf('@');
		return options.withTargetNames(java.util.Set.of((at > 0) ? principal.substring(0, at) : principal));
	}

	private NtlmServerNames ntlmServerNames() {
		NtlmServerNames names = this.settings.ntlmServerNames();
		if (names == null) {
			names = this.defaultNames;
			if (names == null) {
				names = NtlmServerNames.forHost(localHostName());
				this.defaultNames = names;
			}
		}
		return names;
	}

	private static String localHostName() {
		try {
			String name = InetAddress.getLocalHost().getHostName();
			return (name == null || name.isBlank()) ? "localhost" : name;
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
