package org.negotiatetcp.mechanism.kerberos;

import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

/**
 * A private JAAS configuration (no global {@code login.conf}) with a single entry, whatever the application name:
 * the JDK's {@code Krb5LoginModule}, required, with the given options.
 */
final class Krb5LoginConfiguration extends Configuration {

	private static final String KRB5_LOGIN_MODULE = "com.sun.security.auth.module.Krb5LoginModule";

	private final Map<String, String> options;

	/**
	 * Create the configuration.
	 * @param options the login module's options, for example {@code useKeyTab=true}
	 */
	Krb5LoginConfiguration(Map<String, String> options) {
		this.options = options;
	}

	@Override
	public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
		return new AppConfigurationEntry[] { new AppConfigurationEntry(KRB5_LOGIN_MODULE,
				AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, this.options) };
	}

}
