package org.negotiatetcp.mechanism.kerberos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * Points the JDK's Kerberos at a {@code krb5.conf}. The JDK reads it once and caches it JVM-wide; this sets
 * {@code java.security.krb5.conf} and makes the JDK read the file again (through {@code Krb5LoginModule}'s
 * {@code refreshKrb5Config}, without internal APIs), so default realm and KDC changes take effect at once.
 */
public final class KerberosConfiguration {

	private static final String PROPERTY = "java.security.krb5.conf";

	private KerberosConfiguration() {
	}

	/**
	 * Use a krb5.conf from now on.
	 * @param krb5Conf the file
	 * @throws MechanismException if the file does not exist
	 */
	public static synchronized void use(Path krb5Conf) {
		if (!Files.isReadable(krb5Conf)) {
			throw new MechanismException(FailureReason.BAD_CREDENTIALS, "krb5.conf " + krb5Conf
					+ " does not exist or is not readable; check negotiate.tcp.kerberos.krb5-conf");
		}
		System.setProperty(PROPERTY, krb5Conf.toAbsolutePath().toString());
		refresh();
	}

	/**
	 * Make the JDK read its Kerberos configuration again.
	 */
	public static synchronized void refresh() {
		Map<String, String> options = Map.of("refreshKrb5Config", "true", "doNotPrompt", "true", "useTicketCache",
				"false", "useKeyTab", "false", "principal", "refresh-only");
		Configuration configuration = new Krb5LoginConfiguration(options);
		try {
			// the module refreshes the configuration first, then fails for want of a credential: that is expected
			new LoginContext("negotiate-tcp-refresh", new Subject(), (callbacks) -> {
				throw new javax.security.auth.callback.UnsupportedCallbackException(callbacks[0]);
			}, configuration).login();
		}
		catch (LoginException ex) {
			// expected
		}
	}

}
