package org.negotiatetcp.channel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.negotiatetcp.framing.FramingLimits;
import org.negotiatetcp.framing.FramingMode;
import org.negotiatetcp.framing.ServerFramingPolicy;
import org.negotiatetcp.framing.UpgradeRequestRecord;
import org.negotiatetcp.mechanism.spnego.AcceptorFactory;

/**
 * State a server shares between its connections: the acceptor factory, the framing policy and limits, the
 * connections still authenticating, and the registry of live connections and open sessions that graceful shutdown
 * drains.
 */
final class ServerContext {

	private final AcceptorFactory acceptors;

	private final ServerFramingPolicy framingPolicy;

	private final FramingLimits framingLimits;

	private final int maxPendingHandshakes;

	private final int maxPendingHandshakesPerAddress;

	private final Set<Channel> authenticating = ConcurrentHashMap.newKeySet();

	private final Set<ChannelSession> sessions = ConcurrentHashMap.newKeySet();

	private final Map<Channel, ServerSessionHandler> connections = new ConcurrentHashMap<>();

	private final ChannelGroup channels = new DefaultChannelGroup("negotiate-server", GlobalEventExecutor.INSTANCE);

	private volatile boolean draining;

	ServerContext(ServerSettings settings) {
		this.acceptors = new AcceptorFactory(settings.acceptor());
		this.framingLimits = settings.limits().framingLimits();
		this.maxPendingHandshakes = settings.limits().maxPendingHandshakes();
		this.maxPendingHandshakesPerAddress = settings.limits().maxPendingHandshakesPerAddress();
		this.framingPolicy = ServerFramingPolicy.DEFAULTS
			.withSupportedModes(settings.streamedTransfer()
					? new FramingMode[] { FramingMode.DUPLEX, FramingMode.SINGLETON_UNSIZED }
					: new FramingMode[] { FramingMode.DUPLEX })
			.withViaAcceptor(settings::servesVia)
			.withUpgrade((settings.securityMode() == SecurityMode.NONE) ? null : UpgradeRequestRecord.NEGOTIATE_PROTOCOL,
					settings.securityMode() != SecurityMode.NONE);
	}

	AcceptorFactory acceptors() {
		return this.acceptors;
	}

	ServerFramingPolicy framingPolicy() {
		return this.framingPolicy;
	}

	FramingLimits framingLimits() {
		return this.framingLimits;
	}

	/**
	 * Admit a new connection, or name the limit that refuses it. It counts as authenticating until its first session
	 * opens or it closes. Windows (http.sys, WCF's {@code MaxPendingAccepts}/{@code MaxPendingConnections}) bounds
	 * pending connections globally only; MIT krb5 has no such bound. The per-address cap keeps one address from taking
	 * every slot of the global one.
	 * @param channel the connection
	 * @return {@code null} if admitted, otherwise the limit's property name
	 */
	@Nullable String refusal(Channel channel) {
		this.channels.add(channel);
		channel.closeFuture().addListener((closed) -> this.authenticating.remove(channel));
		this.authenticating.add(channel);
		if (this.authenticating.size() > this.maxPendingHandshakes) {
			return "max-pending-handshakes";
		}
		InetAddress peer = addressOf(channel);
		if (peer != null) {
			int fromPeer = 0;
			for (Channel other : this.authenticating) {
				if (peer.equals(addressOf(other))) {
					fromPeer++;
				}
			}
			if (fromPeer > this.maxPendingHandshakesPerAddress) {
				return "max-pending-handshakes-per-address";
			}
		}
		return null;
	}

	private static @Nullable InetAddress addressOf(Channel channel) {
		return (channel.remoteAddress() instanceof InetSocketAddress address) ? address.getAddress() : null;
	}

	/**
	 * A connection starts authenticating again (a new session after End/End).
	 * @param channel the connection
	 */
	void handshakeStarted(Channel channel) {
		if (channel.isActive()) {
			this.authenticating.add(channel);
		}
	}

	/**
	 * A connection's session opened.
	 * @param channel the connection
	 */
	void handshakeEnded(Channel channel) {
		this.authenticating.remove(channel);
	}

	int pendingHandshakes() {
		return this.authenticating.size();
	}

	void connectionOpened(Channel channel, ServerSessionHandler handler) {
		this.connections.put(channel, handler);
	}

	void connectionClosed(Channel channel) {
		this.connections.remove(channel);
	}

	/**
	 * Register an open session; it leaves the registry when it closes (event loop).
	 * @param session the session
	 */
	void sessionOpened(ChannelSession session) {
		this.sessions.add(session);
		session.whenTerminated(() -> this.sessions.remove(session));
	}

	void sessionClosed(ChannelSession session) {
		this.sessions.remove(session);
	}

	int activeSessions() {
		return this.sessions.size();
	}

	/**
	 * Start draining: no new session opens, connections without a session close, open sessions stop taking new
	 * messages and end with End/End once their handlers complete.
	 * @return completes when the last session that was open has closed
	 */
	Mono<Void> drain() {
		this.draining = true;
		this.connections.forEach((channel, handler) -> channel.eventLoop().execute(handler::drain));
		return sessionsClosed();
	}

	private Mono<Void> sessionsClosed() {
		return Mono.defer(() -> {
			List<Mono<Void>> open = new ArrayList<>();
			this.sessions.forEach((session) -> open.add(session.onClose().onErrorComplete()));
			// a session that opened while draining started is waited for in the next round
			return open.isEmpty() ? Mono.empty() : Mono.when(open).then(sessionsClosed());
		});
	}

	/**
	 * Close every connection that is left.
	 * @return completes when they are closed
	 */
	Mono<Void> closeAll() {
		return Mono.create((sink) -> this.channels.close().addListener((future) -> sink.success()));
	}

	/**
	 * Whether the server is shutting down: sessions finish, no new session starts.
	 * @return {@code true} while draining
	 */
	boolean isDraining() {
		return this.draining;
	}

}
