package org.negotiatetcp.test.kdc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.admin.kadmin.local.LocalKadmin;
import org.apache.kerby.kerberos.kerb.admin.kadmin.local.LocalKadminImpl;
import org.apache.kerby.kerberos.kerb.identity.backend.BackendConfig;
import org.apache.kerby.kerberos.kerb.server.KdcConfig;
import org.apache.kerby.kerberos.kerb.server.KdcConfigKey;
import org.apache.kerby.kerberos.kerb.server.KdcServer;
import org.jspecify.annotations.Nullable;

/**
 * A throwaway Kerberos realm in this JVM: an Apache Kerby KDC on {@code 127.0.0.1} and a free TCP port, its files
 * (keytabs, {@code krb5.conf}) in a temporary directory. {@link #start(String)} makes the realm the JVM's Kerberos
 * configuration ({@code java.security.krb5.conf}, which the JDK caches JVM-wide, re-read at once); {@link #close()}
 * stops the KDC, deletes the files and restores the previous configuration. The JVM has one Kerberos configuration:
 * use one realm at a time, or {@link #makeCurrent()} the one a test needs.
 * <pre>{@code
 * try (EmbeddedKdc kdc = EmbeddedKdc.start("EXAMPLE.COM")) {
 *     Path serviceKeytab = kdc.keytab("service.keytab", "host/localhost");
 *     kdc.user("alice", "alice-password");
 *     ...
 * }
 * }</pre>
 * For tests and development only: a real deployment uses its Active Directory or MIT realm.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 * @see EmbeddedKdcExtension
 */
public final class EmbeddedKdc implements AutoCloseable {

	/**
	 * The realm {@link #start()} creates.
	 */
	public static final String DEFAULT_REALM = "EXAMPLE.COM";

	private static final String HOST = "127.0.0.1";

	private static final int START_ATTEMPTS = 3;

	private static final String ENCRYPTION_TYPES = "aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 des3-cbc-sha1-kd"
			+ " arcfour-hmac";

	/**
	 * Guards Kerby's administration: it also passes options through JVM-wide enum constants.
	 */
	private static final Object KADMIN = new Object();

	private final KdcServer server;

	private final LocalKadmin kadmin;

	private final String realm;

	private final int port;

	private final Path directory;

	private final Path krb5Conf;

	private final @Nullable String previousKrb5Conf;

	private final Set<String> principals = new HashSet<>();

	private boolean closed;

	private EmbeddedKdc(KdcServer server, LocalKadmin kadmin, String realm, int port, Path directory, Path krb5Conf,
			@Nullable String previousKrb5Conf) {
		this.server = server;
		this.kadmin = kadmin;
		this.realm = realm;
		this.port = port;
		this.directory = directory;
		this.krb5Conf = krb5Conf;
		this.previousKrb5Conf = previousKrb5Conf;
	}

	/**
	 * Start a KDC for the realm {@value #DEFAULT_REALM} and make it current.
	 * @return the running KDC
	 * @throws IllegalStateException if the KDC cannot start
	 */
	public static EmbeddedKdc start() {
		return start(DEFAULT_REALM);
	}

	/**
	 * Start a KDC for a realm and make it current.
	 * @param realm the realm, for example {@code EXAMPLE.COM} (upper-cased)
	 * @return the running KDC
	 * @throws IllegalArgumentException if the realm is blank
	 * @throws IllegalStateException if the KDC cannot start
	 */
	public static EmbeddedKdc start(String realm) {
		return start(realm, null);
	}

	/**
	 * Start a KDC for a realm whose tickets live at most a given time, and make it current: for tests of clients
	 * that run across the expiry of their tickets (Kerby issues tickets of any lifetime down to a few seconds).
	 * @param realm the realm, for example {@code EXAMPLE.COM} (upper-cased)
	 * @param maximumTicketLifetime the longest lifetime of a ticket-granting or service ticket, at least 5 seconds,
	 * or {@code null} for Kerby's default (one day)
	 * @return the running KDC
	 * @throws IllegalArgumentException if the realm is blank or the lifetime shorter than 5 seconds
	 * @throws IllegalStateException if the KDC cannot start
	 */
	public static EmbeddedKdc start(String realm, @Nullable Duration maximumTicketLifetime) {
		if (maximumTicketLifetime != null && maximumTicketLifetime.toSeconds() < 5) {
			throw new IllegalArgumentException("The maximum ticket lifetime must be at least 5 seconds, not "
					+ maximumTicketLifetime);
		}
		if (realm.isBlank()) {
			throw new IllegalArgumentException("The realm of an embedded KDC must not be blank");
		}
		String name = realm.toUpperCase(Locale.ROOT);
		String previous = System.getProperty(Krb5Configuration.PROPERTY);
		Path directory = null;
		try {
			directory = Files.createTempDirectory("negotiate-test-kdc");
			EmbeddedKdc kdc = startServer(name, directory, previous, maximumTicketLifetime);
			kdc.makeCurrent();
			return kdc;
		}
		catch (IOException | KrbException | RuntimeException ex) {
			if (directory != null) {
				delete(directory);
			}
			throw new IllegalStateException("Cannot start the embedded KDC of realm " + name + ": " + ex, ex);
		}
	}

