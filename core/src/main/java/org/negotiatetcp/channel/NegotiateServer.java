package org.negotiatetcp.channel;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.NettyPipeline;
import reactor.netty.tcp.TcpServer;

import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.metrics.NegotiateMetricsRecorder;
import org.negotiatetcp.observation.HandshakeObservationConvention;
import org.negotiatetcp.observation.MessageObservationConvention;
import org.negotiatetcp.observation.NegotiateObservability;

/**
 * A server listener on Reactor Netty: binds, authenticates every connection with [MS-NNS] (inside [MC-NMF] in
 * {@code net.tcp} mode) before any application byte reaches the {@link NegotiateChannelHandler}, and hands the handler
 * each authenticated channel.
 * <pre>{@code
 * DisposableNegotiateServer server = NegotiateServer.create(settings, (channel) -> channel.send(channel.receive().retain()))
 * 	.port(8808)
 * 	.bindNow();
 * }</pre>
 */
public final class NegotiateServer {

	private static final Logger logger = LoggerFactory.getLogger(NegotiateServer.class);

	/** Name of the session handler in the Netty pipeline (see the handlers in front of it in the package docs). */
	public static final String HANDLER_NAME = NettyPipeline.LEFT + "negotiateServer";

	private final ServerSettings settings;

	private final NegotiateChannelHandler handler;

	private final String host;

	private final int port;

	private final UnaryOperator<TcpServer> customizer;

	private final NegotiateObservability observability;

	private NegotiateServer(ServerSettings settings, NegotiateChannelHandler handler, String host, int port,
			UnaryOperator<TcpServer> customizer, NegotiateObservability observability) {
		this.settings = settings;
		this.handler = handler;
		this.host = host;
		this.port = port;
		this.customizer = customizer;
		this.observability = observability;
	}

	/**
	 * Create a server on 127.0.0.1 with a random port.
	 * @param settings what the server accepts
	 * @param handler what it does with each authenticated channel
	 * @return the server, not yet bound
	 */
	public static NegotiateServer create(ServerSettings settings, NegotiateChannelHandler handler) {
		return new NegotiateServer(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(handler, "handler"),
				"127.0.0.1", 0, UnaryOperator.identity(), NegotiateObservability.NONE);
	}

	/**
	 * Return a copy bound to another host or address ({@code 0.0.0.0} for all).
	 * @param host the host
	 * @return the server
	 */
	public NegotiateServer host(String host) {
		return new NegotiateServer(this.settings, this.handler, host, this.port, this.customizer, this.observability);
	}

	/**
	 * Return a copy bound to another port (0 for a random port).
	 * @param port the port
	 * @return the server
	 */
	public NegotiateServer port(int port) {
		return new NegotiateServer(this.settings, this.handler, this.host, port, this.customizer, this.observability);
	}

	/**
	 * Return a copy that customizes the Reactor Netty {@link TcpServer} (loop resources, options, metrics).
	 * @param customizer the customizer, applied after this class's own configuration
	 * @return the server
	 */
	public NegotiateServer customize(UnaryOperator<TcpServer> customizer) {
		UnaryOperator<TcpServer> previous = this.customizer;
		return new NegotiateServer(this.settings, this.handler, this.host, this.port,
				(server) -> customizer.apply(previous.apply(server)), this.observability);
	}

	/**
	 * Return a copy that reports a {@code negotiate.tcp.handshake} observation per handshake and a
	 * {@code negotiate.tcp.message} observation per message to a registry (none by default).
	 * @param registry the registry
	 * @return the server
	 * @see org.negotiatetcp.observation.NegotiateObservationDocumentation
	 */
	public NegotiateServer observationRegistry(ObservationRegistry registry) {
		return observability(this.observability.withObservationRegistry(registry));
	}

	/**
	 * Return a copy whose observations use custom conventions.
	 * @param handshake the handshake convention, or {@code null} for the default
	 * @param message the message convention, or {@code null} for the default
	 * @return the server
	 */
	public NegotiateServer observationConventions(@Nullable HandshakeObservationConvention handshake,
			@Nullable MessageObservationConvention message) {
		return observability(this.observability.withConventions(handshake, message));
	}

