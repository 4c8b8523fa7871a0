package org.negotiatetcp.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Flux;

import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.DisposableNegotiateServer;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.test.kdc.EmbeddedKdc;

/**
 * End-to-end speed over loopback with an embedded KDC: request/response round trips of a net.tcp channel (Kerberos or
 * NTLM, encrypt-and-sign or sign) and the cost of a whole handshake. Run with
 * {@code ./mvnw -q -pl core -Pbenchmark test-compile exec:exec}; the report goes to
 * {@code core/target/jmh-result.json} and the {@code gc} profiler adds bytes allocated per operation.
 */
@State(Scope.Benchmark)
public class ChannelBenchmark {

	@Param({ "KERBEROS", "NTLM" })
	public AuthPackage mechanism;

	@Param({ "ENCRYPT_AND_SIGN", "SIGN" })
	public ProtectionLevel protection;

	@Param({ "1024", "60000" })
	public int size;

	private EmbeddedKdc kdc;

	private DisposableNegotiateServer server;

	private NegotiateChannelFactory factory;

	private NegotiateChannel channel;

	private String address;

	private byte[] payload;

	@Setup(Level.Trial)
	public void setUp() {
		this.kdc = EmbeddedKdc.start();
		Path serviceKeytab = this.kdc.keytab("service.keytab", "host/localhost");
		Path clientKeytab = this.kdc.keytab("client.keytab", "alice");
		AcceptorSettings acceptor = new AcceptorSettings(
				KerberosServiceCredentials.load(new ServiceCredential(serviceKeytab, "host/localhost")),
				new InMemoryNtlmAccountStore().add("EXAMPLE", "bob", "bob-pw1".toCharArray()), ProtectionLevel.SIGN,
				false);
		this.server = NegotiateServer.create(new ServerSettings(ChannelMode.NET_TCP, Set.of("/bench"), acceptor,
				ChannelLimits.DEFAULTS), (ch) -> ch.send(ch.receive().map(ByteBuf::retain))).bindNow();
		ClientCredential credential = (this.mechanism == AuthPackage.NTLM)
				? new ClientCredential.Password("EXAMPLE\\bob", "bob-pw1".toCharArray())
				: new ClientCredential.Keytab("alice", clientKeytab);
		this.factory = new NegotiateChannelFactory(ClientSettings.of(credential)
			.withAuthPackage(this.mechanism)
			.withRequireServerAuth(this.mechanism != AuthPackage.NTLM)
			.withProtectionLevel(this.protection));
		this.address = "net.tcp://localhost:" + this.server.port() + "/bench";
		this.channel = this.factory.open(this.address).block(Duration.ofSeconds(30));
		this.payload = new byte[this.size];
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.channel.close().block(Duration.ofSeconds(10));
		this.server.disposeNow(Duration.ofSeconds(10));
		this.kdc.close();
	}

	/**
	 * One message to the echo server and its echo back.
	 * @return the echo's length
	 */
	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	public int roundTrip() {
		Integer length = this.channel.send(Flux.just(Unpooled.wrappedBuffer(this.payload)))
			.then(this.channel.receive().next().map(ByteBuf::readableBytes))
			.block(Duration.ofSeconds(10));
		return (length != null) ? length : -1;
	}

	/**
	 * A whole channel: connect, preamble, handshake, preamble acknowledgement, End/End.
	 * @return whether the channel opened
	 */
	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	public boolean openAndClose() {
		NegotiateChannel opened = this.factory.open(this.address).block(Duration.ofSeconds(30));
		opened.close().block(Duration.ofSeconds(10));
		return opened.securityInfo() != null;
	}

}
