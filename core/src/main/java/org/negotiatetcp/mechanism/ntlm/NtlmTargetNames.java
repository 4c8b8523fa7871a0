package org.negotiatetcp.mechanism.ntlm;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The names an NTLM acceptor answers to as MsvAvTargetName: its NetBIOS and DNS computer names, the loopback names
 * ({@code localhost}, {@code 127.0.0.1}, {@code ::1}: a client naming them dialed its own machine, which is where this
 * server runs when it reaches it so), and configured SPNs or host names. An SPN {@code service/host[:port][/name]} matches when it is configured as is or when its host is
 * one of the names (any service class, as one NegotiateStream endpoint serves every class). Case-insensitive.
 */
final class NtlmTargetNames {

	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

	private final Set<String> names;

	NtlmTargetNames(NtlmServerNames server, Set<String> configured) {
		Set<String> all = new HashSet<>(LOOPBACK);
		all.add(lower(server.netbiosComputerName()));
		if (server.dnsComputerName() != null) {
			all.add(lower(server.dnsComputerName()));
		}
		for (String name : configured) {
			all.add(lower(name));
			String host = (name.indexOf('/') >= 0) ? hostOf(name) : null;
			if (host != null) {
				all.add(lower(host));
			}
		}
		this.names = Set.copyOf(all);
	}

	boolean matches(String target) {
		String host = hostOf(target);
		return this.names.contains(lower(target)) || (host != null && this.names.contains(lower(host)));
	}

	/**
	 * Return the host of an SPN {@code service/host[:port][/name]}, or {@code null} if it is not in that form.
	 * @param spn the SPN
	 * @return the host or {@code null}
	 */
	static @Nullable String hostOf(String spn) {
		int slash = spn.indexOf('/');
		if (slash <= 0 || slash == spn.length() - 1) {
			return null;
		}
		String rest = spn.substring(slash + 1);
		int end = rest.indexOf('/');
		String host = (end >= 0) ? rest.substring(0, end) : rest;
		if (!host.startsWith("[")) {
			int colon = host.lastIndexOf(':');
			if (colon > 0 && host.indexOf(':') == colon) {
				host = host.substring(0, colon);
			}
		}
		return host.isEmpty() ? null : host;
	}

	private static String lower(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return this.names.toString();
	}

}
