package org.negotiatetcp.mechanism.kerberos.replay;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import org.jspecify.annotations.Nullable;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A {@link ReplayCache} in Redis, shared by the instances of a service behind a load balancer: an AP-REQ accepted by
 * one instance is refused by every other. Each tag is a key {@code <prefix><64 hex digits>} written with
 * {@code SET key 1 NX PX <lifetime>}, which records it atomically and lets Redis expire it; {@link #contains} is
 * {@code EXISTS key}. Needs {@code io.lettuce:lettuce-core} on the class path (an optional dependency of this module).
 * <p>
 * The cache uses a connection of its own with a short command timeout, because the acceptor waits for the answer: a
 * Redis that does not answer in time fails the handshake (the client is refused rather than risk accepting a replay)
 * instead of holding it. Close the cache to close that connection; a {@link RedisClient} passed in stays its owner's,
 * one created from a URI ({@link #connect(String, Duration, String, Duration)}) is shut down with the cache.
 */
public final class RedisReplayCache implements ReplayCache, AutoCloseable {

	/** The default key prefix. */
	public static final String DEFAULT_KEY_PREFIX = "negotiatetcp:krb5-rcache:";

	/** The default command timeout. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

	private final StatefulRedisConnection<String, String> connection;

	private final RedisCommands<String, String> commands;

	private final SetArgs setArgs;

	private final String keyPrefix;

	private final String description;

	private @Nullable RedisClient ownClient;

	private RedisReplayCache(StatefulRedisConnection<String, String> connection, Duration lifetime, String keyPrefix,
			String description) {
		this.connection = connection;
		this.commands = connection.sync();
		this.setArgs = SetArgs.Builder.nx().px(lifetime.toMillis());
		this.keyPrefix = keyPrefix;
		this.description = description;
	}

	/**
	 * Connect a cache with the default clock skew, key prefix and timeout.
	 * @param client the Redis client (a URI's, or the application's)
	 * @return the cache
	 * @throws io.lettuce.core.RedisException if Redis cannot be reached
	 */
	public static RedisReplayCache connect(RedisClient client) {
		return connect(client, DEFAULT_CLOCK_SKEW, DEFAULT_KEY_PREFIX, DEFAULT_TIMEOUT);
	}

	/**
	 * Connect a cache.
	 * @param client the Redis client (a URI's, or the application's)
	 * @param clockSkew the acceptors' clock skew; entries are kept for twice that
	 * @param keyPrefix the prefix of the keys, to share a Redis with other data
	 * @param timeout how long the acceptor waits for Redis before refusing the client
	 * @return the cache
	 * @throws io.lettuce.core.RedisException if Redis cannot be reached
	 */
	public static RedisReplayCache connect(RedisClient client, Duration clockSkew, String keyPrefix,
			Duration timeout) {
		Duration lifetime = ReplayCache.lifetime(clockSkew);
		StatefulRedisConnection<String, String> connection = client.connect();
		connection.setTimeout(timeout);
		return new RedisReplayCache(connection, lifetime, keyPrefix, "RedisReplayCache[lifetime=" + lifetime
				+ ", prefix=" + keyPrefix + "]");
	}

	/**
	 * Connect a cache through a client of its own, shut down when the cache is closed.
	 * @param uri the Redis URI, for example {@code redis://redis.example.com:6379/0} or {@code rediss://...}
	 * @param clockSkew the acceptors' clock skew; entries are kept for twice that
	 * @param keyPrefix the prefix of the keys, to share a Redis with other data
	 * @param timeout how long the acceptor waits for Redis before refusing the client
	 * @return the cache
	 * @throws io.lettuce.core.RedisException if Redis cannot be reached
	 */
	public static RedisReplayCache connect(String uri, Duration clockSkew, String keyPrefix, Duration timeout) {
		RedisClient client = RedisClient.create(uri);
		try {
			RedisReplayCache cache = connect(client, clockSkew, keyPrefix, timeout);
			cache.ownClient = client;
			return cache;
		}
		catch (RuntimeException ex) {
			client.shutdown();
			throw ex;
		}
	}

	@Override
	public boolean contains(ReplayTag tag) {
		return this.commands.exists(key(tag)) > 0;
	}

	@Override
	public boolean add(ReplayTag tag) {
		// "OK" when set; null when the key exists (NX)
		return "OK".equals(this.commands.set(key(tag), "1", this.setArgs));
	}

	private String key(ReplayTag tag) {
		return this.keyPrefix + tag.hex();
	}

	@Override
	public void close() {
		this.connection.close();
		RedisClient client = this.ownClient;
		if (client != null) {
			client.shutdown();
		}
	}

	@Override
	public String toString() {
		return this.description;
	}

}
