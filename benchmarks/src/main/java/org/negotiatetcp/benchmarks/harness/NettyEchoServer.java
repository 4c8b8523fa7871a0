package org.negotiatetcp.benchmarks.harness;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * The anchors' server: a Reactor Netty TCP echo server, plain or TLS, whose messages carry a 4-byte length prefix
 * (the least framing a message protocol needs; the project's counterpart is the [MC-NMF] sized envelope).
 */
final class NettyEchoServer implements AutoCloseable {

	/** The largest message the anchors frame. */
	static final int MAX_MESSAGE = 1 << 20;

	private final AtomicInteger connections = new AtomicInteger();

	private final DisposableServer server;

	private NettyEchoServer(@Nullable SslContext tls) {
		TcpServer server = TcpServer.create()
			.host("127.0.0.1")
			.port(0)
			.doOnConnection((connection) -> {
				this.connections.incrementAndGet();
				connection.onDispose(this.connections::decrementAndGet);
				framing(connection);
			})
			.handle((in, out) -> out.send(in.receive().retain()));
		if (tls != null) {
			server = server.secure((spec) -> spec.sslContext(tls));
		}
		this.server = server.bindNow(Duration.ofSeconds(30));
	}

	/**
	 * Start a plain echo server.
	 * @return the server
	 */
	static NettyEchoServer plain() {
		return new NettyEchoServer(null);
	}

	/**
	 * Start a TLS echo server.
	 * @param tls the server's TLS context
	 * @return the server
	 */
	static NettyEchoServer tls(SslContext tls) {
		return new NettyEchoServer(tls);
	}

	/**
	 * Add the length-prefix framing to a connection (client or server side).
	 * @param connection the connection
	 */
	static void framing(Connection connection) {
		connection.addHandlerLast("benchmarkFrameDecoder", new LengthFieldBasedFrameDecoder(MAX_MESSAGE, 0, 4, 0, 4))
			.addHandlerLast("benchmarkFramePrepender", new LengthFieldPrepender(4));
	}

	int port() {
		return this.server.port();
	}

	int connections() {
		return this.connections.get();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(10));
	}

}
