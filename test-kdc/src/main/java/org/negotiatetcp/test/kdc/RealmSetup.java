package org.negotiatetcp.test.kdc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The principals an {@link EmbeddedKdc} starts with: users with passwords and keytabs with principals (created with
 * random keys unless they are users). Immutable; equal setups {@link #shared() share} one KDC per JVM.
 * <pre>{@code
 * RealmSetup setup = RealmSetup.of("EXAMPLE.COM")
 *     .withKeytab("service.keytab", "host/localhost")
 *     .withUser("alice", "alice-password");
 * }</pre>
 *
 * @param realm the realm, upper case
 * @param users passwords by user principal (without realm)
 * @param keytabs principals (without realm) by keytab file name
 * @author Negotiate TCP
 * @since 0.1.0
 */
public record RealmSetup(String realm, Map<String, String> users, Map<String, List<String>> keytabs) {

	private static final Map<RealmSetup, EmbeddedKdc> shared = new ConcurrentHashMap<>();

	/**
	 * Create a setup.
	 * @param realm the realm
	 * @param users passwords by user principal (without realm)
	 * @param keytabs principals (without realm) by keytab file name
	 */
	public RealmSetup {
		realm = realm.toUpperCase(Locale.ROOT);
		users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
		Map<String, List<String>> copy = new LinkedHashMap<>();
		keytabs.forEach((file, principals) -> copy.put(file, List.copyOf(principals)));
		keytabs = Collections.unmodifiableMap(copy);
	}

	/**
	 * Start describing a realm without principals.
	 * @param realm the realm, for example {@code EXAMPLE.COM}
	 * @return the setup
	 */
	public static RealmSetup of(String realm) {
		return new RealmSetup(realm, Map.of(), Map.of());
	}

	/**
	 * Add a user with a password.
	 * @param principal the user without realm, for example {@code alice}
	 * @param password the password
	 * @return a new setup
	 */
	public RealmSetup withUser(String principal, String password) {
		Map<String, String> more = new LinkedHashMap<>(this.users);
		more.put(principal, password);
		return new RealmSetup(this.realm, more, this.keytabs);
	}

	/**
	 * Add a keytab with the keys of principals (a user keeps its password, any other principal gets random keys).
	 * @param fileName the keytab's file name in {@link EmbeddedKdc#directory()}, for example {@code service.keytab}
	 * @param principals the principals without realm
	 * @return a new setup
	 */
	public RealmSetup withKeytab(String fileName, String... principals) {
		Map<String, List<String>> more = new LinkedHashMap<>(this.keytabs);
		List<String> all = new ArrayList<>(more.getOrDefault(fileName, List.of()));
		all.addAll(List.of(principals));
		more.put(fileName, all);
		return new RealmSetup(this.realm, this.users, more);
	}

	/**
	 * Start a KDC with these principals and make it current. The caller closes it.
	 * @return the running KDC
	 */
	public EmbeddedKdc start() {
		EmbeddedKdc kdc = EmbeddedKdc.start(this.realm);
		try {
			this.users.forEach(kdc::user);
			this.keytabs.forEach((file, principals) -> kdc.keytab(file, principals.toArray(String[]::new)));
			return kdc;
		}
		catch (RuntimeException ex) {
			kdc.close();
			throw ex;
		}
	}

	/**
	 * Return the KDC of this setup shared by the whole JVM, starting it on first use, and make it current. It stops
	 * when the JVM exits: do not close it.
	 * @return the running KDC
	 */
	public EmbeddedKdc shared() {
		synchronized (shared) {
			EmbeddedKdc kdc = shared.computeIfAbsent(this, (setup) -> {
				EmbeddedKdc started = setup.start();
				Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-kdc-" + setup.realm()));
				return started;
			});
			kdc.makeCurrent();
			return kdc;
		}
	}

}
