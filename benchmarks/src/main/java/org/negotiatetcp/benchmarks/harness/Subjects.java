package org.negotiatetcp.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Flux;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.DisposableNegotiateServer;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.GssMechanismContext;
import org.negotiatetcp.mechanism.kerberos.KerberosClientCredentials;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.test.kdc.EmbeddedKdc;

/**
 * Everything under test, set up once for the whole run: the embedded KDC, the echo servers (plain, TLS, the
 * project's), the endpoints, and the context pairs of the wrap+unwrap anchors.
 */
final class Subjects implements AutoCloseable {

	static final String SERVICE = "host/localhost";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final Path directory;

	private final EmbeddedKdc kdc;

	final SelfSignedTls tls;

	final NettyEndpoint plain;

	final NettyEndpoint tlsEndpoint;

	final ProjectEndpoint kerberos;

	final ProjectEndpoint kerberosSign;

	final ProjectEndpoint ntlm;

	final BareJgss jgss;

	final BareJgss.Pair jgssPair;

	final GssMechanismContext ownClient;

	final GssMechanismContext ownServer;

	Subjects() {
		try {
			this.directory = Files.createTempDirectory("negotiate-benchmarks");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot create a temporary directory: " + ex, ex);
		}
		this.kdc = EmbeddedKdc.start();
		this.resources.add(this.kdc);
		Path serviceKeytab = this.kdc.keytab("service.keytab", SERVICE);
		Path clientKeytab = this.kdc.keytab("client.keytab", "alice");
		KerberosServiceCredentials service = KerberosServiceCredentials
			.load(new ServiceCredential(serviceKeytab, SERVICE));
		ClientCredential alice = new ClientCredential.Keytab("alice", clientKeytab);

		this.tls = SelfSignedTls.generate(this.directory);
		NettyEchoServer plainServer = NettyEchoServer.plain();
		this.resources.add(plainServer);
		NettyEchoServer tlsServer = NettyEchoServer.tls(this.tls.server());
		this.resources.add(tlsServer);
		this.plain = NettyEndpoint.plain(plainServer);
		this.tlsEndpoint = NettyEndpoint.tls(tlsServer, this.tls.client());

		AcceptorSettings acceptor = new AcceptorSettings(service,
				new InMemoryNtlmAccountStore().add("EXAMPLE", "bob", "bob-pw1".toCharArray()), ProtectionLevel.SIGN,
				false);
		// the idle-channel measurement opens 16 at once from 127.0.0.1
		ChannelLimits limits = ChannelLimits.DEFAULTS.withMaxPendingHandshakesPerAddress(64)
			.withMaxPendingHandshakes(256);
		DisposableNegotiateServer server = NegotiateServer
			.create(new ServerSettings(ChannelMode.NET_TCP, Set.of("/bench"), acceptor, limits),
					(channel) -> channel.send(channel.receive().map(ByteBuf::retain)))
			.bindNow();
		this.resources.add(() -> server.disposeNow(Duration.ofSeconds(10)));
		String address = "net.tcp://localhost:" + server.port() + "/bench";
		this.kerberos = project(ClientSettings.of(alice), address, server);
		this.kerberosSign = project(ClientSettings.of(alice).withProtectionLevel(ProtectionLevel.SIGN), address,
				server);
		this.ntlm = project(ClientSettings.of(new ClientCredential.Password("EXAMPLE\\bob", "bob-pw1".toCharArray()))
			.withAuthPackage(AuthPackage.NTLM)
			.withRequireServerAuth(false), address, server);

		KerberosClientCredentials login = new KerberosClientCredentials(alice);
		this.jgss = new BareJgss(login.credential(), login.subject(), service.credential(),
				this.kdc.principal(SERVICE));
		this.jgssPair = this.jgss.establish();
		this.ownClient = GssMechanismContext.initiator(login, TargetName.spn(SERVICE), true,
				ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION);
		this.ownServer = GssMechanismContext.acceptor(service, true);
		establishOwn();
	}

	private ProjectEndpoint project(ClientSettings settings, String address, DisposableNegotiateServer server) {
		NegotiateChannelFactory factory = new NegotiateChannelFactory(settings);
		this.resources.add(factory);
		return new ProjectEndpoint(factory, address, server);
	}

	private void establishOwn() {
		byte[] token = this.ownClient.step(null);
		while (!this.ownClient.isEstablished() || !this.ownServer.isEstablished()) {
			byte[] reply = this.ownServer.step(token);
			if (!this.ownClient.isEstablished()) {
				token = this.ownClient.step(reply);
			}
		}
		// the first token of each direction goes through JGSS; the project's own tokens follow
		ownWrapUnwrap(new byte[16]);
		byte[] reply = this.ownServer.wrap(new byte[1], 0, 1, true);
		this.ownClient.unwrap(reply, 0, reply.length);
	}

	/**
	 * Whether the project protects messages with its own RFC 4121 code on the wrap+unwrap pair (false when JGSS is
	 * forced or the encryption type is not one it implements).
	 * @return {@code true} for the project's own protection
	 */
	boolean ownProtection() {
		return this.ownClient.ownProtection() != null;
	}

	/**
	 * Wrap on the project's initiator, unwrap on its acceptor.
	 * @param message the message
	 * @return the unwrapped length
	 */
	int ownWrapUnwrap(byte[] message) {
		byte[] token = this.ownClient.wrap(message, 0, message.length, true);
		return this.ownServer.unwrap(token, 0, token.length).length;
	}

	/**
	 * Open connections to an endpoint.
	 * @param endpoint the endpoint
	 * @param count how many
	 * @return the connections
	 */
	static List<Link> open(Endpoint endpoint, int count) {
		List<Link> links = Flux.range(0, count).concatMap((i) -> endpoint.open()).collectList().block(TIMEOUT);
		if (links == null || links.size() != count) {
			throw new IllegalStateException("Could not open " + count + " connections");
		}
		return links;
	}

	/**
	 * Close connections.
	 * @param links the connections
	 */
	static void close(List<Link> links) {
		Flux.fromIterable(links).flatMap(Link::close).then().block(TIMEOUT);
	}

	@Override
	public void close() {
		this.jgssPair.dispose();
		this.ownClient.close();
		this.ownServer.close();
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			try {
				this.resources.get(i).close();
			}
			catch (Exception ex) {
				System.err.println("Closing " + this.resources.get(i) + ": " + ex);
			}
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			System.err.println("Cannot delete " + this.directory + ": " + ex);
		}
	}

}
