package org.negotiatetcp.mechanism.kerberos;

import java.nio.file.Files;
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
			throw new MechanismException(FailureReason.BAD_CREDENTIALS, "Kerberos login failed for " + describe(credential)
					+ ": " + ex.getMessage() + "; check the principal, its keytab/password/ticket cache and krb5.conf", ex);
		}
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
