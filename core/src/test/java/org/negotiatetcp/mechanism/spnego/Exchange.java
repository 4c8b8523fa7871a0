package org.negotiatetcp.mechanism.spnego;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.mechanism.spnego.AcceptorFactory;
import org.negotiatetcp.mechanism.MechanismContext;

/**
 * Drives an initiator and an acceptor against each other in memory, as the NNS handshake would, optionally letting a
 * test tamper with tokens in transit, and records every token.
 */
final class Exchange {

	private final List<byte[]> clientTokens = new ArrayList<>();

	private final List<byte[]> serverTokens = new ArrayList<>();

	private UnaryOperator<byte[]> clientToServer = UnaryOperator.identity();

	private UnaryOperator<byte[]> serverToClient = UnaryOperator.identity();

	private @Nullable MechanismContext server;

	Exchange tamperClientTokens(UnaryOperator<byte[]> tamper) {
		this.clientToServer = tamper;
		return this;
	}

	Exchange tamperServerTokens(UnaryOperator<byte[]> tamper) {
		this.serverToClient = tamper;
		return this;
	}

	/**
	 * Run until both sides are established (or one throws).
	 * @param client the initiator
	 * @param server the acceptor
	 * @return the number of handshake tokens exchanged
	 */
	int run(MechanismContext client, MechanismContext server) {
		return run(client, client.step(null), server);
	}

	/**
	 * Run with a server created, as a real server does, from the client's first token.
	 * @param client the initiator
	 * @param acceptors creates the acceptor
	 * @return the acceptor, established
	 */
	MechanismContext run(MechanismContext client, AcceptorFactory acceptors) {
		byte[] first = client.step(null);
		MechanismContext server = acceptors.create(first);
		this.server = server;
		run(client, first, server);
		return server;
	}

	/**
	 * Return the acceptor the last {@link #run(MechanismContext, AcceptorFactory)} created.
	 * @return the acceptor or {@code null}
	 */
	@Nullable MechanismContext server() {
		return this.server;
	}

	int run(MechanismContext client, byte[] firstToken, MechanismContext server) {
		byte[] toServer = firstToken;
		int legs = 0;
		while (true) {
			if (toServer.length > 0) {
				this.clientTokens.add(toServer);
				legs++;
				byte[] toClient = server.step(this.clientToServer.apply(toServer));
				if (toClient.length > 0) {
					this.serverTokens.add(toClient);
					legs++;
					if (client.isEstablished()) {
						throw new IllegalStateException("server sent a token to an established client");
					}
					toServer = client.step(this.serverToClient.apply(toClient));
				}
				else {
					toServer = new byte[0];
				}
			}
			if (client.isEstablished() && server.isEstablished()) {
				return legs;
			}
			if (toServer.length == 0) {
				throw new IllegalStateException("handshake stalled: client established=" + client.isEstablished()
						+ ", server established=" + server.isEstablished());
			}
			if (legs > 20) {
				throw new IllegalStateException("handshake does not end");
			}
		}
	}

	List<byte[]> clientTokens() {
		return this.clientTokens;
	}

	List<byte[]> serverTokens() {
		return this.serverTokens;
	}

}
