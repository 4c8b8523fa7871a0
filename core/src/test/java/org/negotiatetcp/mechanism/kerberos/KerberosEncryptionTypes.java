package org.negotiatetcp.mechanism.kerberos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.negotiatetcp.test.kdc.EmbeddedKdc;

/**
 * Makes the JVM's Kerberos clients ask an embedded KDC for session keys of one encryption type: a krb5.conf beside the
 * KDC's own with {@code default_tkt_enctypes} and {@code default_tgs_enctypes} set, read again by the JDK through
 * {@link KerberosConfiguration#use}. {@link EmbeddedKdc#makeCurrent()} restores the KDC's own configuration.
 */
final class KerberosEncryptionTypes {

	private KerberosEncryptionTypes() {
	}

	static void request(EmbeddedKdc kdc, String enctype) {
		try {
			String conf = Files.readString(kdc.krb5Conf(), StandardCharsets.UTF_8)
				.replace("[libdefaults]\n", "[libdefaults]\n    default_tkt_enctypes = " + enctype
						+ "\n    default_tgs_enctypes = " + enctype + "\n    permitted_enctypes = " + enctype
						+ "\n    allow_weak_crypto = true\n");
			Path file = Files.writeString(kdc.directory().resolve("krb5-" + enctype + ".conf"), conf,
					StandardCharsets.UTF_8);
			KerberosConfiguration.use(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
