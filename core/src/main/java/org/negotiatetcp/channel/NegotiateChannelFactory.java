package org.negotiatetcp.channel;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.NettyPipeline;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.tcp.TcpClient;
import reactor.netty.transport.AddressUtils;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.ChannelSide;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.identity.EndpointIdentity;
import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.identity.TargetNameResolver;
import org.negotiatetcp.mechanism.InitiatorSettings;
import org.negotiatetcp.mechanism.spnego.InitiatorFactory;
import org.negotiatetcp.metrics.NegotiateMetricsRecorder;
import org.negotiatetcp.observation.HandshakeObservationConvention;
import org.negotiatetcp.observation.MessageObservationConvention;
import org.negotiatetcp.observation.NegotiateObservability;
import org.negotiatetcp.observation.NegotiateObservationContext;

/**
 * Opens authenticated channels: the secure TCP channel factory. {@code net.tcp://host[:port]/path} addresses open a
 * WCF {@code net.tcp} session ([MC-NMF] + [MS-NNS], default port 808); {@code tcp://host:port} addresses open a raw
 * NegotiateStream. The target name follows the endpoint identity rules of {@code WS_TCP_SSPI_TRANSPORT_SECURITY_BINDING}
 * ({@link TargetNameResolver}).
 * <p>
 * The settings are captured when a channel opens: a channel is not affected by a later
 * {@link #withSettings(ClientSettings)}.
 * <p>
 * By default every channel has its own TCP connection, closed when the channel closes. With
 * {@link #withConnectionPool(ConnectionPoolSettings)} the factory pools {@code net.tcp} connections the way WCF does:
 * after {@link NegotiateChannel#close()} has exchanged End records cleanly, the still-open connection waits idle in
 * the pool, and the next {@link #open} to the same host and port sends a new clear-text preamble and runs a new
 * handshake on it (with that open's settings). {@link #dispose()} closes the idle connections.
 * <p>
 * The public entry point of the client: most of its length is the documentation of its configuration methods; the
 * work of a channel is in the handlers {@link ClientHandlers} installs.
 */
