package org.negotiatetcp.channel;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.NettyPipeline;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.tcp.TcpClient;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.identity.EndpointIdentity;
import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.identity.TargetNameResolver;
import org.negotiatetcp.mechanism.InitiatorFactory;
import org.negotiatetcp.mechanism.InitiatorSettings;

/**
 * Opens authenticated channels: the secure TCP channel factory. {@code net.tcp://host[:port]/path} addresses open a
 * WCF {@code net.tcp} session ([MC-NMF] + [MS-NNS], default port 808); {@code tcp://host:port} addresses open a raw
 * NegotiateStream. The target name follows the endpoint identity rules of {@code WS_TCP_SSPI_TRANSPORT_SECURITY_BINDING}
 * ({@link TargetNameResolver}).
 * <p>
 * The settings are captured when a channel opens: a channel is not affected by a later
 * {@link #withSettings(ClientSettings)}.
 */
public final class NegotiateChannelFactory {

	/** Name of the protocol handler in the Netty pipeline. */
	public static final String HANDLER_NAME = NettyPipeline.LEFT + "negotiateClient";

	/** Default port of {@code net.tcp} addresses. */
	public static final int NET_TCP_DEFAULT_PORT = 808;

	private final ClientSettings settings;

	private final InitiatorFactory initiators;

	private final UnaryOperator<TcpClient> customizer;

	/**
	 * Create a factory.
	 * @param settings the client's security binding
	 */
	public NegotiateChannelFactory(ClientSettings settings) {
		this(settings, new InitiatorFactory(), UnaryOperator.identity());
	}

	private NegotiateChannelFactory(ClientSettings settings, InitiatorFactory initiators,
			UnaryOperator<TcpClient> customizer) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.initiators = initiators;
		this.customizer = customizer;
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
		return new NegotiateChannelFactory(settings, this.initiators, this.customizer);
	}

	/**
	 * Return a factory that customizes the Reactor Netty {@link TcpClient} (loop resources, options, metrics).
	 * @param customizer the customizer
	 * @return the factory
	 */
	public NegotiateChannelFactory customize(UnaryOperator<TcpClient> customizer) {
		UnaryOperator<TcpClient> previous = this.customizer;
		return new NegotiateChannelFactory(this.settings, this.initiators,
				(client) -> customizer.apply(previous.apply(client)));
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
		return Mono.defer(() -> {
			URI uri = parse(address);
			boolean netTcp = "net.tcp".equals(uri.getScheme().toLowerCase(Locale.ROOT));
			int port = (uri.getPort() > 0) ? uri.getPort() : (netTcp ? NET_TCP_DEFAULT_PORT : -1);
			if (port <= 0) {
				throw new IllegalArgumentException("Address '" + address + "' has no port; write tcp://host:port");
			}
			TargetName target = TargetNameResolver.resolve(identity, uri);
			ClientSettings snapshot = this.settings;
			InitiatorSettings initiator = new InitiatorSettings(snapshot.authPackage(), target, snapshot.credential(),
					snapshot.requireServerAuth(), snapshot.protection(), snapshot.allowedImpersonation());
			ClientConnectionHandler handler = new ClientConnectionHandler(snapshot, initiator, this.initiators,
					address, netTcp);
			TcpClient client = TcpClient.create(ConnectionProvider.newConnection())
				.host(TargetNameResolver.hostOf(uri))
				.port(port)
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
						(int) Math.min(Integer.MAX_VALUE, snapshot.limits().initializationTimeout().toMillis()))
				.doOnChannelInit((observer, channel, remote) -> channel.pipeline()
					.addBefore(NettyPipeline.ReactiveBridge, HANDLER_NAME, handler));
			return this.customizer.apply(client)
				.connect()
				.onErrorMap((error) -> !(error instanceof NegotiateException),
						(error) -> new NegotiateException(FailureReason.CONNECTION,
								"Cannot connect to " + address + ": " + error.getMessage(), error))
				.flatMap((connection) -> handler.established()
					.doOnCancel(connection::dispose)
					.doOnError((error) -> connection.dispose()));
		});
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
