package org.negotiatetcp.boot.test.kerberos;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.negotiatetcp.test.kdc.EmbeddedKdc;
import org.negotiatetcp.test.kdc.RealmSetup;

/**
 * What identifies an embedded realm: its name and principals. Equal definitions share one KDC (the JVM-wide
 * {@link RealmSetup#shared() shared} {@link EmbeddedKdc} of module {@code negotiate-tcp-test-kdc}) and one
 * {@link KerberosRealm}.
 * @param realm the realm
 * @param users the users as declared ({@code name} or {@code name:password})
 * @param services the services
 */
record RealmDefinition(String realm, List<String> users, List<String> services) {

	private static final Map<RealmDefinition, KerberosRealm> running = new ConcurrentHashMap<>();

	RealmDefinition {
		realm = realm.toUpperCase(Locale.ROOT);
		if (realm.indexOf('.') <= 0 || realm.endsWith(".")) {
			throw new IllegalArgumentException("@EmbeddedKerberos realm '" + realm
					+ "' must have at least two dot-separated parts, for example EXAMPLE.COM");
		}
		users = List.copyOf(users);
		services = List.copyOf(services);
	}

	static RealmDefinition of(EmbeddedKerberos annotation) {
		return new RealmDefinition(annotation.realm(), List.of(annotation.users()), List.of(annotation.services()));
	}

	/**
	 * Return the running realm of this definition, starting it if needed, and make it current.
	 * @return the realm
	 */
	KerberosRealm start() {
		try {
			EmbeddedKdc kdc = setup().shared();
			return running.computeIfAbsent(this, (definition) -> definition.describe(kdc));
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Cannot start the embedded KDC for " + this + ": " + ex.getMessage(), ex);
		}
	}

	private RealmSetup setup() {
		RealmSetup setup = RealmSetup.of(this.realm);
		for (String user : this.users) {
			int colon = user.indexOf(':');
			setup = (colon >= 0) ? setup.withUser(user.substring(0, colon), user.substring(colon + 1))
					: setup.withKeytab(keytabName(user), user);
		}
		for (String service : this.services) {
			setup = setup.withKeytab(keytabName(service), service);
		}
		return setup;
	}

	private KerberosRealm describe(EmbeddedKdc kdc) {
		Map<String, Path> keytabs = new LinkedHashMap<>();
		Map<String, String> passwords = new LinkedHashMap<>();
		String client = null;
		for (String user : this.users) {
			int colon = user.indexOf(':');
			String name = (colon >= 0) ? user.substring(0, colon) : user;
			if (colon >= 0) {
				passwords.put(name, user.substring(colon + 1));
			}
			else {
				keytabs.put(name, kdc.file(keytabName(name)));
			}
			client = (client != null) ? client : name;
		}
		for (String service : this.services) {
			keytabs.put(service, kdc.file(keytabName(service)));
		}
		String server = this.services.isEmpty() ? null : this.services.get(0);
		return new KerberosRealm(kdc.realm(), kdc.host(), kdc.port(), kdc.krb5Conf(), keytabs, passwords, server,
				client);
	}

	private static String keytabName(String principal) {
		return KerberosRealm.credentialName(principal) + ".keytab";
	}

}
