package org.negotiatetcp.testsupport;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * Points the JDK's Kerberos (JGSS, {@code Krb5LoginModule}) at a {@link MitKdc} and logs principals in from keytabs.
 * <p>
 * The JDK reads {@code krb5.conf} once and caches it; {@link #login} sets {@code java.security.krb5.conf} and uses the
 * login module option {@code refreshKrb5Config=true}, which makes the JDK re-read it, so consecutive tests may use
 * different realms in one JVM. JGSS calls made with the returned subject (via {@code Subject.doAs}) use the
 * credentials in it ({@code javax.security.auth.useSubjectCredsOnly} is {@code true} by default).
 */
public final class JdkKerberos {

	private JdkKerberos() {
	}

	/**
	 * Logs a principal in with its keys from a keytab.
	 * @param kdc the realm; its {@code krb5.conf} becomes the JDK's
	 * @param principal the principal, with or without realm
	 * @param keytab a keytab holding the principal's keys
	 * @param initiator {@code true} to also obtain a TGT (a client), {@code false} for an acceptor that only needs
	 * its keys (a server)
	 * @return the logged-in subject
	 * @throws LoginException if the login fails
	 */
	public static Subject login(MitKdc kdc, String principal, Path keytab, boolean initiator) throws LoginException {
		useKrb5Conf(kdc);
		Map<String, String> options = new HashMap<>();
		options.put("useKeyTab", "true");
		options.put("keyTab", keytab.toAbsolutePath().toString());
		options.put("principal", kdc.principal(principal));
		options.put("storeKey", "true");
		options.put("doNotPrompt", "true");
		options.put("isInitiator", Boolean.toString(initiator));
		options.put("refreshKrb5Config", "true");
		options.put("debug", Boolean.getBoolean("negotiate.krb5.debug") ? "true" : "false");
		Configuration configuration = new Configuration() {
			@Override
			public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
				return new AppConfigurationEntry[] {
						new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
								AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options) };
			}
		};
		Subject subject = new Subject();
		LoginContext login = new LoginContext("negotiate-tcp-test", subject, null, configuration);
		login.login();
		return subject;
	}

	/**
	 * Sets {@code java.security.krb5.conf} to the realm's configuration. The JDK re-reads it at the next
	 * {@link #login} (or any {@code Krb5LoginModule} login with {@code refreshKrb5Config=true}).
	 * @param kdc the realm
	 */
	public static void useKrb5Conf(MitKdc kdc) {
		org.negotiatetcp.mechanism.kerberos.KerberosConfiguration.use(kdc.krb5Conf());
	}

}
