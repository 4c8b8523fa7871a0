package org.negotiatetcp.test.kdc;

import java.util.HashMap;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginException;

import com.sun.security.auth.module.Krb5LoginModule;
import org.jspecify.annotations.Nullable;

/**
 * The JVM's Kerberos configuration: the JDK reads {@code java.security.krb5.conf} once and caches it JVM-wide, so
 * changing the property alone changes nothing. {@link Krb5LoginModule}'s {@code refreshKrb5Config} option makes it
 * read the file again (a public API, unlike {@code sun.security.krb5.Config.refresh()}).
 */
final class Krb5Configuration {

	static final String PROPERTY = "java.security.krb5.conf";

	private Krb5Configuration() {
	}

	/**
	 * Point the JDK at a krb5.conf, or at its default one, and make it read the file again.
	 * @param krb5Conf the path, or {@code null} to clear the property
	 */
	static synchronized void use(@Nullable String krb5Conf) {
		if (krb5Conf != null) {
			System.setProperty(PROPERTY, krb5Conf);
		}
		else {
			System.clearProperty(PROPERTY);
		}
		Map<String, Object> options = new HashMap<>();
		options.put("refreshKrb5Config", "true");
		options.put("doNotPrompt", "true");
		options.put("useTicketCache", "false");
		options.put("principal", "configuration-refresh");
		Krb5LoginModule module = new Krb5LoginModule();
		module.initialize(new Subject(), (callbacks) -> {
			throw new UnsupportedCallbackException(callbacks[0]);
		}, new HashMap<>(), options);
		try {
			// the module re-reads the configuration before anything else, then finds no key: a failure expected here
			module.login();
		}
		catch (LoginException ex) {
			// expected
		}
	}

}
