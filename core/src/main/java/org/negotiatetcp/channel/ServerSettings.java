package org.negotiatetcp.channel;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.ChannelMode;

/**
 * What a server listener accepts. A snapshot: a running server does not see later changes. Start from
 * {@link #netTcp(AcceptorSettings, String...)} or {@link #raw(AcceptorSettings)}, for example
 * {@code ServerSettings.netTcp(acceptor, "/orders").withLimits(limits).withAuthorizer(authorizer)}.
 * @param mode the wire form
 * @param viaPaths in {@code net.tcp} mode, the paths served (for example {@code /orders}); a via whose path is not
 * listed gets the {@code EndpointNotFound} fault. Matching ignores case, the host (WCF's strong wildcard) and a trailing
 * slash; an entry ending in {@code /**} serves its path and every path below it ({@code /**} alone serves every path).
 * An empty set serves every path.
 * @param acceptor the credentials and policies of the security package
 * @param limits the bounds
 * @param authorizer decides whether an authenticated client may open a session
 * @param securityMode {@link SecurityMode#TRANSPORT} (the default) or, explicitly, {@link SecurityMode#NONE}: unsecured
 * {@code net.tcp} sessions of anonymous clients (then {@code mode} must be {@code NET_TCP} and the acceptor must allow
 * anonymous clients, or the constructor throws {@link IllegalArgumentException} naming what to set)
 * @param streamedTransfer whether {@code net.tcp} clients may also use {@link TransferMode#STREAMED} (WCF's
 * {@code TransferMode.Streamed}: [MC-NMF] singleton-unsized mode, one message per preamble); off by default, then such
 * clients get the {@code UnsupportedMode} fault. Only with {@code NET_TCP} (security mode TRANSPORT or NONE).
 */
