package org.negotiatetcp.mechanism.kerberos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginException;

import com.sun.security.auth.module.Krb5LoginModule;

import org.negotiatetcp.test.kdc.EmbeddedKdc;

/**
 * Makes the JVM's Kerberos clients ask an embedded KDC for session keys of one encryption type: a krb5.conf beside the
 * KDC's own with {@code default_tkt_enctypes} and {@code default_tgs_enctypes} set, read again by the JDK.
 * {@link EmbeddedKdc#makeCurrent()} restores the KDC's own configuration.
 */
final class KerberosEncryptionTypes {

	private KerberosEncryptionTypes() {
	}

	static void request(EmbeddedKdc kdc, String enctype) {
		try {
			String conf = Files.readString(kdc.krb5Conf(), StandardCharsets.UTF_8)
				.replace("[libdefaults]\n", "[libdefaults]\n    default_tkt_enctypes = " + enctype
						+ "\n    default_tgs_enctypes = " + enctype + "\n    allow_weak_crypto = true\n");
			Path file = Files.writeString(kdc.directory().resolve("krb5-" + enctype + ".conf"), conf,
					StandardCharsets.UTF_8);
			System.setProperty("java.security.krb5.conf", file.toString());
			refresh();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The JDK caches krb5.conf; the login module's {@code refreshKrb5Config} option makes it read the file again.
	 */
	private static void refresh() {
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
			module.login();
		}
		catch (LoginException ex) {
			// expected: the configuration was read again before the login failed
		}
	}

}
