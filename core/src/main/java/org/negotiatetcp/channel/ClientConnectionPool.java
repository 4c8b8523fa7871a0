package org.negotiatetcp.channel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idle {@code net.tcp} connections of a {@link NegotiateChannelFactory}, per endpoint, most recently used first.
 * A connection enters after its session ended with End/End and leaves when a channel takes it, when its idle timeout
 * expires, when the server closes it, or when the pool is disposed. Thread-safe.
 */
final class ClientConnectionPool {

	private static final Logger logger = LoggerFactory.getLogger(NegotiateChannelFactory.class);

	/**
	 * The key of pooled connections: host and port, plus the connection-level configuration of the factory that
	 * connected (its {@code TcpClient} customizer and byte meters), compared by identity.
	 * @param host the host as written in the address
	 * @param port the port
	 * @param connectionConfig the connection-level configuration
	 */
	record Endpoint(String host, int port, Object connectionConfig) {

		@Override
		public String toString() {
			return this.host + ":" + this.port;
		}

	}

	/**
	 * An idle connection taken from the pool.
	 * @param channel the socket
	 * @param handler the handler that stands in while it is idle
	 */
	record IdleConnection(Channel channel, IdleConnectionHandler handler) {

	}

	private record Entry(Channel channel, IdleConnectionHandler handler, ScheduledFuture<?> timer) {

	}

	private final ConnectionPoolSettings settings;

	private final Map<Endpoint, ArrayDeque<Entry>> idle = new HashMap<>();

	private boolean disposed;

	ClientConnectionPool(ConnectionPoolSettings settings) {
		this.settings = settings;
	}

	ConnectionPoolSettings settings() {
		return this.settings;
	}

	/**
	 * Keep an idle connection (its event loop).
	 * @param endpoint where it is connected
	 * @param channel the socket
	 * @param handler its idle handler
	 * @return {@code false} if the pool is full or disposed: the caller closes the connection
	 */
	synchronized boolean offer(Endpoint endpoint, Channel channel, IdleConnectionHandler handler) {
		if (this.disposed) {
			return false;
		}
		ArrayDeque<Entry> connections = this.idle.computeIfAbsent(endpoint, (key) -> new ArrayDeque<>());
		if (connections.size() >= this.settings.maxIdlePerEndpoint()) {
			logger.debug("Closing the connection to {}: {} idle connections are pooled already", endpoint,
					connections.size());
			return false;
		}
		ScheduledFuture<?> timer = channel.eventLoop().schedule(() -> expire(endpoint, handler),
				this.settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
		connections.push(new Entry(channel, handler, timer));
		return true;
	}

	/**
	 * Take the most recently pooled connection to an endpoint that is still open.
	 * @param endpoint the endpoint
	 * @return the connection, or {@code null} if none is pooled
	 */
	synchronized @Nullable IdleConnection acquire(Endpoint endpoint) {
		ArrayDeque<Entry> connections = this.idle.get(endpoint);
		IdleConnection found = null;
		while (found == null && connections != null && !connections.isEmpty()) {
			Entry entry = connections.pop();
			entry.timer().cancel(false);
			if (entry.channel().isActive()) {
				found = new IdleConnection(entry.channel(), entry.handler());
			}
		}
		if (connections != null && connections.isEmpty()) {
			this.idle.remove(endpoint);
		}
		return found;
	}

	/**
	 * Forget a pooled connection (it closed).
	 * @param endpoint where it is connected
	 * @param handler its idle handler
	 * @return {@code true} if it was pooled
	 */
	synchronized boolean evict(Endpoint endpoint, IdleConnectionHandler handler) {
		ArrayDeque<Entry> connections = this.idle.get(endpoint);
		if (connections == null) {
			return false;
		}
		for (Iterator<Entry> iterator = connections.iterator(); iterator.hasNext();) {
			Entry entry = iterator.next();
			if (entry.handler() == handler) {
				iterator.remove();
				entry.timer().cancel(false);
				if (connections.isEmpty()) {
					this.idle.remove(endpoint);
				}
				return true;
			}
		}
		return false;
	}

	private void expire(Endpoint endpoint, IdleConnectionHandler handler) {
		if (evict(endpoint, handler)) {
			logger.debug("Closing an idle connection to {}: idle for {} (idle timeout)", endpoint,
					this.settings.idleTimeout());
			handler.closeIdle();
		}
	}

	/**
	 * Return how many idle connections are pooled.
	 * @return the count over all endpoints
	 */
	synchronized int size() {
		return this.idle.values().stream().mapToInt(ArrayDeque::size).sum();
	}

	/**
	 * Close every idle connection; connections returned later are closed at once.
	 */
	void dispose() {
		List<Entry> closing = new ArrayList<>();
		synchronized (this) {
			this.disposed = true;
			this.idle.values().forEach(closing::addAll);
			this.idle.clear();
		}
		for (Entry entry : closing) {
			entry.timer().cancel(false);
			entry.channel().eventLoop().execute(entry.handler()::closeIdle);
		}
	}

	synchronized boolean isDisposed() {
		return this.disposed;
	}

}
