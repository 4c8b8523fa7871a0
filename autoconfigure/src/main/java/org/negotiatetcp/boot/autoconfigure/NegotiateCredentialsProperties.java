package org.negotiatetcp.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Named credentials and Kerberos settings shared by the client and the server, in the style of SSL bundles: each
 * credential is defined once under {@code negotiate.tcp.credentials.<name>} and referenced by its name from
 * {@code negotiate.tcp.client.credential} or {@code negotiate.tcp.server.credential}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@ConfigurationProperties("negotiate.tcp")
public class NegotiateCredentialsProperties {

	/**
	 * Credentials by name.
	 */
	private final Map<String, Credential> credentials = new LinkedHashMap<>();

	private final Kerberos kerberos = new Kerberos();

	public Map<String, Credential> getCredentials() {
		return this.credentials;
	}

	public Kerberos getKerberos() {
		return this.kerberos;
	}

	/**
	 * One named credential: a principal with a keytab, a principal with a password, the Kerberos ticket cache (the
	 * current logon), or the anonymous client.
	 */
	public static class Credential {

		/**
		 * Principal to authenticate as, for example 'alice@EXAMPLE.COM', 'EXAMPLE\alice' or, for a service,
		 * 'host/srv.example.com@EXAMPLE.COM' ('*' accepts any principal of a service keytab).
		 */
		private @Nullable String principal;

		/**
		 * Keytab holding the principal's keys: a file path, or a 'file:' or 'classpath:' location (a keytab inside a
		 * jar is copied to a temporary file only the current user can read).
		 */
		private @Nullable String keytab;

		/**
		 * Password of the principal. Never logged.
		 */
		private @Nullable String password;

		/**
		 * Kerberos ticket cache to use, the current logon: 'true' for the default cache (KRB5CCNAME or
		 * /tmp/krb5cc_<uid>) or the path of a cache file.
		 */
		private @Nullable String ticketCache;

		/**
		 * Whether this is the anonymous client, without a principal or a secret (NTLM only; servers refuse it unless
		 * they allow anonymous clients).
		 */
		private boolean anonymous;

		public @Nullable String getPrincipal() {
			return this.principal;
		}

		public void setPrincipal(@Nullable String principal) {
			this.principal = principal;
		}

		public @Nullable String getKeytab() {
			return this.keytab;
		}

		public void setKeytab(@Nullable String keytab) {
			this.keytab = keytab;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public @Nullable String getTicketCache() {
			return this.ticketCache;
		}

		public void setTicketCache(@Nullable String ticketCache) {
			this.ticketCache = ticketCache;
		}

		public boolean isAnonymous() {
			return this.anonymous;
		}

		public void setAnonymous(boolean anonymous) {
			this.anonymous = anonymous;
		}

	}

	/**
	 * Kerberos settings.
	 */
	public static class Kerberos {

		/**
		 * Location of the krb5.conf: a file path, or a 'file:' or 'classpath:' location. Set as the
		 * 'java.security.krb5.conf' system property while the environment is prepared, before any bean is created.
		 */
		private @Nullable String krb5Conf;

		public @Nullable String getKrb5Conf() {
			return this.krb5Conf;
		}

		public void setKrb5Conf(@Nullable String krb5Conf) {
			this.krb5Conf = krb5Conf;
		}

	}

}
