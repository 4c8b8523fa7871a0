package org.negotiatetcp.boot.test.kerberos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.springframework.security.kerberos.test.MiniKdc;

/**
 * The embedded KDCs of this JVM, one per {@link RealmDefinition}, started on first use and stopped when the JVM exits.
 */
final class EmbeddedRealms {

	private static final Map<RealmDefinition, KerberosRealm> realms = new ConcurrentHashMap<>();

	private EmbeddedRealms() {
	}

	/**
	 * Return the running realm of a definition, starting it if needed, and make it current.
	 * @param definition the definition
	 * @return the realm
	 */
	static synchronized KerberosRealm get(RealmDefinition definition) {
		KerberosRealm realm = realms.computeIfAbsent(definition, EmbeddedRealms::start);
		realm.makeCurrent();
		return realm;
	}

	private static KerberosRealm start(RealmDefinition definition) {
		try {
			Path dir = Files.createTempDirectory("negotiate-embedded-kdc");
			Properties conf = MiniKdc.createConf();
			int dot = definition.realm().indexOf('.');
			conf.setProperty(MiniKdc.ORG_NAME, definition.realm().substring(0, dot));
			conf.setProperty(MiniKdc.ORG_DOMAIN, definition.realm().substring(dot + 1));
			conf.setProperty(MiniKdc.KDC_BIND_ADDRESS, "127.0.0.1");
			MiniKdc kdc = new MiniKdc(conf, dir.toFile());
			kdc.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(kdc, dir), "embedded-kdc-stop"));
			Map<String, Path> keytabs = new LinkedHashMap<>();
			Map<String, String> passwords = new LinkedHashMap<>();
			String client = null;
			for (String user : definition.users()) {
				int colon = user.indexOf(':');
				String name = (colon >= 0) ? user.substring(0, colon) : user;
				if (colon >= 0) {
					kdc.createPrincipal(name, user.substring(colon + 1));
					passwords.put(name, user.substring(colon + 1));
				}
				else {
					keytabs.put(name, createKeytab(kdc, dir, name));
				}
				client = (client != null) ? client : name;
			}
			for (String service : definition.services()) {
				keytabs.put(service, createKeytab(kdc, dir, service));
			}
			String server = definition.services().isEmpty() ? null : definition.services().get(0);
			return new KerberosRealm(kdc.getRealm(), kdc.getHost(), kdc.getPort(), kdc.getKrb5conf().toPath(),
					keytabs, passwords, server, client);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start the embedded KDC for " + definition + ": " + ex, ex);
		}
	}

	private static Path createKeytab(MiniKdc kdc, Path dir, String principal) throws Exception {
		Path keytab = dir.resolve(KerberosRealm.credentialName(principal) + ".keytab");
		kdc.createPrincipal(keytab.toFile(), principal);
		return keytab;
	}

	private static void stop(MiniKdc kdc, Path dir) {
		kdc.stop();
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// best effort at JVM exit
		}
	}

}
