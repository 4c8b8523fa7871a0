package org.negotiatetcp.boot.test.kerberos;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A running test realm: its KDC, krb5.conf, principals with their keytabs or passwords, and the starter's
 * {@code negotiate.tcp.*} properties that point at them.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class KerberosRealm {

	private final String name;

	private final String kdcHost;

	private final int kdcPort;

	private final Path krb5Conf;

	private final Map<String, Path> keytabs;

	private final Map<String, String> passwords;

	private final @Nullable String serverPrincipal;

	private final @Nullable String clientPrincipal;

	/**
	 * Create a realm description.
	 * @param name the realm
	 * @param kdcHost the KDC's host
	 * @param kdcPort the KDC's port
	 * @param krb5Conf a krb5.conf that reaches the KDC
	 * @param keytabs keytabs by principal (without realm)
	 * @param passwords passwords by principal (without realm)
	 * @param serverPrincipal the principal the server accepts as, or {@code null}
	 * @param clientPrincipal the principal the client authenticates as, or {@code null}
	 */
	public KerberosRealm(String name, String kdcHost, int kdcPort, Path krb5Conf, Map<String, Path> keytabs,
			Map<String, String> passwords, @Nullable String serverPrincipal, @Nullable String clientPrincipal) {
		this.name = name;
		this.kdcHost = kdcHost;
		this.kdcPort = kdcPort;
		this.krb5Conf = krb5Conf;
		this.keytabs = Collections.unmodifiableMap(new LinkedHashMap<>(keytabs));
		this.passwords = Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
		this.serverPrincipal = serverPrincipal;
		this.clientPrincipal = clientPrincipal;
	}

	/**
	 * Return the realm name.
	 * @return for example {@code EXAMPLE.COM}
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the KDC's host.
	 * @return the host
	 */
	public String kdcHost() {
		return this.kdcHost;
	}

	/**
	 * Return the KDC's port.
	 * @return the port
	 */
	public int kdcPort() {
		return this.kdcPort;
	}

	/**
	 * Return a krb5.conf for the realm (also what {@code java.security.krb5.conf} points at while the realm is
	 * current).
	 * @return the file
	 */
	public Path krb5Conf() {
		return this.krb5Conf;
	}

	/**
	 * Return every principal of the realm, without realm.
	 * @return the principals
	 */
	public Set<String> principals() {
		Set<String> all = new java.util.LinkedHashSet<>(this.keytabs.keySet());
		all.addAll(this.passwords.keySet());
		return all;
	}

	/**
	 * Return a principal's full name.
	 * @param principal the principal without realm, for example {@code alice}
	 * @return for example {@code alice@EXAMPLE.COM}
	 */
	public String principal(String principal) {
		return principal.contains("@") ? principal : principal + "@" + this.name;
	}

	/**
	 * Return the keytab of a principal.
	 * @param principal the principal without realm
	 * @return the keytab
	 * @throws IllegalArgumentException if the principal has no keytab (unknown, or declared with a password)
	 */
	public Path keytab(String principal) {
		Path keytab = this.keytabs.get(principal);
		if (keytab == null) {
			throw new IllegalArgumentException("No keytab for '" + principal + "' in realm " + this.name
					+ "; principals with keytabs: " + this.keytabs.keySet());
		}
		return keytab;
	}

	/**
	 * Return the password of a user declared as {@code name:password}.
	 * @param principal the user without realm
	 * @return the password
	 * @throws IllegalArgumentException if the user has no password
	 */
	public String password(String principal) {
		String password = this.passwords.get(principal);
		if (password == null) {
			throw new IllegalArgumentException("No password for '" + principal + "' in realm " + this.name
					+ "; users with passwords: " + this.passwords.keySet());
		}
		return password;
	}

	/**
	 * Return the name of a principal's credential in {@code negotiate.tcp.credentials.<name>}: the principal in lower
	 * case with {@code /} and {@code .} replaced by {@code -}.
	 * @param principal the principal without realm, for example {@code host/localhost}
	 * @return for example {@code host-localhost}
	 */
	public static String credentialName(String principal) {
		return principal.toLowerCase(Locale.ROOT).replace('/', '-').replace('.', '-').replace('@', '-');
	}

	/**
	 * Return the starter's properties for this realm: krb5.conf, a credential per principal, the server credential
	 * (the first service) and the client credential (the first user).
	 * @return the properties
	 */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("negotiate.tcp.kerberos.krb5-conf", this.krb5Conf.toString());
		this.keytabs.forEach((principal, keytab) -> {
			String prefix = "negotiate.tcp.credentials." + credentialName(principal) + ".";
			properties.put(prefix + "principal", principal(principal));
			properties.put(prefix + "keytab", keytab.toString());
		});
		this.passwords.forEach((principal, password) -> {
			String prefix = "negotiate.tcp.credentials." + credentialName(principal) + ".";
			properties.put(prefix + "principal", principal(principal));
			properties.put(prefix + "password", password);
		});
		if (this.serverPrincipal != null) {
			properties.put("negotiate.tcp.server.credential", credentialName(this.serverPrincipal));
		}
		if (this.clientPrincipal != null) {
			properties.put("negotiate.tcp.client.credential", credentialName(this.clientPrincipal));
		}
		return properties;
	}

	/**
	 * Make this realm the JVM's Kerberos configuration ({@code java.security.krb5.conf}), re-read at once.
	 */
	public void makeCurrent() {
		org.negotiatetcp.mechanism.kerberos.KerberosConfiguration.use(this.krb5Conf);
	}

	@Override
	public String toString() {
		return "KerberosRealm[" + this.name + ", kdc " + this.kdcHost + ":" + this.kdcPort + ", principals "
				+ principals() + "]";
	}

}
