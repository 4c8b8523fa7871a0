package org.negotiatetcp.mechanism.kerberos.replay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.stream.HandshakeErrorPayload;
import org.negotiatetcp.stream.HandshakeMessage;
import org.negotiatetcp.stream.HandshakeMessageId;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server instances sharing a keytab and one real Redis (a {@code redis-server} started here), as behind a load
 * balancer: an AP-REQ captured from a real client's handshake with the first is refused by the second. With only the
 * JDK's per-process replay cache, two processes would both accept it (within the skew window); MIT krb5's file
 * replay cache is per host in the same way.
 */
@Tag("interop")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RedisReplayCacheTests {

	@AutoClose
	private static EmbeddedRealm realm;

	@AutoClose
	private final TestServer first = new TestServer();

	@AutoClose
	private final TestServer second = new TestServer();

	@AutoClose
	private final RefusalLog log = new RefusalLog();

	private RedisServerProcess redis;

	private RedisClient firstClient;

	private RedisClient secondClient;

	private RedisReplayCache firstCache;

	private RedisReplayCache secondCache;

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	@BeforeEach
	void startRedis() {
		Assumptions.assumeTrue(RedisServerProcess.executable().isPresent(), RedisServerProcess.unavailableReason());
		this.redis = RedisServerProcess.start();
		// one client and cache per instance, as two processes would have
		this.firstClient = RedisClient.create(this.redis.uri());
		this.secondClient = RedisClient.create(this.redis.uri());
		this.firstCache = RedisReplayCache.connect(this.firstClient);
		this.secondCache = RedisReplayCache.connect(this.secondClient);
	}

	@AfterEach
	void stopRedis() {
		for (AutoCloseable closeable : new AutoCloseable[] { this.first, this.second, this.firstCache, this.secondCache }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// keep closing the rest
			}
		}
		for (RedisClient client : new RedisClient[] { this.firstClient, this.secondClient }) {
			if (client != null) {
				client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
			}
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void apReqCapturedFromOneInstanceIsRefusedByAnother() throws Exception {
		KerberosServiceCredentials keytab = KerberosServiceCredentials.load(realm.serviceCredential());
		int firstPort = ReplayedApReqTests.serverOn(this.first, keytab.withReplayCache(this.firstCache));
		int secondPort = ReplayedApReqTests.serverOn(this.second, keytab.withReplayCache(this.secondCache));
		byte[] captured = ReplayedApReqTests.captureFirstHandshake(client(), firstPort);

		HandshakeMessage reply = ReplayedApReqTests.replay(captured, secondPort);
		assertThat(reply.id()).isEqualTo(HandshakeMessageId.HANDSHAKE_ERROR);
		assertThat(HandshakeErrorPayload.decode(reply.payload())).isEqualTo(HandshakeErrorPayload.SEC_E_LOGON_DENIED);
		assertThat(this.log.lines()).singleElement().asString().contains("replayed authenticator")
			.contains("RedisReplayCache");
		// the second instance still accepts fresh handshakes, and each is recorded once in Redis, to expire there
		assertThat(TestServer.roundTrip(client(), "tcp://localhost:" + secondPort)).isEqualTo("ping");
		try (StatefulRedisConnection<String, String> connection = this.firstClient.connect()) {
			List<String> keys = connection.sync().keys(RedisReplayCache.DEFAULT_KEY_PREFIX + "*");
			assertThat(keys).hasSize(2).allSatisfy((key) -> assertThat(key).matches(".*:[0-9a-f]{64}"));
			assertThat(connection.sync().pttl(keys.get(0))).isPositive()
				.isLessThanOrEqualTo(Duration.ofMinutes(10).toMillis());
		}
	}

	@Test
	void theTagIsRecordedOnceAcrossInstances() {
		ReplayTag tag = ReplayTag.of(new byte[] { 1, 2, 3 });
		assertThat(this.secondCache.contains(tag)).isFalse();
		assertThat(this.firstCache.add(tag)).isTrue();
		assertThat(this.secondCache.contains(tag)).isTrue();
		assertThat(this.secondCache.add(tag)).isFalse();
	}

	@Test
	void whenRedisIsDownClientsAreRefusedNotLetThrough() throws Exception {
		KerberosServiceCredentials keytab = KerberosServiceCredentials.load(realm.serviceCredential());
		int port = ReplayedApReqTests.serverOn(this.first, keytab.withReplayCache(this.firstCache));
		this.redis.close();
		NegotiateChannelFactory client = client();
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> TestServer.roundTrip(client, "tcp://localhost:" + port))
			.isInstanceOfSatisfying(org.negotiatetcp.stream.HandshakeErrorException.class, (ex) -> assertThat(
					ex.errorCode()).isEqualTo(HandshakeErrorPayload.SEC_E_LOGON_DENIED));
		assertThat(this.log.lines()).singleElement().asString()
			.contains("the replay cache RedisReplayCache")
			.contains("could not tell whether its authenticator is a replay");
	}

	private static NegotiateChannelFactory client() {
		return new NegotiateChannelFactory(ClientSettings.of(realm.alice()));
	}

}