	/**
	 * Return a copy that records meters (active channels, bytes, messages, handshake failures) with a recorder, for
	 * example a {@link org.negotiatetcp.metrics.MicrometerNegotiateMetricsRecorder}.
	 * @param recorder the recorder
	 * @return the server
	 */
	public NegotiateServer metricsRecorder(NegotiateMetricsRecorder recorder) {
		return observability(this.observability.withMetricsRecorder(recorder));
	}

	/**
	 * Return a copy that reports observations and meters as configured.
	 * @param observability the observation registry, conventions and metrics recorder
	 * @return the server
	 */
	public NegotiateServer observability(NegotiateObservability observability) {
		return new NegotiateServer(this.settings, this.handler, this.host, this.port, this.customizer,
				Objects.requireNonNull(observability, "observability"));
	}

	/**
	 * Bind.
	 * @return the running server
	 */
	public Mono<DisposableNegotiateServer> bind() {
		ServerContext context = new ServerContext(this.settings);
		ServerPipeline pipeline = new ServerPipeline(this.settings, context, this.handler, this.observability);
		TcpServer server = TcpServer.create()
			.host(this.host)
			.port(this.port)
			.doOnChannelInit((observer, channel, address) -> pipeline.install(channel))
			.handle((in, out) -> Mono.never());
		return this.customizer.apply(server).bind().map((bound) -> {
			logger.info("Negotiate TCP server listening on {} (mode {}, vias {}, packages {}, protection {}, "
					+ "anonymous clients {})", bound.address(), this.settings.mode(),
					this.settings.viaPaths().isEmpty() ? "any" : this.settings.viaPaths(),
					packages(this.settings.acceptor()),
					this.settings.acceptor().requiredProtectionLevel(),
					this.settings.acceptor().allowAnonymousClients() ? "allowed" : "refused");
			if (this.settings.securityMode() == SecurityMode.NONE) {
				logger.warn("Negotiate TCP server on {} runs net.tcp without security (security mode NONE, WCF's"
						+ " SecurityMode.None): messages are neither authenticated nor encrypted, every client is"
						+ " anonymous, and clients asking for Windows security are refused", bound.address());
			}
			return new Running(bound, context);
		});
	}

	private static String packages(AcceptorSettings acceptor) {
		StringBuilder packages = new StringBuilder();
		if (acceptor.kerberos() != null) {
			String principal = acceptor.kerberos().serviceCredential().principal();
			packages.append("kerberos as ").append((principal != null) ? principal : "any principal in the keytab");
		}
		if (acceptor.ntlmAccounts() != null) {
			packages.append((packages.length() > 0) ? ", " : "").append("ntlm");
		}
		return (packages.length() > 0) ? packages.toString() : "none";
	}

	/**
	 * Bind and wait.
	 * @return the running server
	 */
	public DisposableNegotiateServer bindNow() {
		DisposableNegotiateServer server = bind().block(Duration.ofSeconds(45));
		if (server == null) {
			throw new IllegalStateException("Server did not bind");
		}
		return server;
	}

	private record Running(DisposableServer server, ServerContext context) implements DisposableNegotiateServer {

		@Override
		public InetSocketAddress address() {
			return (InetSocketAddress) this.server.address();
		}

		@Override
		public int activeSessions() {
			return this.context.activeSessions();
		}

		@Override
		public int pendingHandshakes() {
			return this.context.pendingHandshakes();
		}

		@Override
		public void disposeNow(Duration timeout) {
			shutdownGracefully(timeout).block();
		}

		@Override
		public Mono<Void> shutdownGracefully(Duration timeout) {
			return Mono.defer(() -> {
				this.server.dispose();
				return this.context.drain()
					.timeout(timeout,
							Mono.fromRunnable(() -> logger.warn("Closing {} sessions that did not end within {}",
									this.context.activeSessions(), timeout)))
					.then(this.context.closeAll())
					.then(this.server.onDispose());
			});
		}

		@Override
		public Mono<Void> onDispose() {
			return this.server.onDispose();
		}

		@Override
		public void dispose() {
			this.server.dispose();
		}

		@Override
		public boolean isDisposed() {
			return this.server.isDisposed();
		}

	}

}