public final class NegotiateChannelFactory implements Disposable, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(NegotiateChannelFactory.class);

	/** Name of the session handler in the Netty pipeline. */
	public static final String HANDLER_NAME = NettyPipeline.LEFT + "negotiateClient";

	/** Default port of {@code net.tcp} addresses. */
	public static final int NET_TCP_DEFAULT_PORT = 808;

	/** The handlers a new connection gets, handed from {@link #open} to the channel initializer. */
	private static final AttributeKey<ClientHandlers> HANDLERS = AttributeKey
		.valueOf(NegotiateChannelFactory.class, "handlers");

	private final ClientSettings settings;

	private final InitiatorFactory initiators;

	private final UnaryOperator<TcpClient> customizer;

	private final NegotiateObservability observability;

	private final @Nullable ClientConnectionPool pool;

	/** Built at the first open of this factory; each open only adds its address and handlers. */
	private volatile @Nullable TcpClient client;

	/**
	 * Create a factory.
	 * @param settings the client's security binding
	 */
	public NegotiateChannelFactory(ClientSettings settings) {
		this(settings, new InitiatorFactory(), UnaryOperator.identity(), NegotiateObservability.NONE, null);
	}

	private NegotiateChannelFactory(ClientSettings settings, InitiatorFactory initiators,
			UnaryOperator<TcpClient> customizer, NegotiateObservability observability,
			@Nullable ClientConnectionPool pool) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.initiators = initiators;
		this.customizer = customizer;
		this.observability = observability;
		this.pool = pool;
	}

	/**
	 * Return this factory's {@code TcpClient}, built (and the customizers applied) once, at the first open: a factory
	 * derived on the way to the one that opens channels never builds one.
	 */
	private TcpClient tcpClient() {
		TcpClient built = this.client;
		if (built == null) {
			synchronized (this) {
				built = this.client;
				if (built == null) {
					built = buildTcpClient();
					this.client = built;
				}
			}
		}
		return built;
	}

	private TcpClient buildTcpClient() {
		NegotiateMetricsRecorder metrics = this.observability.metricsRecorder();
		TcpClient base = TcpClient.create(ConnectionProvider.newConnection())
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
					(int) Math.min(Integer.MAX_VALUE, this.settings.limits().initializationTimeout().toMillis()))
			.doOnChannelInit((observer, channel, remote) -> {
				ClientHandlers handlers = channel.attr(HANDLERS).getAndSet(null);
				if (handlers == null) {
					return;
				}
				handlers.addBefore(channel.pipeline(), NettyPipeline.ReactiveBridge);
				if (metrics != NegotiateMetricsRecorder.NONE) {
					channel.pipeline()
						.addBefore(NegotiateStreamHandler.NAME, ByteCountingHandler.NAME,
								new ByteCountingHandler(metrics, ChannelSide.CLIENT));
				}
			});
		return this.customizer.apply(base);
	}

	/**
	 * Return the settings new channels are opened with.
	 * @return the settings
	 */
	public ClientSettings settings() {
		return this.settings;
	}

	/**
	 * Return a factory with other settings that shares this factory's Kerberos logins.
	 * @param settings the settings
	 * @return the factory
	 */
	public NegotiateChannelFactory withSettings(ClientSettings settings) {
		return new NegotiateChannelFactory(settings, this.initiators, this.customizer, this.observability, this.pool);
	}

	/**
	 * Return a factory (sharing this one's Kerberos logins) that pools {@code net.tcp} connections like WCF's client
	 * connection pool. When a {@code net.tcp} channel of the returned factory closes after a clean End/End exchange,
	 * its TCP connection is kept open and idle for up to {@link ConnectionPoolSettings#idleTimeout()} instead of
	 * being closed; an {@link #open} to the same host and port takes it, sends a brand-new [MC-NMF] preamble (with
	 * its own via) and runs a new [MS-NNS] handshake with the settings of the factory it is called on. A channel
	 * that failed, was cancelled or is in raw mode always closes its connection. If a pooled connection turns out
	 * to be closed by the server before any byte of the new session arrived, the open retries once on a new
	 * connection.
	 * <p>
	 * Factories derived from the returned one ({@link #withSettings}, {@link #customize}, observability) share its
	 * pool; connections are only reused by factories with the same {@link #customize customizer} and metrics
	 * recorder, because those configure the connection itself. {@link #dispose()} on any of them closes the idle
	 * connections and ends pooling. Pooling is off by default.
	 * @param settings the idle timeout and the most idle connections per endpoint, for example
	 * {@link ConnectionPoolSettings#DEFAULTS}
	 * @return the factory, with a new, empty pool
	 */
	public NegotiateChannelFactory withConnectionPool(ConnectionPoolSettings settings) {
		return new NegotiateChannelFactory(this.settings, this.initiators, this.customizer, this.observability,
				new ClientConnectionPool(Objects.requireNonNull(settings, "settings")));
	}

	/**
	 * Return the settings of this factory's connection pool.
	 * @return the settings, or {@code null} if connections are not pooled
	 */
	public @Nullable ConnectionPoolSettings connectionPool() {
		ClientConnectionPool current = this.pool;
		return (current != null) ? current.settings() : null;
	}

	/**
	 * Close the idle pooled connections and stop pooling: channels that close later close their connections. Open
	 * channels are not affected, and {@link #open} still works, on new connections. Does nothing without a pool.
	 */
	@Override
	public void dispose() {
		ClientConnectionPool current = this.pool;
		if (current != null) {
			current.dispose();
		}
	}

	/**
	 * Whether the connection pool was disposed.
	 * @return {@code true} once {@link #dispose()} was called on a pooling factory
	 */
	@Override
	public boolean isDisposed() {
		ClientConnectionPool current = this.pool;
		return current != null && current.isDisposed();
	}

	/**
	 * Same as {@link #dispose()}.
	 */
	@Override
	public void close() {
		dispose();
	}

	/**
	 * Return how many idle connections the pool holds (for tests).
	 * @return the count, 0 without a pool
	 */
	int idleConnections() {
		ClientConnectionPool current = this.pool;
		return (current != null) ? current.size() : 0;
	}

	/**
	 * Return a factory that customizes the Reactor Netty {@link TcpClient} (loop resources, options, metrics). The
	 * customizers run once per factory, when its first channel opens; the address each channel connects to is the one
	 * given to {@link #open}.
	 * @param customizer the customizer
	 * @return the factory
	 */
	public NegotiateChannelFactory customize(UnaryOperator<TcpClient> customizer) {
		UnaryOperator<TcpClient> previous = this.customizer;
		return new NegotiateChannelFactory(this.settings, this.initiators,
				(client) -> customizer.apply(previous.apply(client)), this.observability, this.pool);
	}

	/**
	 * Return a factory (sharing this one's Kerberos logins) that reports a {@code negotiate.tcp.handshake}
	 * observation per channel and a {@code negotiate.tcp.message} observation per message to a registry (none by
	 * default). The handshake observation's parent is the observation in the Reactor context of the {@link #open}
	 * subscriber, if any.
	 * @param registry the registry
	 * @return the factory
	 * @see org.negotiatetcp.observation.NegotiateObservationDocumentation
	 */
	public NegotiateChannelFactory observationRegistry(ObservationRegistry registry) {
		return observability(this.observability.withObservationRegistry(registry));
	}

	/**
	 * Return a factory whose observations use custom conventions.
	 * @param handshake the handshake convention, or {@code null} for the default
	 * @param message the message convention, or {@code null} for the default
	 * @return the factory
	 */
	public NegotiateChannelFactory observationConventions(@Nullable HandshakeObservationConvention handshake,
			@Nullable MessageObservationConvention message) {
		return observability(this.observability.withConventions(handshake, message));
	}

	/**
	 * Return a factory that records meters (active channels, bytes, messages, handshake failures) with a recorder,
	 * for example a {@link org.negotiatetcp.metrics.MicrometerNegotiateMetricsRecorder}.
	 * @param recorder the recorder
	 * @return the factory
	 */
	public NegotiateChannelFactory metricsRecorder(NegotiateMetricsRecorder recorder) {
		return observability(this.observability.withMetricsRecorder(recorder));
	}

	/**
	 * Return a factory that reports observations and meters as configured.
	 * @param observability the observation registry, conventions and metrics recorder
	 * @return the factory
	 */
	public NegotiateChannelFactory observability(NegotiateObservability observability) {
		return new NegotiateChannelFactory(this.settings, this.initiators, this.customizer,
				Objects.requireNonNull(observability, "observability"), this.pool);
	}

	/**
	 * Return the seconds left before the Kerberos ticket-granting ticket of the current settings' credential expires
	 * (for a credential-expiry gauge, see {@link org.negotiatetcp.metrics.CredentialLifetimeMetrics}).
	 * @return the remaining lifetime in seconds, or -1 before the first channel logged in
	 */
	public int credentialRemainingLifetime() {
		return this.initiators.remainingLifetime(this.settings.credential());
	}

	/**
	 * Open a channel to an address with no endpoint identity: the target is {@code host/<host of the address>}.
	 * @param address {@code net.tcp://host[:port]/path} or {@code tcp://host:port}
	 * @return the channel once authenticated
	 */
	public Mono<NegotiateChannel> open(String address) {
		return open(address, null);
	}

	/**
	 * Open a channel.
	 * @param address {@code net.tcp://host[:port]/path} or {@code tcp://host:port}
	 * @param identity the expected server identity, or {@code null} for {@code host/<host>}
	 * @return the channel once authenticated; fails with a {@link NegotiateException} saying what went wrong
	 */
	public Mono<NegotiateChannel> open(String address, @Nullable EndpointIdentity identity) {
		return Mono.deferContextual((reactorContext) -> {
			URI uri = parse(address);
			boolean netTcp = "net.tcp".equals(uri.getScheme().toLowerCase(Locale.ROOT));
			int port = (uri.getPort() > 0) ? uri.getPort() : (netTcp ? NET_TCP_DEFAULT_PORT : -1);
			if (port <= 0) {
				throw new IllegalArgumentException("Address '" + address + "' has no port; write tcp://host:port");
			}
			TargetName target = TargetNameResolver.resolve(identity, uri);
			ClientSettings snapshot = this.settings;
			InitiatorSettings initiator = new InitiatorSettings(snapshot.authPackage(), target, snapshot.credential(),
					snapshot.requireServerAuth(), snapshot.protectionLevel(), snapshot.allowedImpersonation(),
					snapshot.delegationPolicy());
			// Micrometer's ObservationThreadLocalAccessor.KEY: the caller's observation, if any
			Observation parent = reactorContext.getOrDefault("micrometer.observation", null);
			ChannelObservations observations = ChannelObservations.of(this.observability, ChannelSide.CLIENT,
					netTcp ? ChannelMode.NET_TCP : ChannelMode.RAW, address, parent);
			observations.endpoint(reactorContext.getOrDefault(NegotiateObservationContext.ENDPOINT_CONTEXT_KEY, null));
			String host = TargetNameResolver.hostOf(uri);
			ClientConnectionPool connections = netTcp ? this.pool : null;
			ClientConnectionPool.Endpoint endpoint = new ClientConnectionPool.Endpoint(host, port,
					List.of(this.customizer, this.observability.metricsRecorder()));
			ConnectionRecycler recycler = (connections != null) ? new ConnectionRecycler(connections, endpoint) : null;
			// one observations per open: a retry after a stale pooled connection continues its handshake observation
			Supplier<ClientHandlers> handlers = () -> ClientHandlers.create(snapshot, initiator, this.initiators,
					address, netTcp, observations, recycler);
			Mono<NegotiateChannel> connect = Mono.defer(() -> connect(address, host, port, handlers.get(),
					observations));
			if (connections == null) {
				return connect;
			}
			return Mono.defer(() -> {
				ClientConnectionPool.IdleConnection idle = connections.acquire(endpoint);
				if (idle == null) {
					return connect;
				}
				return handlers.get().reuse(idle).onErrorResume(StaleConnectionException.class, (stale) -> {
					logger.debug("{}; retrying on a new connection", stale.getMessage());
					return connect;
				});
			});
		});
	}

	private Mono<NegotiateChannel> connect(String address, String host, int port, ClientHandlers handlers,
			ChannelObservations observations) {
		SocketAddress remote = AddressUtils.createUnresolved(host, port);
		return tcpClient().remoteAddress(() -> remote)
			.attr(HANDLERS, handlers)
			.connect()
			// Reactor Netty's connection observer keeps the connect sink, and the sink its subscriber, for as long as
			// the connection lives: detach so that the open's operators and what they captured are not kept with it
			.onTerminateDetach()
			.onErrorMap((error) -> !(error instanceof NegotiateException),
					(error) -> new NegotiateException(FailureReason.CONNECTION,
							"Cannot connect to " + address + ": " + error.getMessage(), error))
			.doOnError((error) -> observations.connectFailed(InetSocketAddress.createUnresolved(host, port),
					error))
			.flatMap((connection) -> handlers.session()
				.established()
				.doOnCancel(connection::dispose)
				.doOnError((error) -> connection.dispose()));
	}

	private static URI parse(String address) {
		URI uri;
		try {
			uri = URI.create(address);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Address '" + address + "' is not a URI: " + ex.getMessage(), ex);
		}
		String scheme = uri.getScheme();
		if (scheme == null || !(scheme.equalsIgnoreCase("net.tcp") || scheme.equalsIgnoreCase("tcp"))) {
			throw new IllegalArgumentException("Address '" + address + "' must start with net.tcp:// (WCF net.tcp) "
					+ "or tcp:// (raw NegotiateStream)");
		}
		return uri;
	}

}
