package org.negotiatetcp.boot.server;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One via pattern of {@link NegotiateVia}: an exact path, or a path followed by {@code /**} for the path and
 * everything below it. Matches the path of a via URI, ignoring case and a trailing slash, as
 * {@link org.negotiatetcp.channel.ServerSettings#servesVia(String)} does.
 *
 * @author Negotiate TCP
 */
final class ViaPattern implements Comparable<ViaPattern> {

	private static final String SUBTREE = "/**";

	private final String value;

	private final String path;

	private final boolean subtree;

	private ViaPattern(String value, String path, boolean subtree) {
		this.value = value;
		this.path = path;
		this.subtree = subtree;
	}

	/**
	 * Parse a pattern.
	 * @param pattern the pattern, for example {@code /orders} or {@code /orders/**}
	 * @return the pattern
	 * @throws IllegalArgumentException if the pattern is empty or uses a wildcard other than a final {@code /**}
	 */
	static ViaPattern parse(String pattern) {
		String normalized = normalize(pattern);
		boolean subtree = normalized.endsWith(SUBTREE);
		String path = subtree ? normalized.substring(0, normalized.length() - SUBTREE.length()) : normalized;
		if (path.contains("*") || path.contains("{") || path.contains("?")) {
			throw new IllegalArgumentException("Via pattern '" + pattern + "' is not supported: write an exact path "
					+ "such as /orders, or a path followed by /** such as /orders/** for that path and every path below "
					+ "it (/** alone matches every via)");
		}
		return new ViaPattern(normalized, path, subtree);
	}

	private static String normalize(String pattern) {
		String p = pattern.trim().toLowerCase(Locale.ROOT);
		if (p.isEmpty()) {
			throw new IllegalArgumentException("A via pattern must not be empty; write /** to match every via");
		}
		if (!p.startsWith("/")) {
			p = "/" + p;
		}
		while (p.length() > 1 && p.endsWith("/")) {
			p = p.substring(0, p.length() - 1);
		}
		return p;
	}

	/**
	 * Whether this pattern matches a via.
	 * @param via the via URI the client sent, or {@code null} in raw mode (matched only by {@code /**})
	 * @return {@code true} on a match
	 */
	boolean matches(@Nullable String via) {
		if (via == null) {
			return this.subtree && this.path.isEmpty();
		}
		String viaPath = pathOf(via);
		if (viaPath == null) {
			return false;
		}
		if (!this.subtree) {
			return viaPath.equals(this.path);
		}
		return this.path.isEmpty() || viaPath.equals(this.path) || viaPath.startsWith(this.path + "/");
	}

	private static @Nullable String pathOf(String via) {
		String path;
		try {
			path = URI.create(via).getPath();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		return (path != null) ? normalize(path.isEmpty() ? "/" : path) : null;
	}

	/**
	 * Return the normalized pattern, as {@link org.negotiatetcp.channel.ServerSettings#viaPaths()} takes it.
	 * @return the pattern
	 */
	String value() {
		return this.value;
	}

	/**
	 * Most specific first: exact paths before {@code /**} patterns, longer paths before shorter ones.
	 */
	@Override
	public int compareTo(ViaPattern other) {
		if (this.subtree != other.subtree) {
			return this.subtree ? 1 : -1;
		}
		int byLength = Integer.compare(other.path.length(), this.path.length());
		return (byLength != 0) ? byLength : this.value.compareTo(other.value);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ViaPattern pattern && this.value.equals(pattern.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
