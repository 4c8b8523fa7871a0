package org.negotiatetcp.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throwaway MIT Kerberos realm: {@code krb5kdc} on 127.0.0.1 with a free TCP (and UDP) port, its database, stash,
 * {@code kdc.conf} and {@code krb5.conf} in a temporary directory that {@link #close()} deletes.
 * <p>
 * The generated {@code krb5.conf} is accepted by MIT krb5 1.20 and by the JDK: {@code kdc = 127.0.0.1:<port>}
 * (no {@code tcp/} prefix, which the JDK does not parse), {@code udp_preference_limit = 1} (TCP only),
 * {@code dns_lookup_kdc = false}, {@code rdns = false}, {@code forwardable = true}, and {@code localhost} mapped to
 * the realm. Child processes get it through {@link #env()}; the JDK through {@link JdkKerberos}.
 * <pre>
 * try (MitKdc kdc = MitKdc.start("EXAMPLE.TEST")) {
 *     kdc.addPrincipal("alice", "alice-password");
 *     Path keytab = kdc.addService("host/localhost");
 *     Path ccache = kdc.kinit("alice", "alice-password");
 * }
 * </pre>
 */
public final class MitKdc implements AutoCloseable {

	private static final List<String> TOOLS = List.of("krb5kdc", "kdb5_util", "kadmin.local", "kinit");

	private static final Pattern SAFE_PRINCIPAL = Pattern.compile("[A-Za-z0-9._/@\\-]+");

	private static final Pattern SAFE_PASSWORD = Pattern.compile("[A-Za-z0-9._!#%+,:=?@^~\\-]+");

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

	private final String realm;

	private final Path directory;

	private final int port;

	private final Process kdc;

	private final Thread shutdownHook;

	private MitKdc(String realm, Path directory, int port, Process kdc) {
		this.realm = realm;
		this.directory = directory;
		this.port = port;
		this.kdc = kdc;
		// a KDC must not outlive a test JVM that ends without calling close()
		this.shutdownHook = new Thread(kdc::destroyForcibly, "stop krb5kdc " + realm);
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Whether the MIT KDC tools ({@code krb5kdc kdb5_util kadmin.local kinit}) are installed.
	 * @return {@code true} if {@link #start(String)} can work
	 */
	public static boolean isAvailable() {
		return missingTools().isEmpty();
	}

	/**
	 * Why {@link #isAvailable()} is {@code false}, for a test's skip message.
	 * @return the reason, or an empty string when available
	 */
	public static String unavailableReason() {
		List<String> missing = missingTools();
		return missing.isEmpty() ? ""
				: "MIT krb5 tools not found: " + missing
						+ " (install the Debian packages krb5-kdc krb5-admin-server krb5-user)";
	}

	private static List<String> missingTools() {
		return TOOLS.stream().filter((tool) -> Executables.find(tool).isEmpty()).toList();
	}

	/**
	 * Creates the realm's database and starts {@code krb5kdc}; returns once it serves requests.
	 * @param realm the realm name, upper case by convention, for example {@code EXAMPLE.TEST}
	 * @return the running KDC; close it to stop it and delete its files
	 */
	public static MitKdc start(String realm) {
		if (!isAvailable()) {
			throw new IllegalStateException(unavailableReason());
		}
		if (!SAFE_PRINCIPAL.matcher(realm).matches()) {
			throw new IllegalArgumentException("Unsupported realm name '" + realm + "'");
		}
		Path directory;
		try {
			directory = Files.createTempDirectory("mit-kdc-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			writeConfiguration(realm, directory, freePort());
			Executables.run(Executables.command(tool("kdb5_util"), "create", "-s", "-r", realm, "-P",
					"master-" + Long.toHexString(System.nanoTime())), toolEnv(directory), null, COMMAND_TIMEOUT)
				.requireSuccess();
		}
		catch (RuntimeException ex) {
			deleteRecursively(directory);
			throw ex;
		}
		IllegalStateException failure = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			int port = freePort();
			try {
				writeConfiguration(realm, directory, port);
				Process kdc = startKdc(realm, directory, port);
				return new MitKdc(realm, directory, port, kdc);
			}
			catch (IllegalStateException ex) {
				// most likely the port was taken between choosing and binding it: try another
				failure = ex;
			}
		}
		deleteRecursively(directory);
		throw failure;
	}

	private static Process startKdc(String realm, Path directory, int port) {
		Path log = directory.resolve("kdc.log");
		Process process;
		try {
			Files.deleteIfExists(log);
			ProcessBuilder builder = new ProcessBuilder(tool("krb5kdc"), "-n", "-r", realm, "-P",
					directory.resolve("kdc.pid").toString())
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("krb5kdc.out").toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
			builder.environment().putAll(toolEnv(directory));
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start krb5kdc", ex);
		}
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("krb5kdc exited with " + process.exitValue() + ":\n"
						+ readQuietly(directory.resolve("krb5kdc.out")) + readQuietly(log));
			}
			if (readQuietly(log).contains("commencing operation") && accepts(port)) {
				return process;
			}
			sleep(50);
		}
		process.destroyForcibly();
		throw new IllegalStateException("krb5kdc did not become ready within " + START_TIMEOUT + ":\n"
				+ readQuietly(directory.resolve("krb5kdc.out")) + readQuietly(log));
	}

	private static void writeConfiguration(String realm, Path directory, int port) {
		String kdcConf = """
				[kdcdefaults]
				 kdc_listen = 127.0.0.1:%2$d
				 kdc_tcp_listen = 127.0.0.1:%2$d

				[realms]
				 %1$s = {
				  database_name = %3$s/principal
				  key_stash_file = %3$s/stash
				  acl_file = %3$s/kadm5.acl
				  kdc_listen = 127.0.0.1:%2$d
				  kdc_tcp_listen = 127.0.0.1:%2$d
				  max_life = 10h 0m 0s
				  max_renewable_life = 7d 0h 0m 0s
				 }

				[logging]
				 kdc = FILE:%3$s/kdc.log
				 admin_server = FILE:%3$s/kadmin.log
				 default = FILE:%3$s/kdc.log
				""".formatted(realm, port, directory);
		String krb5Conf = """
				[libdefaults]
				 default_realm = %1$s
				 dns_lookup_kdc = false
				 dns_lookup_realm = false
				 rdns = false
				 dns_canonicalize_hostname = false
				 udp_preference_limit = 1
				 forwardable = true
								 default_ccache_name = FILE:%3$s/krb5cc_default

				[realms]
				 %1$s = {
				  kdc = 127.0.0.1:%2$d
				 }

				[domain_realm]
				 localhost = %1$s
				 .localhost = %1$s
				 127.0.0.1 = %1$s
				""".formatted(realm, port, directory);
		try {
			Files.writeString(directory.resolve("kdc.conf"), kdcConf);
			Files.writeString(directory.resolve("krb5.conf"), krb5Conf);
			Files.writeString(directory.resolve("kadm5.acl"), "*/admin@" + realm + " *\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, String> toolEnv(Path directory) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("KRB5_CONFIG", directory.resolve("krb5.conf").toString());
		env.put("KRB5_KDC_PROFILE", directory.resolve("kdc.conf").toString());
		env.put("KRB5RCACHEDIR", directory.toString());
		env.put("KRB5CCNAME", "FILE:" + directory.resolve("krb5cc_default"));
		env.put("KRB5_KTNAME", "FILE:" + directory.resolve("krb5.keytab"));
		return env;
	}

	/**
	 * The realm name.
	 * @return the realm
	 */
	public String realm() {
		return this.realm;
	}

	/**
	 * The KDC's port on 127.0.0.1 (TCP; UDP is bound too but {@code udp_preference_limit = 1} avoids it).
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The temporary directory holding the realm's files; deleted by {@link #close()}.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * The client configuration file for this realm, usable by MIT tools ({@code KRB5_CONFIG}) and by the JDK
	 * ({@code java.security.krb5.conf}).
	 * @return the path of {@code krb5.conf}
	 */
	public Path krb5Conf() {
		return this.directory.resolve("krb5.conf");
	}

	/**
	 * Environment variables that point MIT krb5 / GSSAPI in a child process at this realm: {@code KRB5_CONFIG},
	 * {@code KRB5_KDC_PROFILE}, {@code KRB5RCACHEDIR}, and {@code KRB5CCNAME} / {@code KRB5_KTNAME} set to (possibly
	 * absent) files inside the realm directory, so that nothing from the surrounding machine leaks in. Override
	 * {@code KRB5CCNAME} with a {@link #kinit} cache and {@code KRB5_KTNAME} with an {@link #addService} keytab.
	 * @return a new mutable map
	 */
	public Map<String, String> env() {
		return toolEnv(this.directory);
	}

	/**
	 * The fully qualified name of a principal of this realm.
	 * @param name a principal name with or without realm
	 * @return {@code name@REALM}
	 */
	public String principal(String name) {
		return name.contains("@") ? name : name + "@" + this.realm;
	}

	/**
	 * Adds a principal with a password (a user).
	 * @param name the principal name, for example {@code alice}
	 * @param password its password (letters, digits and {@code ._!#%+,:=?@^~-} only)
	 */
	public void addPrincipal(String name, String password) {
		requireSafe(name, SAFE_PRINCIPAL, "principal name");
		requireSafe(password, SAFE_PASSWORD, "password");
		kadmin("addprinc -pw " + password + " " + name);
	}

	/**
	 * Adds a principal with a random key (a service) and exports its keys to a new keytab.
	 * @param name the principal name, for example {@code host/localhost}
	 * @return the keytab file, for {@code KRB5_KTNAME} or a JAAS {@code keyTab} option
	 */
	public Path addService(String name) {
		requireSafe(name, SAFE_PRINCIPAL, "principal name");
		kadmin("addprinc -randkey " + name);
		Path keytab = this.directory.resolve(name.replaceAll("[^A-Za-z0-9.\\-]", "_") + ".keytab");
		return keytab(keytab, name);
	}

	/**
	 * Exports the current keys of principals to a keytab without changing them ({@code ktadd -norandkey}), so
	 * passwords stay valid and earlier keytabs keep working.
	 * @param keytab the keytab file to create or extend
	 * @param principals the principals to export
	 * @return {@code keytab}
	 */
	public Path keytab(Path keytab, String... principals) {
		if (principals.length == 0) {
			throw new IllegalArgumentException("No principals to export");
		}
		StringBuilder query = new StringBuilder("ktadd -norandkey -k ").append(keytab.toAbsolutePath());
		for (String principal : principals) {
			requireSafe(principal, SAFE_PRINCIPAL, "principal name");
			query.append(' ').append(principal);
		}
		kadmin(query.toString());
		return keytab;
	}

	/**
	 * Obtains a TGT for a principal into a new ticket cache file (forwardable, as the configuration asks).
	 * @param principal the principal name, for example {@code alice}
	 * @param password its password
	 * @return the ticket cache file; use {@code "FILE:" + path} as {@code KRB5CCNAME}
	 */
	public Path kinit(String principal, String password) {
		requireSafe(principal, SAFE_PRINCIPAL, "principal name");
		Path ccache = this.directory
			.resolve("krb5cc_" + principal.replaceAll("[^A-Za-z0-9.\\-]", "_") + "_" + System.nanoTime());
		Executables.run(Executables.command(tool("kinit"), "-f", "-c", "FILE:" + ccache, principal(principal)), env(),
				password + "\n", COMMAND_TIMEOUT)
			.requireSuccess();
		return ccache;
	}

	/**
	 * Runs a {@code kadmin.local} query against this realm's database.
	 * @param query the query, for example {@code "modprinc +ok_as_delegate host/localhost"}
	 * @return the command output
	 */
	public String kadmin(String query) {
		return Executables
			.run(Executables.command(tool("kadmin.local"), "-r", this.realm, "-q", query), env(), null,
					COMMAND_TIMEOUT)
			.requireSuccess()
			.output();
	}

	/**
	 * The KDC's log so far, for diagnostics.
	 * @return the log text
	 */
	public String log() {
		return readQuietly(this.directory.resolve("kdc.log"));
	}

	/**
	 * Stops {@code krb5kdc} and deletes the realm directory.
	 */
	@Override
	public void close() {
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down
		}
		this.kdc.destroy();
		try {
			if (!this.kdc.waitFor(5, TimeUnit.SECONDS)) {
				this.kdc.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		deleteRecursively(this.directory);
	}

	/**
	 * Whether the KDC process is still running.
	 * @return {@code true} until it exits or {@link #close()} stops it
	 */
	public boolean isRunning() {
		return this.kdc.isAlive();
	}

	@Override
	public String toString() {
		return "MitKdc[" + this.realm + " on 127.0.0.1:" + this.port + ", " + this.directory + "]";
	}

	private static void requireSafe(String value, Pattern pattern, String what) {
		if (!pattern.matcher(value).matches()) {
			throw new IllegalArgumentException(
					"Unsupported " + what + " '" + value + "': use only characters matching " + pattern);
		}
	}

	private static String tool(String name) {
		return Executables.find(name)
			.orElseThrow(() -> new IllegalStateException(unavailableReason()))
			.toString();
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(false);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String readQuietly(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
			for (Path file : all) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			// best effort: a temporary directory
		}
	}

}