	private static EmbeddedKdc startServer(String realm, Path directory, @Nullable String previous,
			@Nullable Duration maximumTicketLifetime) throws IOException, KrbException {
		KrbException failure = null;
		// the port is free when chosen, but another process may take it before the KDC binds: try again then
		for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
			int port = freePort();
			// settings go into the KdcConfig only: Kerby keeps its "startup options" (setKdcRealm, setKdcTcpPort...)
			// in enum constants, shared by every KDC of the JVM, so two realms would answer with one realm's name
			KdcConfig config = new KdcConfig();
			config.setString(KdcConfigKey.KDC_REALM, realm);
			config.setString(KdcConfigKey.KDC_HOST, HOST);
			config.setInt(KdcConfigKey.KDC_TCP_PORT, port);
			config.setBoolean(KdcConfigKey.KDC_ALLOW_TCP, true);
			config.setBoolean(KdcConfigKey.KDC_ALLOW_UDP, false);
			// keys of every type a Windows domain may use, so that a client can ask for any of them; the JDK's default
			// preference picks aes256-cts-hmac-sha1-96 (Kerby has no RFC 8009 types)
			config.setString(KdcConfigKey.ENCRYPTION_TYPES, ENCRYPTION_TYPES);
			if (maximumTicketLifetime != null) {
				// seconds; Kerby refuses a ticket shorter than its minimum lifetime (compared in milliseconds)
				config.setLong(KdcConfigKey.MAXIMUM_TICKET_LIFETIME, maximumTicketLifetime.toSeconds());
				config.setLong(KdcConfigKey.MINIMUM_TICKET_LIFETIME, 1L);
			}
			KdcServer server = new KdcServer(config, new BackendConfig());
			LocalKadmin kadmin;
			synchronized (KADMIN) {
				server.init();
				kadmin = new LocalKadminImpl(server.getKdcSetting(), server.getIdentityService());
				kadmin.createBuiltinPrincipals();
			}
			try {
				server.start();
			}
			catch (KrbException ex) {
				failure = ex;
				continue;
			}
			Path krb5Conf = writeKrb5Conf(directory, realm, port);
			return new EmbeddedKdc(server, kadmin, realm, port, directory, krb5Conf, previous);
		}
		throw (failure != null) ? failure : new KrbException("no attempt made");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(false);
			socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
			return socket.getLocalPort();
		}
	}

	private static Path writeKrb5Conf(Path directory, String realm, int port) throws IOException {
		String conf = """
				[libdefaults]
				    default_realm = %1$s
				    udp_preference_limit = 1

				[realms]
				    %1$s = {
				        kdc = %2$s:%3$d
				    }
				""".formatted(realm, HOST, port);
		return Files.writeString(directory.resolve("krb5.conf"), conf, StandardCharsets.UTF_8);
	}

	/**
	 * Return the realm.
	 * @return for example {@code EXAMPLE.COM}
	 */
	public String realm() {
		return this.realm;
	}

	/**
	 * Return the address the KDC listens on.
	 * @return {@code 127.0.0.1}
	 */
	public String host() {
		return HOST;
	}

	/**
	 * Return the TCP port the KDC listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the directory of the realm's files, where {@link #keytab} writes keytabs. {@link #close()} deletes it.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Return the krb5.conf of the realm: its default realm and KDC.
	 * @return the file
	 */
	public Path krb5Conf() {
		return this.krb5Conf;
	}

	/**
	 * Return a principal's full name.
	 * @param principal a principal with or without realm, for example {@code alice}
	 * @return for example {@code alice@EXAMPLE.COM}
	 */
	public String principal(String principal) {
		return principal.contains("@") ? principal : principal + "@" + this.realm;
	}

	/**
	 * Write the keys of principals to a new keytab in {@link #directory()}, first creating (with random keys) those
	 * that do not exist yet. A user created with {@link #user(String, String)} keeps its password.
	 * @param fileName the keytab's file name, for example {@code service.keytab}
	 * @param principals the principals without realm, for example {@code host/localhost}
	 * @return the keytab
	 * @throws IllegalStateException if the KDC refuses
	 */
	public synchronized Path keytab(String fileName, String... principals) {
		Path keytab = this.directory.resolve(fileName);
		try {
			Files.deleteIfExists(keytab);
			for (String principal : principals) {
				synchronized (KADMIN) {
					if (this.principals.add(principal(principal))) {
						this.kadmin.addPrincipal(principal(principal));
					}
					this.kadmin.exportKeytab(keytab.toFile(), principal(principal));
				}
			}
			return keytab;
		}
		catch (IOException | KrbException ex) {
			throw new IllegalStateException("Cannot write keytab " + keytab + " with " + String.join(", ", principals)
					+ " in realm " + this.realm + ": " + ex, ex);
		}
	}

	/**
	 * Rotate a principal's keys as a password change or {@code kadmin randkey} does: the KDC gets new random keys with
	 * the next key version number, and the new keys are added to a keytab of {@link #directory()}, beside the old
	 * ones (as MIT's {@code ktadd} does), or instead of them. The file is replaced atomically (a reader sees the old
	 * or the new file, never half of one).
	 * @param fileName the keytab's file name
	 * @param principal the principal without realm, for example {@code host/localhost}
	 * @param keepOldKeys whether the keytab keeps the keys of the previous versions
	 * @return the keytab
	 * @throws IllegalStateException if the KDC refuses
	 */
	public synchronized Path rotateKeys(String fileName, String principal, boolean keepOldKeys) {
		Path keytab = this.directory.resolve(fileName);
		Path next = this.directory.resolve(fileName + ".next");
		try {
			Files.deleteIfExists(next);
			if (keepOldKeys && Files.exists(keytab)) {
				Files.copy(keytab, next);
			}
			synchronized (KADMIN) {
				this.kadmin.updateKeys(principal(principal));
				this.kadmin.exportKeytab(next.toFile(), principal(principal));
				if (!keepOldKeys) {
					this.kadmin.removeOldKeytabEntriesOf(next.toFile(), principal(principal));
				}
			}
			return Files.move(next, keytab, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException | KrbException ex) {
			throw new IllegalStateException("Cannot rotate the keys of " + principal(principal) + " into " + keytab
					+ ": " + ex, ex);
		}
	}

	/**
	 * Return a keytab file of {@link #directory()} by name, as {@link #keytab(String, String...)} wrote it.
	 * @param fileName the file name
	 * @return the keytab
	 * @throws IllegalArgumentException if there is no such file
	 */
	public Path file(String fileName) {
		Path file = this.directory.resolve(fileName);
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException("No file " + fileName + " in " + this.directory);
		}
		return file;
	}

	/**
	 * Create a principal with a password (its keys derive from it, as for a user of a directory).
	 * @param principal the principal without realm, for example {@code alice}
	 * @param password the password
	 * @throws IllegalStateException if the principal exists or the KDC refuses
	 */
	public synchronized void user(String principal, String password) {
		try {
			if (!this.principals.add(principal(principal))) {
				throw new IllegalStateException("Principal " + principal(principal) + " exists already");
			}
			synchronized (KADMIN) {
				this.kadmin.addPrincipal(principal(principal), password);
			}
		}
		catch (KrbException ex) {
			throw new IllegalStateException("Cannot create principal " + principal(principal) + ": " + ex, ex);
		}
	}

	/**
	 * Make this realm the JVM's Kerberos configuration: set {@code java.security.krb5.conf} to {@link #krb5Conf()}
	 * and make the JDK read it again.
	 */
	public void makeCurrent() {
		Krb5Configuration.use(this.krb5Conf.toString());
	}

	/**
	 * Stop the KDC, delete its files and, if this realm is still the JVM's Kerberos configuration, restore the one
	 * before {@link #start(String)} (or the JDK's default if that file is gone). Closing twice does nothing.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.server.stop();
		}
		catch (KrbException ex) {
			throw new IllegalStateException("Cannot stop the embedded KDC of realm " + this.realm + ": " + ex, ex);
		}
		finally {
			if (this.krb5Conf.toString().equals(System.getProperty(Krb5Configuration.PROPERTY))) {
				// the previous file may be gone too (a realm closed before this one): then the JDK's default
				String previous = this.previousKrb5Conf;
				Krb5Configuration.use((previous != null && Files.isReadable(Path.of(previous))) ? previous : null);
			}
			delete(this.directory);
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + directory, ex);
		}
	}

	@Override
	public String toString() {
		return "EmbeddedKdc[" + this.realm + " at " + HOST + ":" + this.port + ", " + this.krb5Conf + "]";
	}

}
