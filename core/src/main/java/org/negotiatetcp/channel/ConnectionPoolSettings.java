package org.negotiatetcp.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link NegotiateChannelFactory} pools idle {@code net.tcp} connections (WCF's client connection pool): after a
 * session ended cleanly with End/End, its TCP connection waits, idle, for the next channel to the same host and port,
 * which sends a new [MC-NMF] preamble and runs a new [MS-NNS] handshake on it.
 * @param idleTimeout how long a connection may stay idle in the pool before it is closed (WCF's
 * {@code IdleTimeout}, default 2 min)
 * @param maxIdlePerEndpoint the most idle connections kept per host and port (WCF's
 * {@code MaxOutboundConnectionsPerEndpoint}, default 10); a connection returned to a full pool is closed
 * @see NegotiateChannelFactory#withConnectionPool(ConnectionPoolSettings)
 */
public record ConnectionPoolSettings(Duration idleTimeout, int maxIdlePerEndpoint) {

	/** The defaults of WCF's {@code TcpConnectionPoolSettings}: 2 minutes idle, 10 connections per endpoint. */
	public static final ConnectionPoolSettings DEFAULTS = new ConnectionPoolSettings(Duration.ofMinutes(2), 10);

	public ConnectionPoolSettings {
		Objects.requireNonNull(idleTimeout, "idleTimeout");
		if (idleTimeout.isNegative() || idleTimeout.isZero()) {
			throw new IllegalArgumentException("idleTimeout must be positive but was " + idleTimeout);
		}
		if (maxIdlePerEndpoint < 1) {
			throw new IllegalArgumentException("maxIdlePerEndpoint must be at least 1 but was " + maxIdlePerEndpoint
					+ "; to switch pooling off, do not call withConnectionPool");
		}
	}

	/**
	 * Return a copy with another idle timeout.
	 * @param timeout how long a connection may stay idle
	 * @return the settings
	 */
	public ConnectionPoolSettings withIdleTimeout(Duration timeout) {
		return new ConnectionPoolSettings(timeout, this.maxIdlePerEndpoint);
	}

	/**
	 * Return a copy with another bound on idle connections per endpoint.
	 * @param max the most idle connections per host and port
	 * @return the settings
	 */
	public ConnectionPoolSettings withMaxIdlePerEndpoint(int max) {
		return new ConnectionPoolSettings(this.idleTimeout, max);
	}

}
