package org.negotiatetcp.boot.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.mechanism.kerberos.KerberosEnvironment;

/**
 * Checks that a realm's KDC answers: reads the realm's {@code kdc} entries from the krb5.conf the JDK reads
 * ({@link KerberosEnvironment#krb5Conf()}: {@code java.security.krb5.conf}, else the JDK's default) and opens a TCP connection
 * to each in turn until one accepts. Only TCP is probed (Negotiate TCP's clients should use
 * {@code udp_preference_limit = 1}); KDCs found through DNS SRV records are not probed.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class KdcProbe {

	private static final int KERBEROS_PORT = 88;

	private final Duration timeout;

	/**
	 * Create a probe.
	 * @param timeout how long to wait for each KDC to accept the connection
	 */
	public KdcProbe(Duration timeout) {
		this.timeout = Objects.requireNonNull(timeout, "timeout");
	}

	/**
	 * Probe the KDCs of a realm.
	 * @param realm the realm, or {@code null} for the {@code default_realm} of krb5.conf
	 * @return the result
	 */
	public Result probe(@Nullable String realm) {
		Path conf = krb5Conf();
		List<String> lines;
		try {
			lines = Files.readAllLines(conf);
		}
		catch (IOException ex) {
			return new Result(realm, conf, List.of(), null,
					"cannot read krb5.conf " + conf + " (" + ex.getMessage() + "); set negotiate.tcp.kerberos.krb5-conf");
		}
		String target = (realm != null) ? realm : defaultRealm(lines);
		if (target == null) {
			return new Result(null, conf, List.of(), null, "no realm given and no default_realm in " + conf);
		}
		List<String> kdcs = kdcs(lines, target);
		if (kdcs.isEmpty()) {
			return new Result(target, conf, kdcs, null, "no kdc entry for realm " + target + " in " + conf
					+ "; add one under [realms] " + target + " = { kdc = host:port }");
		}
		List<String> errors = new ArrayList<>();
		for (String kdc : kdcs) {
			InetSocketAddress address = address(kdc);
			try (Socket socket = new Socket()) {
				socket.connect(address, (int) this.timeout.toMillis());
				return new Result(target, conf, kdcs, address.getHostString() + ":" + address.getPort(), null);
			}
			catch (IOException | IllegalArgumentException ex) {
				errors.add(kdc + ": " + ex.getMessage());
			}
		}
		return new Result(target, conf, kdcs, null, "no KDC of realm " + target + " accepted a TCP connection within "
				+ this.timeout.toMillis() + " ms (" + String.join("; ", errors) + "); check the kdc entries in " + conf
				+ ", that the KDC runs and that a firewall lets TCP port 88 through");
	}

	static Path krb5Conf() {
		return KerberosEnvironment.krb5Conf();
	}

	static @Nullable String defaultRealm(List<String> lines) {
		return KerberosEnvironment.defaultRealm(lines);
	}

	static List<String> kdcs(List<String> lines, String realm) {
		return KerberosEnvironment.kdcs(lines, realm);
	}

	private static InetSocketAddress address(String kdc) {
		String value = kdc;
		int scheme = value.indexOf("/");
		if (value.startsWith("tcp/") || value.startsWith("udp/")) {
			value = value.substring(scheme + 1);
		}
		String host = value;
		int port = KERBEROS_PORT;
		if (value.startsWith("[")) {
			int end = value.indexOf(']');
			host = value.substring(1, end);
			if (value.length() > end + 2 && value.charAt(end + 1) == ':') {
				port = Integer.parseInt(value.substring(end + 2));
			}
		}
		else if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':')) {
			host = value.substring(0, value.indexOf(':'));
			port = Integer.parseInt(value.substring(value.indexOf(':') + 1));
		}
		return new InetSocketAddress(host, port);
	}

	/**
	 * What a probe found.
	 * @param realm the realm probed, or {@code null} if none could be determined
	 * @param krb5Conf the krb5.conf read
	 * @param kdcs the kdc entries of the realm
	 * @param reachable the KDC that accepted a connection, or {@code null}
	 * @param error why no KDC was reached, or {@code null}
	 */
	public record Result(@Nullable String realm, Path krb5Conf, List<String> kdcs, @Nullable String reachable,
			@Nullable String error) {

		/**
		 * Whether a KDC accepted a connection.
		 * @return {@code true} if reachable
		 */
		public boolean isReachable() {
			return this.reachable != null;
		}

	}

}