public record ServerSettings(ChannelMode mode, Set<String> viaPaths, AcceptorSettings acceptor, ChannelLimits limits,
		SessionAuthorizer authorizer, SecurityMode securityMode, boolean streamedTransfer) {

	public ServerSettings {
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(acceptor, "acceptor");
		Objects.requireNonNull(limits, "limits");
		Objects.requireNonNull(authorizer, "authorizer");
		Objects.requireNonNull(securityMode, "securityMode");
		if (securityMode == SecurityMode.NONE && mode != ChannelMode.NET_TCP) {
			throw new IllegalArgumentException("Security mode NONE exists only in net.tcp mode (WCF's SecurityMode.None);"
					+ " a " + mode + " server always authenticates: set the security mode to TRANSPORT");
		}
		if (securityMode == SecurityMode.NONE && !acceptor.allowAnonymousClients()) {
			throw new IllegalArgumentException("Security mode NONE serves unsecured net.tcp clients, which are anonymous,"
					+ " but anonymous clients are not allowed: set allow-anonymous-clients to true"
					+ " (negotiate.tcp.server.allow-anonymous-clients) or the security mode to TRANSPORT");
		}
		if (streamedTransfer && mode != ChannelMode.NET_TCP) {
			throw new IllegalArgumentException("Streamed transfer (singleton-unsized mode, negotiate.tcp.server.streamed-transfer) is served only in net.tcp mode"
					+ " (with security mode TRANSPORT or NONE, as WCF allows), but the mode is " + mode
					+ ": turn streamed transfer off or use net.tcp");
		}
		viaPaths = viaPaths.stream().map(ServerSettings::normalize).collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Settings without streamed transfer.
	 * @param mode the wire form
	 * @param viaPaths the paths served in {@code net.tcp} mode (empty for any)
	 * @param acceptor the credentials and policies of the security package
	 * @param limits the bounds
	 * @param authorizer decides whether an authenticated client may open a session
	 * @param securityMode the security mode
	 */
	public ServerSettings(ChannelMode mode, Set<String> viaPaths, AcceptorSettings acceptor, ChannelLimits limits,
			SessionAuthorizer authorizer, SecurityMode securityMode) {
		this(mode, viaPaths, acceptor, limits, authorizer, securityMode, false);
	}

	/**
	 * Settings with {@link SecurityMode#TRANSPORT}.
	 * @param mode the wire form
	 * @param viaPaths the paths served in {@code net.tcp} mode (empty for any)
	 * @param acceptor the credentials and policies of the security package
	 * @param limits the bounds
	 * @param authorizer decides whether an authenticated client may open a session
	 */
	public ServerSettings(ChannelMode mode, Set<String> viaPaths, AcceptorSettings acceptor, ChannelLimits limits,
			SessionAuthorizer authorizer) {
		this(mode, viaPaths, acceptor, limits, authorizer, SecurityMode.TRANSPORT);
	}

	/**
	 * Settings that accept every authenticated client.
	 * @param mode the wire form
	 * @param viaPaths the paths served in {@code net.tcp} mode (empty for any)
	 * @param acceptor the credentials and policies of the security package
	 * @param limits the bounds
	 */
	public ServerSettings(ChannelMode mode, Set<String> viaPaths, AcceptorSettings acceptor, ChannelLimits limits) {
		this(mode, viaPaths, acceptor, limits, SessionAuthorizer.ACCEPT_ALL);
	}

	/**
	 * Settings for a {@link ChannelMode#NET_TCP} server with the {@link ChannelLimits#defaults() default limits} that
	 * accept every authenticated client.
	 * @param acceptor the credentials and policies of the security package
	 * @param viaPaths the paths served (for example {@code /orders}); none to serve every path
	 * @return the settings
	 */
	public static ServerSettings netTcp(AcceptorSettings acceptor, String... viaPaths) {
		return new ServerSettings(ChannelMode.NET_TCP, Set.copyOf(Arrays.asList(viaPaths)), acceptor,
				ChannelLimits.DEFAULTS);
	}

	/**
	 * Settings for a {@link ChannelMode#RAW} NegotiateStream server with the {@link ChannelLimits#defaults() default
	 * limits} that accept every authenticated client.
	 * @param acceptor the credentials and policies of the security package
	 * @return the settings
	 */
	public static ServerSettings raw(AcceptorSettings acceptor) {
		return new ServerSettings(ChannelMode.RAW, Set.of(), acceptor, ChannelLimits.DEFAULTS);
	}

	/**
	 * Return a copy that also serves (or no longer serves) {@link TransferMode#STREAMED} clients.
	 * @param streamed whether singleton-unsized mode is accepted beside duplex
	 * @return the settings
	 */
	public ServerSettings withStreamedTransfer(boolean streamed) {
		return new ServerSettings(this.mode, this.viaPaths, this.acceptor, this.limits, this.authorizer,
				this.securityMode, streamed);
	}

	/**
	 * Return a copy with other limits.
	 * @param limits the limits
	 * @return the settings
	 */
	public ServerSettings withLimits(ChannelLimits limits) {
		return new ServerSettings(this.mode, this.viaPaths, this.acceptor, limits, this.authorizer,
				this.securityMode, this.streamedTransfer);
	}

	/**
	 * Return a copy with another authorizer.
	 * @param authorizer the authorizer
	 * @return the settings
	 */
	public ServerSettings withAuthorizer(SessionAuthorizer authorizer) {
		return new ServerSettings(this.mode, this.viaPaths, this.acceptor, this.limits, authorizer,
				this.securityMode, this.streamedTransfer);
	}

	/**
	 * Return a copy with another security mode; {@link SecurityMode#NONE} serves unsecured, anonymous
	 * {@code net.tcp} clients (WCF's {@code SecurityMode.None}) and is logged as a warning at startup and per session.
	 * @param securityMode the security mode
	 * @return the settings
	 */
	public ServerSettings withSecurityMode(SecurityMode securityMode) {
		return new ServerSettings(this.mode, this.viaPaths, this.acceptor, this.limits, this.authorizer,
				securityMode, this.streamedTransfer);
	}

	/**
	 * Whether a via names an endpoint of this server.
	 * @param via the via the client sent
	 * @return {@code true} if served
	 */
	public boolean servesVia(String via) {
		if (this.viaPaths.isEmpty()) {
			return true;
		}
		String path;
		try {
			path = URI.create(via).getPath();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (path == null) {
			return false;
		}
		String normalized = normalize(path);
		return this.viaPaths.contains(normalized) || this.viaPaths.stream()
			.filter((served) -> served.endsWith("/**"))
			.map((served) -> served.substring(0, served.length() - 3))
			.anyMatch((prefix) -> prefix.isEmpty() || normalized.equals(prefix) || normalized.startsWith(prefix + "/"));
	}

	private static String normalize(String path) {
		String p = path.trim().toLowerCase(Locale.ROOT);
		if (!p.startsWith("/")) {
			p = "/" + p;
		}
		while (p.length() > 1 && p.endsWith("/")) {
			p = p.substring(0, p.length() - 1);
		}
		return p;
	}

}
