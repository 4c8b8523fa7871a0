package org.negotiatetcp.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.channel.DisposableNegotiateServer;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.identity.EndpointIdentity;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;

/**
 * The server side of a channel test, usually an echo server on the via {@code /echo}: binds {@link NegotiateServer}s,
 * records the {@link SecurityInfo} of every session its echo servers accept, and, when closed, disposes of every
 * server still running (waiting up to 5 seconds for open sessions). Declare one per test as an
 * {@code @AutoClose} field.
 */
public final class TestServer implements AutoCloseable {

	private static final Duration DISPOSE_TIMEOUT = Duration.ofSeconds(5);

	private final List<DisposableNegotiateServer> started = new ArrayList<>();

	private final List<SecurityInfo> seen = new CopyOnWriteArrayList<>();

	/**
	 * Return the acceptor settings of a Kerberos-only server (no NTLM, anonymous clients refused).
	 * @param keytab the service keytab
	 * @param principal the service principal, for example {@code host/localhost}, or {@code *} for any in the keytab
	 * @param required the least protection level the server accepts
	 * @return the settings
	 */
	public static AcceptorSettings kerberosAcceptor(Path keytab, String principal,
			ProtectionLevel required) {
		return new AcceptorSettings(KerberosServiceCredentials.load(new ServiceCredential(keytab, principal)), null,
				required, false);
	}

	/**
	 * Return the settings of a server in a mode, on the via {@code /echo}, with the default limits.
	 * @param mode the mode
	 * @param acceptor what the server accepts
	 * @return the settings
	 */
	public static ServerSettings echoSettings(ChannelMode mode, AcceptorSettings acceptor) {
		return new ServerSettings(mode, Set.of("/echo"), acceptor, ChannelLimits.DEFAULTS);
	}

	/**
	 * Return the address of the echo via on a port: {@code net.tcp://localhost:<port>/echo} or
	 * {@code tcp://localhost:<port>}.
	 * @param mode the server's mode
	 * @param port the port
	 * @return the address for {@link NegotiateChannelFactory#open}
	 */
	public static String address(ChannelMode mode, int port) {
		return (mode == ChannelMode.NET_TCP) ? "net.tcp://localhost:" + port + "/echo" : "tcp://localhost:" + port;
	}

	/**
	 * Open a channel, send {@code ping}, read one reply and close the channel.
	 * @param factory the client
	 * @param address the server's address
	 * @return the reply, as UTF-8
	 */
	public static String roundTrip(NegotiateChannelFactory factory, String address) {
		return roundTrip(factory, address, null);
	}

	/**
	 * Open a channel, send {@code ping}, read one reply and close the channel.
	 * @param factory the client
	 * @param address the server's address
	 * @param identity the server's expected identity, or {@code null} to derive it from the address
	 * @return the reply, as UTF-8
	 */
	public static String roundTrip(NegotiateChannelFactory factory, String address,
			@Nullable EndpointIdentity identity) {
		return factory.open(address, identity)
			.flatMap((channel) -> channel.sendBytes("ping".getBytes(StandardCharsets.UTF_8))
				.then(channel.receive().next().map((buf) -> buf.toString(StandardCharsets.UTF_8)))
				.flatMap((reply) -> channel.close().thenReturn(reply)))
			.block(Duration.ofSeconds(30));
	}

	/**
	 * Start an echo server that sends every message back unchanged.
	 * @param mode the mode
	 * @param acceptor what the server accepts
	 * @return the running server
	 */
	public DisposableNegotiateServer echo(ChannelMode mode, AcceptorSettings acceptor) {
		return echo(echoSettings(mode, acceptor));
	}

	/**
	 * Start an echo server that sends every message back unchanged.
	 * @param settings the server's settings
	 * @return the running server
	 */
	public DisposableNegotiateServer echo(ServerSettings settings) {
		return start(echoServer(settings, ByteBuf::retain));
	}

	/**
	 * Return an echo server, not bound yet, that answers every message with {@code reply} of it and records each
	 * session's {@link SecurityInfo} in {@link #seen()}. Customize it, then {@link #start} it.
	 * @param settings the server's settings
	 * @param reply makes the reply from a received message (which is released after the call)
	 * @return the server
	 */
	public NegotiateServer echoServer(ServerSettings settings, UnaryOperator<ByteBuf> reply) {
		return NegotiateServer.create(settings, (channel) -> {
			this.seen.add(channel.securityInfo());
			return channel.send(channel.receive().map(reply));
		});
	}

	/**
	 * Bind a server; {@link #close()} disposes of it.
	 * @param server the server
	 * @return the running server
	 */
	public DisposableNegotiateServer start(NegotiateServer server) {
		DisposableNegotiateServer running = server.bindNow();
		this.started.add(running);
		return running;
	}

	/**
	 * Return the server started last.
	 * @return the running server
	 * @throws IllegalStateException if none was started
	 */
	public DisposableNegotiateServer get() {
		if (this.started.isEmpty()) {
			throw new IllegalStateException("No server started");
		}
		return this.started.get(this.started.size() - 1);
	}

	/**
	 * Return the port of the server started last.
	 * @return the port
	 */
	public int port() {
		return get().port();
	}

	/**
	 * Return the echo via's address on the server started last.
	 * @param mode the server's mode
	 * @return the address
	 * @see #address(ChannelMode, int)
	 */
	public String address(ChannelMode mode) {
		return address(mode, port());
	}

	/**
	 * Return the security of every session the echo servers accepted, in order.
	 * @return the sessions' security (a live, thread-safe list)
	 */
	public List<SecurityInfo> seen() {
		return this.seen;
	}

	@Override
	public void close() {
		for (DisposableNegotiateServer server : this.started) {
			if (!server.isDisposed()) {
				server.disposeNow(DISPOSE_TIMEOUT);
			}
		}
		this.started.clear();
	}

}
