package org.negotiatetcp.faults;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.DisposableNegotiateServer;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.framing.ClientPreambleStateMachine;
import org.negotiatetcp.framing.EndRecord;
import org.negotiatetcp.framing.NmfRecord;
import org.negotiatetcp.framing.NmfRecordDecoder;
import org.negotiatetcp.framing.PreambleAckRecord;
import org.negotiatetcp.framing.PreambleEndRecord;
import org.negotiatetcp.framing.SizedEnvelopeRecord;
import org.negotiatetcp.framing.UpgradeRequestRecord;
import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.mechanism.kerberos.GssMechanismContext;
import org.negotiatetcp.mechanism.kerberos.KerberosClientCredentials;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.stream.HandshakeMessage;
import org.negotiatetcp.stream.HandshakeMessageId;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.SocketPeer;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Peers that reset the connection (an RST: SO_LINGER 0, as a crashed process or an aborting peer sends) in the
 * middle of the handshake, in the middle of a data frame and during the End/End exchange, on both sides: our server
 * against a raw socket client, our client against a raw socket server that speaks [MC-NMF] and [MS-NNS] with a JGSS
 * acceptor. And peers that fall silent without a FIN (half-open connections), which the server's receive and
 * initialization timeouts and the client's initialization timeout close. Each ends with a clear error to the
 * application, never a hang; the server keeps serving; no buffer leaks (PARANOID). WCF behaves alike: a reset
 * surfaces as a {@code CommunicationException} to the call, the service host keeps listening.
 */
class PeerResetTests {

	private static final Duration BLOCK = Duration.ofSeconds(60);

	@AutoClose
	private static EmbeddedRealm realm;

	private static KerberosClientCredentials aliceCredentials;

	@AutoClose
	private final TestServer server = new TestServer();

	private final ExecutorService rawServers = Executors.newSingleThreadExecutor();

