package org.negotiatetcp.benchmarks.harness;

import java.time.Duration;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.tcp.TcpClient;

/**
 * An anchor: Reactor Netty TCP connections to a {@link NettyEchoServer}, plain or TLS. A TLS connection is opened
 * with an engine that names no peer, so the JDK's client never resumes a session: every open is a full handshake.
 */
final class NettyEndpoint implements Endpoint {

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

	private final NettyEchoServer server;

	private final TcpClient client;

	private final boolean tls;

	private NettyEndpoint(NettyEchoServer server, @Nullable SslContext tls) {
		this.server = server;
		this.tls = tls != null;
		TcpClient client = TcpClient.newConnection()
			.host("127.0.0.1")
			.port(server.port())
			.doOnConnected(NettyEchoServer::framing);
		if (tls != null) {
			client = client.doOnChannelInit(
					(observer, channel, remote) -> channel.pipeline().addFirst("benchmarkTls", tls.newHandler(channel.alloc())));
		}
		this.client = client;
	}

	/**
	 * Plain TCP connections.
	 * @param server the plain echo server
	 * @return the endpoint
	 */
	static NettyEndpoint plain(NettyEchoServer server) {
		return new NettyEndpoint(server, null);
	}

	/**
	 * TLS connections.
	 * @param server the TLS echo server
	 * @param tls the client's TLS context
	 * @return the endpoint
	 */
	static NettyEndpoint tls(NettyEchoServer server, SslContext tls) {
		return new NettyEndpoint(server, tls);
	}

	@Override
	public Mono<Link> open() {
		return this.client.connect().flatMap(this::handshake).map(NettyLink::new);
	}

	private Mono<Connection> handshake(Connection connection) {
		if (!this.tls) {
			return Mono.just(connection);
		}
		SslHandler ssl = connection.channel().pipeline().get(SslHandler.class);
		return Mono.<Connection>create((sink) -> ssl.handshakeFuture().addListener((future) -> {
			if (future.isSuccess()) {
				sink.success(connection);
			}
			else {
				connection.dispose();
				sink.error(future.cause());
			}
		})).timeout(HANDSHAKE_TIMEOUT);
	}

	/**
	 * Return the protocol and cipher suite a TLS connection negotiates.
	 * @return for example {@code TLSv1.3 TLS_AES_128_GCM_SHA256}
	 */
	String negotiated() {
		if (!this.tls) {
			return "none";
		}
		Connection connection = this.client.connect().flatMap(this::handshake).block(HANDSHAKE_TIMEOUT);
		try {
			SslHandler ssl = connection.channel().pipeline().get(SslHandler.class);
			return ssl.engine().getSession().getProtocol() + " " + ssl.engine().getSession().getCipherSuite();
		}
		finally {
			connection.disposeNow(HANDSHAKE_TIMEOUT);
		}
	}

	@Override
	public int serverConnections() {
		return this.server.connections();
	}

	/**
	 * One Reactor Netty connection.
	 */
	private static final class NettyLink implements Link {

		private final Connection connection;

		private volatile Consumer<ByteBuf> handler = Handlers.UNEXPECTED;

		NettyLink(Connection connection) {
			this.connection = connection;
			connection.inbound().receive().subscribe((message) -> this.handler.accept(message), (ex) -> {
			});
		}

		@Override
		public void handler(Consumer<ByteBuf> handler) {
			this.handler = handler;
		}

		@Override
		public void send(ByteBuf message, Consumer<Throwable> onError) {
			this.connection.outbound().send(Mono.just(message)).then().subscribe(null, onError);
		}

		@Override
		public Mono<Void> close() {
			return Mono.defer(() -> {
				this.connection.dispose();
				return this.connection.onDispose();
			});
		}

	}

}
