package org.negotiatetcp.benchmarks.harness;

import reactor.core.publisher.Mono;

/**
 * A subject under test as a client sees it: it opens connections to its echo server.
 */
interface Endpoint {

	/**
	 * Open a connection; it completes once the connection is ready for data (TLS handshake or channel handshake
	 * done).
	 * @return the connection
	 */
	Mono<Link> open();

	/**
	 * Return how many connections the echo server holds now.
	 * @return the server's open connections
	 */
	int serverConnections();

}
