package org.negotiatetcp.mechanism.kerberos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * Obtains a Kerberos ticket-granting ticket for a {@link ClientCredential} through the JDK's {@code Krb5LoginModule}
 * with a private JAAS configuration (no global {@code login.conf} needed). This blocks on the KDC: never call it on an
 * event loop.
 */
final class KerberosLogin {

	private KerberosLogin() {
	}

	static Subject login(ClientCredential credential) {
		Map<String, String> options = new HashMap<>();
		options.put("refreshKrb5Config", "true");
		options.put("isInitiator", "true");
		char[] password = null;
		String principal = (credential.principal() != null) ? KerberosNames.principalOf(credential.principal()) : null;
		if (credential instanceof ClientCredential.Keytab keytab) {
			if (!Files.isReadable(keytab.keytab())) {
				throw new MechanismException(FailureReason.BAD_CREDENTIALS, "Keytab " + keytab.keytab()
						+ " for " + keytab.principal() + " does not exist or is not readable; check the keytab path");
			}
			options.put("useKeyTab", "true");
			options.put("keyTab", keytab.keytab().toString());
			options.put("storeKey", "true");
			options.put("doNotPrompt", "true");
		}
		else if (credential instanceof ClientCredential.Password pw) {
			password = pw.password();
			options.put("useTicketCache", "false");
		}
		else if (credential instanceof ClientCredential.TicketCache cache) {
			options.put("useTicketCache", "true");
			options.put("doNotPrompt", "true");
			if (cache.cache() != null) {
				options.put("ticketCache", cache.cache().toString());
			}
		}
		else {
			throw new MechanismException(FailureReason.BAD_CREDENTIALS,
					"Kerberos needs a client credential (keytab, password or ticket cache); an anonymous client can use NTLM only");
		}
		if (principal != null) {
			options.put("principal", principal);
		}
		Configuration configuration = new Krb5LoginConfiguration(options);
		Subject subject = new Subject();
		char[] secret = password;
		String user = principal;
		try {
			LoginContext context = new LoginContext("negotiate-tcp-client", subject, (callbacks) -> {
				for (Callback callback : callbacks) {
					if (callback instanceof NameCallback name && user != null) {
						name.setName(user);
					}
					else if (callback instanceof PasswordCallback pwc && secret != null) {
						pwc.setPassword(secret);
					}
					else {
						throw new UnsupportedCallbackException(callback);
					}
				}
			}, configuration);
			context.login();
			return subject;
		}
		catch (LoginException ex) {
			throw failure(credential, principal, ex);
		}
	}

