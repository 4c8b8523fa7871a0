package org.negotiatetcp.channel;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.NettyPipeline;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.framing.VersionRecord;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.SocketPeer;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The composition of the connection pipeline: what the handlers after ours (Reactor Netty's bridge, or an
 * application's own) see, and how graceful shutdown waits for sessions.
 */
class PipelineTests {

	@AutoClose
	private static EmbeddedRealm realm;

	@AutoClose
	private final TestServer server = new TestServer();

	/** Per connection, what a probe behind our handlers saw, in order. */
	private final Map<Channel, List<Object>> seen = new ConcurrentHashMap<>();

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	private static ServerSettings settings(ChannelMode mode) {
		return new ServerSettings(mode, Set.of("/echo"), realm.acceptor(ProtectionLevel.ENCRYPT_AND_SIGN),
				ChannelLimits.DEFAULTS);
	}

	/**
	 * A handler just in front of Reactor Netty's bridge that records {@code channelActive} and handshake completion
	 * events.
	 */
	private ChannelInboundHandlerAdapter probe(Channel channel) {
		List<Object> events = this.seen.computeIfAbsent(channel, (key) -> new CopyOnWriteArrayList<>());
		return new ChannelInboundHandlerAdapter() {

			@Override
			public void channelActive(ChannelHandlerContext ctx) throws Exception {
				events.add("active");
				super.channelActive(ctx);
			}

			@Override
			public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
				if (evt instanceof HandshakeCompletionEvent completion) {
					events.add(completion);
				}
				super.userEventTriggered(ctx, evt);
			}

		};
	}

	private NegotiateServer probedServer(ChannelMode mode, NegotiateChannelHandler handler) {
		return NegotiateServer.create(settings(mode), handler)
			.customize((tcp) -> tcp.doOnChannelInit((observer, channel, address) -> channel.pipeline()
				.addBefore(NettyPipeline.ReactiveBridge, "probe", probe(channel))));
	}

	private static NegotiateChannelFactory alice() {
		return new NegotiateChannelFactory(ClientSettings.of(realm.alice()));
	}

	@Test
	void unauthenticatedConnectionIsNeverActiveBehindTheServersHandlers() {
		NegotiateChannelHandler echo = (channel) -> channel.send(channel.receive().map(ByteBuf::retain));
		this.server.start(probedServer(ChannelMode.NET_TCP, echo));
		try (SocketPeer stalled = SocketPeer.connect(this.server.port())) {
			ByteBuf version = Unpooled.buffer();
			VersionRecord.V1_0.encode(version);
			stalled.write(ByteBufUtil.getBytes(version));
			version.release();
			awaitCondition(() -> this.server.get().pendingHandshakes() == 1 && this.seen.size() == 1);
			// an authenticated client meanwhile gets through
			assertThat(TestServer.roundTrip(alice(), this.server.address(ChannelMode.NET_TCP))).isEqualTo("ping");
			awaitCondition(() -> this.seen.size() == 2);
			List<List<Object>> perConnection = List.copyOf(this.seen.values());
			assertThat(perConnection).anySatisfy((events) -> assertThat(events).isEmpty());
			assertThat(perConnection).anySatisfy((events) -> assertThat(events).hasSize(2));
		}
	}

	@ParameterizedTest
	@EnumSource(ChannelMode.class)
	void channelActiveFollowsTheHandshakeCompletionWhichCarriesTheSecurityInfo(ChannelMode mode) {
		Sinks.One<SecurityInfo> sessionInfo = Sinks.one();
		this.server.start(probedServer(mode, (channel) -> {
			sessionInfo.tryEmitValue(channel.securityInfo());
			return channel.send(channel.receive().map(ByteBuf::retain));
		}));
		assertThat(TestServer.roundTrip(alice(), this.server.address(mode))).isEqualTo("ping");
		SecurityInfo info = sessionInfo.asMono().block(Duration.ofSeconds(10));
		assertThat(info).isNotNull();
		awaitCondition(() -> this.seen.values().stream().anyMatch((events) -> events.size() == 2));
		List<Object> events = this.seen.values().iterator().next();
		assertThat(events).hasSize(2);
		assertThat(events.get(0)).isInstanceOfSatisfying(HandshakeCompletionEvent.class, (completion) -> {
			assertThat(completion.isSuccess()).isTrue();
			assertThat(completion.securityInfo()).isEqualTo(info);
			assertThat(completion.requireSecurityInfo().peerName()).isEqualTo("alice@EXAMPLE.COM");
		});
		assertThat(events.get(1)).isEqualTo("active");
	}

	@Test
	void clientSeesTheServersIdentityInTheHandshakeCompletion() {
		this.server.echo(settings(ChannelMode.NET_TCP));
		List<HandshakeCompletionEvent> completions = new CopyOnWriteArrayList<>();
		NegotiateChannelFactory factory = alice()
			.customize((tcp) -> tcp.doOnChannelInit((observer, channel, address) -> channel.pipeline()
				.addBefore(NettyPipeline.ReactiveBridge, "probe", new ChannelInboundHandlerAdapter() {

					@Override
					public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
						if (evt instanceof HandshakeCompletionEvent completion) {
							completions.add(completion);
						}
						super.userEventTriggered(ctx, evt);
					}

				})));
		NegotiateChannel channel = factory.open(this.server.address(ChannelMode.NET_TCP)).block(Duration.ofSeconds(20));
		assertThat(channel).isNotNull();
		try {
			assertThat(completions).singleElement().satisfies((completion) -> {
				assertThat(completion.isSuccess()).isTrue();
				assertThat(completion.securityInfo()).isEqualTo(channel.securityInfo());
				assertThat(completion.requireSecurityInfo().targetName()).isEqualTo("host/localhost");
			});
		}
		finally {
			channel.close().block(Duration.ofSeconds(5));
		}
	}

	@Test
	void gracefulShutdownCompletesWhenTheLastSessionCloses() {
		Sinks.Empty<Void> release = Sinks.empty();
		Sinks.One<NegotiateChannel> opened = Sinks.one();
		this.server.start(NegotiateServer.create(settings(ChannelMode.NET_TCP), (channel) -> {
			opened.tryEmitValue(channel);
			// the handler holds its session open until the test releases it
			return release.asMono();
		}));
		NegotiateChannel client = alice().open(this.server.address(ChannelMode.NET_TCP)).block(Duration.ofSeconds(20));
		assertThat(client).isNotNull();
		assertThat(opened.asMono().block(Duration.ofSeconds(10))).isNotNull();
		AtomicBoolean done = new AtomicBoolean();
		Mono<Void> shutdown = this.server.get().shutdownGracefully(Duration.ofMinutes(5))
			.doOnSuccess((ignored) -> done.set(true))
			.cache();
		shutdown.subscribe();
		// the session is still open: the drain waits for it
		sleep(300);
		assertThat(done).isFalse();
		assertThat(this.server.get().activeSessions()).isEqualTo(1);
		assertThat(client.isOpen()).isTrue();
		release.tryEmitEmpty();
		// the handler completed: the session ends with End/End, and the drain ends with it, long before its timeout
		shutdown.block(Duration.ofSeconds(20));
		assertThat(done).isTrue();
		assertThat(this.server.get().activeSessions()).isZero();
		assertThat(client.onClose().block(Duration.ofSeconds(5))).isNull();
	}

	@Test
	void streamLargerThanAnyReadArrivesIntactThroughTheStreamHandler() {
		// frames of up to 63 KiB cross TCP reads at arbitrary offsets: the stream handler reassembles them
		this.server.echo(settings(ChannelMode.RAW));
		byte[] sent = new byte[2 * 1024 * 1024 + 17];
		new Random(42).nextBytes(sent);
		NegotiateChannel channel = alice().open(this.server.address(ChannelMode.RAW)).block(Duration.ofSeconds(20));
		assertThat(channel).isNotNull();
		try {
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			Mono<Void> echoed = channel.receiveBytes()
				.doOnNext(received::writeBytes)
				.takeUntil((chunk) -> received.size() >= sent.length)
				.then();
			Mono.when(echoed, channel.sendBytes(sent)).block(Duration.ofSeconds(60));
			assertThat(received.toByteArray()).isEqualTo(sent);
		}
		finally {
			channel.close().block(Duration.ofSeconds(5));
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void awaitCondition(java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
