package org.negotiatetcp.boot.autoconfigure;

import java.time.Duration;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

import org.negotiatetcp.boot.autoconfigure.NegotiateServerProperties.KerberosReplayCache;
import org.negotiatetcp.boot.autoconfigure.NegotiateServerProperties.ReplayCacheType;
import org.negotiatetcp.mechanism.kerberos.replay.InMemoryReplayCache;
import org.negotiatetcp.mechanism.kerberos.replay.RedisReplayCache;
import org.negotiatetcp.mechanism.kerberos.replay.ReplayCache;

/**
 * Creates the Kerberos replay cache of {@code negotiate.tcp.server.kerberos.replay-cache.*}: in memory by default,
 * or Redis through the URL property or the application's unique lettuce {@code RedisClient} bean. A Redis cache that
 * is chosen but not configured, not on the class path, or not reachable stops startup with the fix.
 */
final class KerberosReplayCaches {

	static final String PREFIX = "negotiate.tcp.server.kerberos.replay-cache.";

	private static final String LETTUCE = "io.lettuce.core.RedisClient";

	private KerberosReplayCaches() {
	}

	static ReplayCache create(KerberosReplayCache properties, ConfigurableListableBeanFactory beanFactory) {
		Duration skew = properties.getClockSkew();
		if (skew == null || skew.isNegative() || skew.isZero()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "clock-skew", skew,
					"The clock skew must be positive, for example 5m (krb5.conf's clockskew)");
		}
		ReplayCacheType type = (properties.getType() != null) ? properties.getType() : ReplayCacheType.IN_MEMORY;
		if (type == ReplayCacheType.IN_MEMORY) {
			if (properties.getMaxEntries() < 1) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + "max-entries",
						properties.getMaxEntries(), "The in-memory replay cache keeps at least one entry");
			}
			return new InMemoryReplayCache(skew, properties.getMaxEntries());
		}
		if (!ClassUtils.isPresent(LETTUCE, beanFactory.getBeanClassLoader())) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "type", "redis",
					"The Redis replay cache needs lettuce: add the dependency io.lettuce:lettuce-core (its version "
							+ "is managed by Spring Boot), or set " + PREFIX + "type to in-memory");
		}
		return Redis.create(properties, beanFactory);
	}

	/** Loads lettuce's classes only when the Redis cache is chosen. */
	private static final class Redis {

		static ReplayCache create(KerberosReplayCache properties, ListableBeanFactory beanFactory) {
			KerberosReplayCache.Redis redis = properties.getRedis();
			String url = redis.getUrl();
			try {
				if (url != null && !url.isBlank()) {
					return RedisReplayCache.connect(url, properties.getClockSkew(), redis.getKeyPrefix(),
							redis.getTimeout());
				}
				String[] names = beanFactory.getBeanNamesForType(io.lettuce.core.RedisClient.class);
				if (names.length == 0) {
					throw new InvalidConfigurationPropertyValueException(PREFIX + "type", "redis",
							"The Redis replay cache has no Redis: set " + PREFIX + "redis.url (for example "
									+ "redis://redis.example.com:6379, or ${spring.data.redis.url}) or define a "
									+ "lettuce RedisClient bean");
				}
				if (names.length > 1) {
					throw new InvalidConfigurationPropertyValueException(PREFIX + "type", "redis",
							"The Redis replay cache found " + names.length + " RedisClient beans "
									+ java.util.Arrays.toString(names) + " and cannot choose: set " + PREFIX
									+ "redis.url");
				}
				return RedisReplayCache.connect(beanFactory.getBean(names[0], io.lettuce.core.RedisClient.class),
						properties.getClockSkew(), redis.getKeyPrefix(), redis.getTimeout());
			}
			catch (io.lettuce.core.RedisException | IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + "redis.url", redactedUrl(url),
						"The Redis replay cache cannot reach Redis: " + ex.getMessage() + ". Start Redis or correct "
								+ PREFIX + "redis.url (or the RedisClient bean); Kerberos clients cannot be "
								+ "accepted safely without it");
			}
		}

		private static String redactedUrl(String url) {
			if (url == null) {
				return "(the RedisClient bean)";
			}
			int at = url.lastIndexOf('@');
			int scheme = url.indexOf("://");
			return (at > 0 && scheme > 0) ? url.substring(0, scheme + 3) + "***@" + url.substring(at + 1) : url;
		}

	}

}