	/**
	 * Word a failed login as the user needs to hear it: the KDC unreachable (which KDCs, which krb5.conf), a wrong
	 * password or stale keytab, an unknown, disabled or expired account, an empty ticket cache (which cache, run
	 * kinit), or else the JDK's text.
	 */
	static MechanismException failure(ClientCredential credential, @Nullable String principal, LoginException ex) {
		String who = (principal != null) ? principal : "the ticket cache's principal";
		String realm = KerberosEnvironment.realmOf(principal);
		String fullName = (principal != null && !principal.contains("@") && realm != null) ? principal + "@" + realm
				: who;
		Throwable network = KerberosFailures.unreachable(ex);
		if (network != null && !(credential instanceof ClientCredential.TicketCache)) {
			return KerberosFailures.kdcUnreachable(realm, "to log in " + fullName, network, ex);
		}
		if (credential instanceof ClientCredential.TicketCache cache) {
			return noTicket(cache, principal, ex);
		}
		if (KerberosFailures.says(ex, KerberosFailures.PREAUTH_FAILED)) {
			if (credential instanceof ClientCredential.Keytab keytab) {
				return new MechanismException(FailureReason.BAD_CREDENTIALS, "The key of " + fullName + " in the keytab "
						+ keytab.keytab() + " is wrong: the KDC refused pre-authentication (KDC_ERR_PREAUTH_FAILED), "
						+ "usually because the password changed after the keytab was made; export a new keytab", ex);
			}
			return new MechanismException(FailureReason.BAD_CREDENTIALS, "Wrong password for " + fullName
					+ ": the KDC refused pre-authentication (KDC_ERR_PREAUTH_FAILED); check the password configured "
					+ "for this credential", ex);
		}
		if (KerberosFailures.says(ex, KerberosFailures.CLIENT_UNKNOWN)) {
			return new MechanismException(FailureReason.BAD_CREDENTIALS, "The principal " + fullName
					+ " is not known to the KDC of realm " + realm + " (KDC_ERR_C_PRINCIPAL_UNKNOWN); check the "
					+ "credential's principal and its realm", ex);
		}
		if (KerberosFailures.says(ex, KerberosFailures.REVOKED)) {
			return new MechanismException(FailureReason.BAD_CREDENTIALS, "The account " + fullName
					+ " is disabled, locked out or expired (KDC_ERR_CLIENT_REVOKED); ask its administrator", ex);
		}
		if (KerberosFailures.says(ex, KerberosFailures.PASSWORD_EXPIRED)) {
			return new MechanismException(FailureReason.BAD_CREDENTIALS, "The password of " + fullName
					+ " has expired (KDC_ERR_KEY_EXPIRED); change it, then update this credential", ex);
		}
		if (KerberosFailures.says(ex, KerberosFailures.CLOCK_SKEW)) {
			return new MechanismException(FailureReason.BAD_CREDENTIALS, "Kerberos login of " + fullName
					+ " failed: the clocks of this host and the KDC differ by more than the allowed skew (usually 5 "
					+ "minutes); synchronise them, for example with NTP", ex);
		}
		if (credential instanceof ClientCredential.Keytab keytab && KerberosFailures.says(ex,
				java.util.List.of("Unable to obtain password from user"))) {
			return new MechanismException(FailureReason.BAD_CREDENTIALS, "The keytab " + keytab.keytab()
					+ " has no key for " + fullName + "; check the principal (klist -k " + keytab.keytab() + ")", ex);
		}
		// last: the JDK's decoding failures also follow a reply decrypted with a wrong key, recognised above
		Throwable malformed = KerberosFailures.malformedReply(ex);
		if (malformed != null) {
			return KerberosFailures.kdcAnsweredNonsense(realm, "to log in " + fullName, malformed, ex);
		}
		return new MechanismException(FailureReason.BAD_CREDENTIALS, "Kerberos login failed for " + describe(credential)
				+ ": " + ex.getMessage() + "; check the principal, its keytab/password/ticket cache and the krb5.conf "
				+ "in use, " + KerberosEnvironment.describeKrb5Conf(), ex);
	}

	private static MechanismException noTicket(ClientCredential.TicketCache cache, @Nullable String principal,
			LoginException ex) {
		Path file = (cache.cache() != null) ? cache.cache() : KerberosEnvironment.defaultTicketCache();
		String described = KerberosEnvironment.describeTicketCache(cache.cache());
		String state = Files.exists(file) ? "holds no valid ticket-granting ticket"
				+ ((principal != null) ? " for " + principal : "") + " (it may have expired)" : "does not exist";
		return new MechanismException(FailureReason.BAD_CREDENTIALS, "No Kerberos ticket: the ticket cache "
				+ described + " " + state + "; run kinit" + ((principal != null) ? " " + principal : "")
				+ " as the user this process runs as, or give the credential a keytab or password", ex);
	}

	private static String describe(ClientCredential credential) {
		String principal = credential.principal();
		if (credential instanceof ClientCredential.TicketCache cache) {
			return "the ticket cache " + ((cache.cache() != null) ? cache.cache() : "(default)")
					+ ((principal != null) ? " of " + principal : "");
		}
		return String.valueOf(principal);
	}

}
