package org.negotiatetcp.mechanism.spnego;

import org.negotiatetcp.Mechanism;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.ietf.jgss.GSSCredential;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.kerberos.GssMechanismContext;
import org.negotiatetcp.mechanism.kerberos.KerberosClientCredentials;
import org.negotiatetcp.mechanism.ntlm.NtlmCredential;
import org.negotiatetcp.mechanism.ntlm.NtlmInitiatorContext;
import org.negotiatetcp.mechanism.ntlm.NtlmInitiatorOptions;
import org.negotiatetcp.mechanism.spnego.NegotiableMechanism;
import org.negotiatetcp.mechanism.spnego.SpnegoInitiatorContext;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.InitiatorSettings;

/**
 * Creates the client-side context for a channel from its {@link InitiatorSettings}, applying the package rules of
 * {@code WS_TCP_SSPI_TRANSPORT_SECURITY_BINDING}:
 * <ul>
 * <li>{@code spnego} (the default): our SPNEGO offering Kerberos (a keytab, password or ticket-cache credential) and,
 * when {@code require-server-auth} is {@code false} and the credential is a password or anonymous, NTLM. When Kerberos
 * cannot start (login fails, no ticket, unknown SPN) SPNEGO falls back to NTLM; with {@code require-server-auth}
 * {@code true} that fallback is refused with {@link FailureReason#POLICY} instead of downgrading silently; the message
 * leads with why Kerberos failed.</li>
 * <li>{@code kerberos}: raw Kerberos (RFC 4121 tokens).</li>
 * <li>{@code ntlm}: raw NTLMSSP, refused with {@link FailureReason#POLICY} when {@code require-server-auth} is
 * {@code true}.</li>
 * </ul>
 * Kerberos logins are cached per credential (for an {@link ClientCredential.Impersonated impersonated} credential,
 * the service's own login). {@link #create} may block on the KDC.
 */
public final class InitiatorFactory {

	private final Map<ClientCredential, KerberosClientCredentials> kerberos = new ConcurrentHashMap<>();

	/**
	 * Create a factory with an empty Kerberos login cache.
	 */
	public InitiatorFactory() {
	}

	/**
	 * Return the seconds left before the Kerberos ticket-granting ticket of a credential expires.
	 * @param credential the client credential
	 * @return the remaining lifetime in seconds, or -1 if this factory has not logged in with it yet
	 */
	public int remainingLifetime(ClientCredential credential) {
		KerberosClientCredentials credentials = this.kerberos.get(credential);
		return (credentials != null) ? credentials.remainingLifetime() : -1;
	}

	/**
	 * Whether {@link #create} and the context's first step will not block for these settings: NTLM (no network), or
	 * Kerberos whose login is done and whose service ticket for the target is cached (no KDC exchange), without
	 * delegation (which asks the KDC for a forwarded ticket-granting ticket). Never blocks; {@code false} when in
	 * doubt, so the caller computes the first token off its event loop.
	 * @param settings the settings
	 * @return {@code true} if the first token can be computed on an event loop
	 */
	public boolean startsWithoutWaiting(InitiatorSettings settings) {
		ClientCredential credential = settings.credential();
		if (settings.authPackage() == AuthPackage.NTLM
				|| (settings.authPackage() == AuthPackage.SPNEGO && credential instanceof ClientCredential.Anonymous)) {
			return true;
		}
		if (settings.allowedImpersonation() == ImpersonationLevel.DELEGATION
				|| credential instanceof ClientCredential.Delegated
				|| credential instanceof ClientCredential.Impersonated) {
			return false;
		}
		KerberosClientCredentials login = this.kerberos.get(credential);
		return login != null && login.hasServiceTicket(settings.target());
	}

