package org.negotiatetcp.boot.security;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.security.SecurityInfo;

/**
 * What an authorization rule decides about: a client (its handshake result) asking to open a session on a via.
 * @param securityInfo the client's handshake result
 * @param via the via the client asked for ({@code net.tcp} mode), or {@code null} in raw mode
 * @author Negotiate TCP
 * @since 0.1.0
 */
public record NegotiateAuthorizationContext(SecurityInfo securityInfo, @Nullable String via) {

	public NegotiateAuthorizationContext {
		Objects.requireNonNull(securityInfo, "securityInfo");
	}

	/**
	 * Return the path of the via as rules match it: lower case, without a trailing slash, {@code /} for a via without
	 * a path.
	 * @return the path, or {@code null} in raw mode or for a via that is not a URI
	 */
	public @Nullable String path() {
		if (this.via == null) {
			return null;
		}
		String path;
		try {
			path = URI.create(this.via.trim()).getPath();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (path == null || path.isEmpty()) {
			return "/";
		}
		path = path.toLowerCase(Locale.ROOT);
		while (path.length() > 1 && path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return path;
	}

	/**
	 * Describe the client and the via for log and error messages.
	 * @return for example {@code Client alice@EXAMPLE.COM on via net.tcp://srv/orders}
	 */
	String describe() {
		return (this.securityInfo.anonymous() ? "Anonymous client" : "Client " + this.securityInfo.peerName())
				+ ((this.via != null) ? " on via " + this.via : "");
	}

}
