package org.negotiatetcp.boot.autoconfigure;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details of a Kerberos realm the application connects to, for example a KDC started by a test
 * ({@code @ServiceConnection} on a Testcontainers KDC). When a bean of this type exists, its krb5.conf replaces
 * {@code negotiate.tcp.kerberos.krb5-conf} and its credentials are added to (and override same-named)
 * {@code negotiate.tcp.credentials.<name>}, so that {@code negotiate.tcp.server.credential} and
 * {@code negotiate.tcp.client.credential} can name them.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public interface NegotiateKerberosConnectionDetails extends ConnectionDetails {

	/**
	 * Return the realm.
	 * @return the realm, for example {@code EXAMPLE.COM}
	 */
	String realm();

	/**
	 * Return a krb5.conf that reaches the realm's KDC from this JVM.
	 * @return the file
	 */
	Path krb5Conf();

	/**
	 * Return the credentials of the realm by name.
	 * @return the credentials
	 */
	Map<String, Credential> credentials();

	/**
	 * One principal of the realm with its keytab or password (when both are given, the starter's credential uses the
	 * keytab).
	 * @param principal the principal with its realm, for example {@code alice@EXAMPLE.COM}
	 * @param keytab a keytab with the principal's keys, or {@code null}
	 * @param password the principal's password, or {@code null}
	 */
	record Credential(String principal, @Nullable Path keytab, @Nullable String password) {

		/**
		 * Create a credential.
		 * @param principal the principal with its realm
		 * @param keytab a keytab with the principal's keys, or {@code null}
		 * @param password the principal's password, or {@code null}
		 */
		public Credential {
			Objects.requireNonNull(principal, "principal");
			if (keytab == null && password == null) {
				throw new IllegalArgumentException("Credential " + principal + " needs a keytab or a password");
			}
		}

		@Override
		public String toString() {
			return "Credential[" + this.principal + ", keytab=" + this.keytab + ", password="
					+ ((this.password != null) ? "******" : "none") + "]";
		}

	}

}