	/**
	 * Create an initiator context. Blocks while a Kerberos login runs.
	 * @param settings the settings
	 * @return a context whose first {@code step(null)} yields the client's first token
	 * @throws MechanismException if the package is refused by policy or credentials are unusable
	 */
	public MechanismContext create(InitiatorSettings settings) {
		return switch (settings.authPackage()) {
			case NTLM -> createNtlm(settings);
			case KERBEROS -> GssMechanismContext.initiator(kerberosLogin(settings), settings.target(),
					settings.requireServerAuth(), settings.protectionLevel(), settings.allowedImpersonation(),
					settings.delegationPolicy());
			case SPNEGO -> createSpnego(settings);
		};
	}

	private MechanismContext createNtlm(InitiatorSettings settings) {
		if (settings.requireServerAuth()) {
			throw new MechanismException(FailureReason.POLICY, "The NTLM package cannot authenticate the server; "
					+ "set require-server-auth to false to allow NTLM, or use the spnego or kerberos package");
		}
		return ntlmInitiator(settings);
	}

	private MechanismContext createSpnego(InitiatorSettings settings) {
		ClientCredential credential = settings.credential();
		List<NegotiableMechanism> mechanisms = new ArrayList<>();
		if (!(credential instanceof ClientCredential.Anonymous)) {
			// log in now (blocking, as documented); if that fails, SPNEGO drops Kerberos on its first step
			KerberosClientCredentials gss = null;
			MechanismException loginFailure = null;
			try {
				gss = kerberosLogin(settings);
				gss.credential();
			}
			catch (MechanismException ex) {
				loginFailure = ex;
			}
			mechanisms.add(new NegotiableMechanism(Mechanism.KERBEROS, kerberosStarter(settings, gss, loginFailure)));
		}
		boolean ntlmPossible = credential instanceof ClientCredential.Password
				|| credential instanceof ClientCredential.Anonymous;
		boolean ntlmRefused = ntlmPossible && settings.requireServerAuth();
		if (ntlmPossible && !settings.requireServerAuth()) {
			mechanisms.add(new NegotiableMechanism(Mechanism.NTLM, () -> ntlmInitiator(settings)));
		}
		if (mechanisms.isEmpty()) {
			throw new MechanismException(FailureReason.POLICY, "An anonymous client can only use NTLM, which "
					+ "require-server-auth true refuses; set require-server-auth to false or use a real credential");
		}
		return new SpnegoInitiatorContext(mechanisms, ntlmRefused);
	}

	private static java.util.function.Supplier<MechanismContext> kerberosStarter(InitiatorSettings settings,
			@Nullable KerberosClientCredentials credential, @Nullable MechanismException loginFailure) {
		return () -> {
			if (credential == null) {
				throw (loginFailure != null) ? loginFailure
						: new MechanismException(FailureReason.BAD_CREDENTIALS, "No Kerberos credential");
			}
			return GssMechanismContext.initiator(credential, settings.target(), settings.requireServerAuth(),
					settings.protectionLevel(), settings.allowedImpersonation(), settings.delegationPolicy());
		};
	}

	private KerberosClientCredentials kerberosLogin(InitiatorSettings settings) {
		if (settings.credential() instanceof ClientCredential.Delegated) {
			// a delegated credential is used as is and not cached: each belongs to one client's session
			return new KerberosClientCredentials(settings.credential());
		}
		if (settings.credential() instanceof ClientCredential.Impersonated impersonated) {
			// the service's own login is shared; the ticket in the user's name (S4U2Self) belongs to this channel
			return new KerberosClientCredentials(impersonated,
					this.kerberos.computeIfAbsent(impersonated.service(), KerberosClientCredentials::new));
		}
		return this.kerberos.computeIfAbsent(settings.credential(), KerberosClientCredentials::new);
	}

	private static MechanismContext ntlmInitiator(InitiatorSettings settings) {
		return new NtlmInitiatorContext(NtlmCredential.from(settings.credential()), settings.target().name(),
				NtlmInitiatorOptions.of(settings.protectionLevel(), settings.allowedImpersonation()));
	}

}
