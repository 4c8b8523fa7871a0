package org.negotiatetcp.channel;

import java.net.InetSocketAddress;
import java.time.Duration;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * A bound, running server listener.
 */
public interface DisposableNegotiateServer extends Disposable {

	/**
	 * Return the address the listener is bound to.
	 * @return the local address
	 */
	InetSocketAddress address();

	/**
	 * Return the port the listener is bound to (useful with port 0).
	 * @return the port
	 */
	default int port() {
		return address().getPort();
	}

	/**
	 * Return how many sessions are open.
	 * @return the number of authenticated sessions
	 */
	int activeSessions();

	/**
	 * Return how many connections are still authenticating.
	 * @return the number of pending handshakes
	 */
	int pendingHandshakes();

	/**
	 * Stop accepting connections, end open sessions gracefully and wait up to {@code timeout}.
	 * @param timeout how long to wait for sessions to end
	 */
	void disposeNow(Duration timeout);

	/**
	 * Stop accepting connections, let open sessions finish (their handlers complete and End/End is exchanged) for at
	 * most {@code timeout}, then close whatever is left.
	 * @param timeout how long sessions may take to finish
	 * @return completes when everything is closed
	 */
	Mono<Void> shutdownGracefully(Duration timeout);

	/**
	 * Return a signal that completes when the listener is closed.
	 * @return the close signal
	 */
	Mono<Void> onDispose();

}
