package org.negotiatetcp.channel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import org.negotiatetcp.framing.FramingLimits;
import org.negotiatetcp.framing.FramingMode;
import org.negotiatetcp.framing.ServerFramingPolicy;
import org.negotiatetcp.framing.UpgradeRequestRecord;
import org.negotiatetcp.mechanism.spnego.AcceptorFactory;

/**
 * State a server shares between its connections: the acceptor factory, the framing policy and limits, the pending
 * handshake counter and the open sessions.
 */
final class ServerContext {

	private final AcceptorFactory acceptors;

	private final ServerFramingPolicy framingPolicy;

	private final FramingLimits framingLimits;

	private final AtomicInteger pendingHandshakes = new AtomicInteger();

	private final Set<ChannelSession> sessions = ConcurrentHashMap.newKeySet();

	private final ChannelGroup channels = new DefaultChannelGroup("negotiate-server", GlobalEventExecutor.INSTANCE);

	private volatile boolean draining;

	ServerContext(ServerSettings settings) {
		this.acceptors = new AcceptorFactory(settings.acceptor());
		this.framingLimits = settings.limits().framingLimits();
		this.framingPolicy = ServerFramingPolicy.DEFAULTS.withSupportedModes(FramingMode.DUPLEX)
			.withViaAcceptor(settings::servesVia)
			.withUpgrade(UpgradeRequestRecord.NEGOTIATE_PROTOCOL, true);
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

	AtomicInteger pendingHandshakes() {
		return this.pendingHandshakes;
	}

	void sessionOpened(ChannelSession session) {
		this.sessions.add(session);
	}

	void sessionClosed(ChannelSession session) {
		this.sessions.remove(session);
	}

	Set<ChannelSession> sessions() {
		return this.sessions;
	}

	ChannelGroup channels() {
		return this.channels;
	}

	/**
	 * Whether the server is shutting down: sessions finish, no new session starts.
	 * @return {@code true} while draining
	 */
	boolean isDraining() {
		return this.draining;
	}

	void startDraining() {
		this.draining = true;
	}

}
