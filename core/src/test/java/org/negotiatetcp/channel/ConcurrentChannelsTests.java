package org.negotiatetcp.channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.EmbeddedRealm;

import static org.assertj.core.api.Assertions.assertThat;
import org.negotiatetcp.ChannelMode;

/**
 * Many channels at once through one factory and one server: one Kerberos login (and its service-ticket cache) or
 * one NTLM account shared by every channel, each channel's messages echoed in order and nothing mixed up.
 */
class ConcurrentChannelsTests {

	private static final int CHANNELS = 24;

	private static final int MESSAGES = 40;

	private static EmbeddedRealm realm;

	private DisposableNegotiateServer server;

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	@AfterAll
	static void stopRealm() {
		realm.close();
	}

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.disposeNow(Duration.ofSeconds(10));
		}
	}

	@ParameterizedTest
	@EnumSource(value = AuthPackage.class, names = { "SPNEGO", "NTLM" })
	void concurrentChannelsEachGetTheirOwnEchoesInOrder(AuthPackage authPackage) {
		AcceptorSettings acceptor = realm.acceptor(ProtectionLevel.ENCRYPT_AND_SIGN);
		acceptor = new AcceptorSettings(acceptor.kerberos(),
				new InMemoryNtlmAccountStore().add("EXAMPLE", "bob", "bob-pw1".toCharArray()),
				ProtectionLevel.ENCRYPT_AND_SIGN, false);
		this.server = NegotiateServer.create(new ServerSettings(ChannelMode.NET_TCP, Set.of("/echo"), acceptor,
				// all channels come from 127.0.0.1 at once: above the default per-address cap of pending handshakes
				ChannelLimits.DEFAULTS.withMaxPendingHandshakesPerAddress(CHANNELS)), (channel) -> channel.send(channel.receive().map(ByteBuf::retain))).bindNow();
		ClientCredential credential = (authPackage == AuthPackage.NTLM)
				? new ClientCredential.Password("EXAMPLE\\bob", "bob-pw1".toCharArray()) : realm.alice();
		NegotiateChannelFactory factory = new NegotiateChannelFactory(ClientSettings.of(credential)
			.withAuthPackage(authPackage)
			.withRequireServerAuth(authPackage != AuthPackage.NTLM));
		String address = "net.tcp://localhost:" + this.server.port() + "/echo";
		List<List<String>> results = Flux.range(0, CHANNELS)
			.flatMap((n) -> conversation(factory, address, n).subscribeOn(Schedulers.parallel()), CHANNELS)
			.collectList()
			.block(Duration.ofSeconds(120));
		assertThat(results).hasSize(CHANNELS).allSatisfy((replies) -> {
			String prefix = replies.get(0).substring(0, replies.get(0).indexOf(':') + 1);
			assertThat(replies).hasSize(MESSAGES);
			for (int i = 0; i < MESSAGES; i++) {
				assertThat(replies.get(i)).isEqualTo(prefix + i);
			}
		});
		assertThat(results.stream().map((replies) -> replies.get(0)).distinct()).hasSize(CHANNELS);
	}

	private static Mono<List<String>> conversation(NegotiateChannelFactory factory, String address, int n) {
		return factory.open(address)
			.flatMap((channel) -> channel
				.send(Flux.range(0, MESSAGES)
					.map((i) -> Unpooled.copiedBuffer("channel" + n + ":" + i, StandardCharsets.UTF_8)))
				.thenMany(channel.receive().take(MESSAGES).map((buf) -> buf.toString(StandardCharsets.UTF_8)))
				.collectList()
				.flatMap((replies) -> channel.close().thenReturn(replies)));
	}

}