	/** How the server handler's {@code receive()} ended: empty when it completed, the error when it failed. */
	private final CompletableFuture<Optional<Throwable>> handlerReceiveEnded = new CompletableFuture<>();

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
		aliceCredentials = new KerberosClientCredentials(realm.alice());
	}

	@AfterEach
	void stopRawServers() {
		this.rawServers.shutdownNow();
	}

	// --- our server, a raw socket client -------------------------------------------------------------------------

	private DisposableNegotiateServer startServer(ChannelLimits limits) {
		return this.server.start(NegotiateServer.create(
				new ServerSettings(ChannelMode.NET_TCP, Set.of("/echo"),
						realm.acceptor(ProtectionLevel.ENCRYPT_AND_SIGN), limits),
				(channel) -> channel.send(channel.receive()
					.doOnError((ex) -> this.handlerReceiveEnded.complete(Optional.of(ex)))
					.doOnComplete(() -> this.handlerReceiveEnded.complete(Optional.empty()))
					.map(ByteBuf::retain))));
	}

	private String via() {
		return "net.tcp://localhost:" + this.server.port() + "/echo";
	}

	private static GssMechanismContext aliceInitiator() {
		return GssMechanismContext.initiator(aliceCredentials.credential(), TargetName.spn("host/localhost"), true,
				ProtectionLevel.ENCRYPT_AND_SIGN, ImpersonationLevel.IDENTIFICATION);
	}

	/**
	 * Preamble, upgrade, Kerberos handshake and PreambleEnd/PreambleAck by hand: the session is open.
	 */
	private SocketPeer openSessionByHand(GssMechanismContext initiator) {
		SocketPeer peer = SocketPeer.connect(this.server.port()).timeout(30_000);
		peer.write(preambleWithUpgrade(via()));
		assertThat(peer.read(1)).containsExactly(0x0A);
		peer.write(bytes(HandshakeMessage.inProgress(initiator.step(null))));
		HandshakeMessage done = readHandshake(peer);
		assertThat(done.id()).isEqualTo(HandshakeMessageId.HANDSHAKE_DONE);
		initiator.step(done.payload());
		peer.write(secure(initiator, bytes(PreambleEndRecord.INSTANCE)));
		assertThat(readSecureRecord(peer, initiator)).isEqualTo(PreambleAckRecord.INSTANCE);
		return peer;
	}

	private void assertServerIdleAndStillServing() {
		awaitCondition(() -> this.server.get().activeSessions() == 0 && this.server.get().pendingHandshakes() == 0);
		assertThat(TestServer.roundTrip(new NegotiateChannelFactory(ClientSettings.of(realm.alice())), via()))
			.as("the server keeps serving").isEqualTo("ping");
	}

	private Optional<Throwable> handlerReceiveEnded() throws Exception {
		return this.handlerReceiveEnded.get(30, TimeUnit.SECONDS);
	}

	@Test
	void clientResetMidHandshakeLeavesTheServerServing() {
		startServer(ChannelLimits.DEFAULTS);
		try (GssMechanismContext initiator = aliceInitiator()) {
			SocketPeer peer = SocketPeer.connect(this.server.port()).timeout(30_000);
			peer.write(preambleWithUpgrade(via()));
			assertThat(peer.read(1)).containsExactly(0x0A);
			byte[] handshake = bytes(HandshakeMessage.inProgress(initiator.step(null)));
			peer.write(java.util.Arrays.copyOf(handshake, handshake.length / 2));
			peer.reset();
		}
		awaitCondition(() -> this.server.get().pendingHandshakes() == 0);
		assertThat(this.handlerReceiveEnded).as("the handler never ran for an unauthenticated peer").isNotDone();
		assertServerIdleAndStillServing();
	}

	@Test
	void clientResetMidDataFrameFailsTheHandlersReceiveAndLeavesTheServerServing() throws Exception {
		startServer(ChannelLimits.DEFAULTS);
		try (GssMechanismContext initiator = aliceInitiator()) {
			SocketPeer peer = openSessionByHand(initiator);
			byte[] frame = secure(initiator, bytes(new SizedEnvelopeRecord(Unpooled.wrappedBuffer(new byte[4000]))));
			peer.write(java.util.Arrays.copyOf(frame, frame.length / 2));
			peer.reset();
		}
		assertThat(handlerReceiveEnded()).as("the handler learns the session failed, not that it ended")
			.hasValueSatisfying((ex) -> assertThat(ex).isInstanceOf(NegotiateException.class));
		assertServerIdleAndStillServing();
	}

	@Test
	void clientResetDuringEndEndEndsTheSessionAndLeavesTheServerServing() throws Exception {
		startServer(ChannelLimits.DEFAULTS);
		try (GssMechanismContext initiator = aliceInitiator()) {
			SocketPeer peer = openSessionByHand(initiator);
			peer.write(secure(initiator, bytes(EndRecord.INSTANCE)));
			peer.reset();
		}
		assertThat(handlerReceiveEnded()).as("the client's End arrived whole: the session ended").isEmpty();
		assertServerIdleAndStillServing();
	}

	@Test
	void halfOpenClientSilentMidDataFrameIsClosedByTheReceiveTimeout() throws Exception {
		startServer(ChannelLimits.DEFAULTS.withReceiveTimeout(Duration.ofMillis(500)));
		try (GssMechanismContext initiator = aliceInitiator()) {
			SocketPeer peer = openSessionByHand(initiator);
			byte[] frame = secure(initiator, bytes(new SizedEnvelopeRecord(Unpooled.wrappedBuffer(new byte[4000]))));
			peer.write(java.util.Arrays.copyOf(frame, frame.length / 2));
			// no FIN, no more bytes: the server must give up on its own
			peer.readUntilClosed();
			peer.close();
		}
		assertThat(handlerReceiveEnded()).as("the handler's receive ends").isNotNull();
		assertServerIdleAndStillServing();
	}

	@Test
	void halfOpenClientSilentMidHandshakeIsClosedByTheInitializationTimeout() {
		startServer(ChannelLimits.DEFAULTS.withInitializationTimeout(Duration.ofMillis(500)));
		try (GssMechanismContext initiator = aliceInitiator();
				SocketPeer peer = SocketPeer.connect(this.server.port()).timeout(30_000)) {
			peer.write(preambleWithUpgrade(via()));
			assertThat(peer.read(1)).containsExactly(0x0A);
			byte[] handshake = bytes(HandshakeMessage.inProgress(initiator.step(null)));
			peer.write(java.util.Arrays.copyOf(handshake, handshake.length / 2));
			peer.readUntilClosed();
		}
		assertServerIdleAndStillServing();
	}

	// --- our client, a raw socket server -------------------------------------------------------------------------

	private static NegotiateChannelFactory kerberosClient(ChannelLimits limits) {
		return new NegotiateChannelFactory(
				ClientSettings.of(realm.alice()).withAuthPackage(AuthPackage.KERBEROS).withLimits(limits));
	}

	/**
	 * A raw server on a free port that runs a script on the first connection it accepts.
	 */
	private RawServer rawServer(RawScript script) {
		try {
			ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
			Future<?> done = this.rawServers.submit(() -> {
				try (listener; Socket socket = listener.accept()) {
					socket.setSoTimeout(30_000);
					script.run(socket, new DataInputStream(socket.getInputStream()), socket.getOutputStream());
				}
				return null;
			});
			return new RawServer(listener.getLocalPort(), done);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record RawServer(int port, Future<?> done) {

		String address() {
			return "net.tcp://localhost:" + this.port + "/echo";
		}

		void awaitScript() throws Exception {
			this.done.get(30, TimeUnit.SECONDS);
		}

	}

	@FunctionalInterface
	private interface RawScript {

		void run(Socket socket, DataInputStream in, OutputStream out) throws Exception;

	}

	private static void readPreambleAndUpgrade(DataInputStream in, OutputStream out) throws IOException {
		ByteBuf received = Unpooled.buffer();
		try (NmfRecordDecoder decoder = new NmfRecordDecoder()) {
			while (true) {
				received.writeByte(in.readUnsignedByte());
				NmfRecord record = decoder.decode(received);
				if (record instanceof UpgradeRequestRecord) {
					break;
				}
			}
		}
		finally {
			received.release();
		}
		out.write(0x0A);
		out.flush();
	}

	private static byte[] readHandshakePayload(DataInputStream in) throws IOException {
		byte[] header = new byte[HandshakeMessage.HEADER_SIZE];
		in.readFully(header);
		byte[] payload = new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)];
		in.readFully(payload);
		return payload;
	}

	/**
	 * Preamble, upgrade, handshake (a JGSS acceptor with the service's keytab) and PreambleEnd/PreambleAck.
	 */
	private static GssMechanismContext acceptSession(DataInputStream in, OutputStream out) throws IOException {
		readPreambleAndUpgrade(in, out);
		GssMechanismContext acceptor = GssMechanismContext.acceptor(realm.serviceCredentials(), true);
		byte[] reply = acceptor.step(readHandshakePayload(in));
		out.write(bytes(HandshakeMessage.done(reply)));
		out.flush();
		assertThat(readSecureRecord(in, acceptor)).isEqualTo(PreambleEndRecord.INSTANCE);
		out.write(secure(acceptor, bytes(PreambleAckRecord.INSTANCE)));
		out.flush();
		return acceptor;
	}

	private static void reset(Socket socket) throws IOException {
		socket.setSoLinger(true, 0);
		socket.close();
	}

	@Test
	void serverResetMidHandshakeFailsTheOpen() throws Exception {
		RawServer raw = rawServer((socket, in, out) -> {
			readPreambleAndUpgrade(in, out);
			readHandshakePayload(in);
			out.write(new byte[] { 0x14, 0x01 });
			out.flush();
			reset(socket);
		});
		assertThatThrownBy(() -> kerberosClient(ChannelLimits.DEFAULTS).open(raw.address()).block(BLOCK))
			.isInstanceOf(NegotiateException.class);
		raw.awaitScript();
	}

	@Test
	void serverResetMidDataFrameFailsTheClientsReceive() throws Exception {
		RawServer raw = rawServer((socket, in, out) -> {
			try (GssMechanismContext acceptor = acceptSession(in, out)) {
				NmfRecord request = readSecureRecord(in, acceptor);
				assertThat(request).isInstanceOf(SizedEnvelopeRecord.class);
				((SizedEnvelopeRecord) request).release();
				byte[] frame = secure(acceptor,
						bytes(new SizedEnvelopeRecord(Unpooled.wrappedBuffer(new byte[4000]))));
				out.write(java.util.Arrays.copyOf(frame, frame.length / 2));
				out.flush();
				reset(socket);
			}
		});
		NegotiateChannel channel = kerberosClient(ChannelLimits.DEFAULTS).open(raw.address()).block(BLOCK);
		assertThat(channel).isNotNull();
		channel.sendBytes("request".getBytes(StandardCharsets.UTF_8)).block(BLOCK);
		assertThatThrownBy(() -> channel.receive().next().block(BLOCK)).isInstanceOf(NegotiateException.class);
		channel.onClose().block(BLOCK);
		assertThat(channel.isOpen()).isFalse();
		raw.awaitScript();
	}

	/**
	 * The client's End was written whole and every reply had arrived: {@code close()} completes and the connection is
	 * closed (the End/End exchange gives the server {@code closeTimeout} to answer, and a reset only ends the wait
	 * sooner). The application has nothing to redo, so this is not reported as a failure.
	 */
	@Test
	void serverResetDuringEndEndEndsTheClientsClose() throws Exception {
		RawServer raw = rawServer((socket, in, out) -> {
			try (GssMechanismContext acceptor = acceptSession(in, out)) {
				assertThat(readSecureRecord(in, acceptor)).isEqualTo(EndRecord.INSTANCE);
				reset(socket);
			}
		});
		NegotiateChannel channel = kerberosClient(ChannelLimits.DEFAULTS).open(raw.address()).block(BLOCK);
		assertThat(channel).isNotNull();
		channel.close().block(BLOCK);
		channel.onClose().block(BLOCK);
		assertThat(channel.isOpen()).isFalse();
		raw.awaitScript();
	}

	@Test
	void halfOpenServerSilentMidHandshakeFailsTheOpenWithTheInitializationTimeout() throws Exception {
		RawServer raw = rawServer((socket, in, out) -> {
			readPreambleAndUpgrade(in, out);
			readHandshakePayload(in);
			out.write(new byte[] { 0x14, 0x01 });
			out.flush();
			// silent, no FIN: wait for the client to give up
			assertThat(in.read()).isEqualTo(-1);
		});
		assertThatThrownBy(() -> kerberosClient(ChannelLimits.DEFAULTS.withInitializationTimeout(Duration.ofMillis(800)))
			.open(raw.address())
			.block(BLOCK))
			.isInstanceOfSatisfying(NegotiateException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.TIMEOUT));
		raw.awaitScript();
	}

	// --- bytes ---------------------------------------------------------------------------------------------------

	private static byte[] preambleWithUpgrade(String via) {
		ClientPreambleStateMachine machine = ClientPreambleStateMachine.duplex(via, true);
		ByteBuf buf = Unpooled.buffer();
		machine.writePreamble(buf);
		return ByteBufUtil.getBytes(buf);
	}

	private static byte[] bytes(NmfRecord record) {
		ByteBuf buf = Unpooled.buffer();
		record.encode(buf);
		return ByteBufUtil.getBytes(buf);
	}

	private static byte[] bytes(HandshakeMessage message) {
		ByteBuf buf = Unpooled.buffer();
		message.encode(buf);
		return ByteBufUtil.getBytes(buf);
	}

	private static HandshakeMessage readHandshake(SocketPeer peer) {
		byte[] header = peer.read(HandshakeMessage.HEADER_SIZE);
		int size = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
		byte[] payload = peer.read(size);
		byte[] all = new byte[header.length + payload.length];
		System.arraycopy(header, 0, all, 0, header.length);
		System.arraycopy(payload, 0, all, header.length, payload.length);
		HandshakeMessage message = HandshakeMessage.decode(Unpooled.wrappedBuffer(all), 0xFFFF);
		assertThat(message).isNotNull();
		return message;
	}

	private static byte[] secure(GssMechanismContext context, byte[] plain) {
		byte[] token = context.wrap(plain, 0, plain.length, true);
		ByteBuf buf = Unpooled.buffer();
		buf.writeIntLE(token.length);
		buf.writeBytes(token);
		return ByteBufUtil.getBytes(buf);
	}

	private static NmfRecord readSecureRecord(SocketPeer peer, GssMechanismContext context) {
		byte[] header = peer.read(4);
		int size = (header[0] & 0xff) | ((header[1] & 0xff) << 8) | ((header[2] & 0xff) << 16);
		return decodeRecord(context, peer.read(size));
	}

	private static NmfRecord readSecureRecord(DataInputStream in, GssMechanismContext context) throws IOException {
		byte[] header = new byte[4];
		in.readFully(header);
		byte[] token = new byte[(header[0] & 0xff) | ((header[1] & 0xff) << 8) | ((header[2] & 0xff) << 16)];
		in.readFully(token);
		return decodeRecord(context, token);
	}

	private static NmfRecord decodeRecord(GssMechanismContext context, byte[] token) {
		byte[] plain = context.unwrap(token, 0, token.length);
		NmfRecord record = new NmfRecordDecoder().decode(Unpooled.wrappedBuffer(plain));
		assertThat(record).isNotNull();
		return record;
	}

	private static void awaitCondition(BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadline);
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
