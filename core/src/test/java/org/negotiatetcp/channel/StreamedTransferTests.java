package org.negotiatetcp.channel;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.framing.FramingFault;
import org.negotiatetcp.framing.FramingFaultException;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.SocketPeer;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * WCF streamed transfer ({@code TransferMode.Streamed}, [MC-NMF] singleton-unsized mode after the NegotiateStream
 * upgrade) between our client and our server over real sockets, with Kerberos from the embedded KDC.
 */
class StreamedTransferTests {

	/**
	 * The preamble Mono 6.8's WCF client sent for {@code NetTcpBinding(SecurityMode.None)} with
	 * {@code TransferMode.Streamed} to {@code net.tcp://localhost:33179/echo} (captured with a raw socket): version 1.0,
	 * mode 0x01 (singleton-unsized), the via, encoding 0x07 (binary) and PreambleEnd.
	 */
	private static final String MONO_STREAMED_PREAMBLE = "00010001" + "01" + "021e"
			+ "6e65742e7463703a2f2f6c6f63616c686f73743a33333137392f6563686f" + "0307" + "0c";

	/**
	 * What that client sent after PreambleAck, in the same capture: UnsizedEnvelope (0x05), one chunk of 204 bytes
	 * (the binary SOAP request of {@code IEcho.Echo("hi")}), the 0-size terminator and End (0x07), without waiting
	 * for the reply.
	 */
	private static final String MONO_STREAMED_REQUEST = "05" + "cc01"
			+ "56020b0173040b0161065608440a1e0082991d687474703a2f2f74656d707572692e6f72672f494563686f2f4563686f441a"
			+ "ad6a7ba49f79103645ba68c6f97d54dbf2442c5e0741646472657373992e687474703a2f2f7777772e77332e6f72672f3230"
			+ "30352f30382f61646472657373696e672f616e6f6e796d6f757301440c1e0082991e6e65742e7463703a2f2f6c6f63616c68"
			+ "6f73743a33333137392f6563686f01560e40044563686f0813687474703a2f2f74656d707572692e6f72672f400173990268"
			+ "69010101"
			+ "00" + "07";

	private static final int FIVE_MB = 5 * 1024 * 1024;

	private static final ChannelLimits LARGE = ChannelLimits.defaults().withMaxMessageSize(8 * 1024 * 1024);

	@AutoClose
	private static EmbeddedRealm realm;

	@AutoClose
	private final TestServer server = new TestServer();

	private final AtomicInteger delivered = new AtomicInteger();

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	@Test
	void streamedClientSendsFiveMegabytesInChunksAndGetsTheServersReplyEncryptedAndSigned() {
		startHashingServer(settings(LARGE).withStreamedTransfer(true));
		byte[] payload = new byte[FIVE_MB];
		new Random(42).nextBytes(payload);
		NegotiateChannel channel = streamedClient(LARGE).open(address()).block(Duration.ofSeconds(30));
		String reply = channel.sendBytes(payload)
			.then(channel.receive().next().map((buf) -> buf.toString(StandardCharsets.US_ASCII)))
			.block(Duration.ofSeconds(60));
		channel.close().block(Duration.ofSeconds(10));
		assertThat(reply).isEqualTo("sha-256:" + sha256(payload) + " size:" + FIVE_MB);
		assertThat(this.delivered).hasValue(1);
		assertThat(channel.securityInfo().protectionLevel()).isEqualTo(ProtectionLevel.ENCRYPT_AND_SIGN);
		assertThat(this.server.seen()).singleElement()
			.satisfies((info) -> assertThat(info.protectionLevel()).isEqualTo(ProtectionLevel.ENCRYPT_AND_SIGN));
	}

	@Test
	void aStreamedServerStillServesBufferedClientsAndSeveralStreamedChannelsInTurn() {
		startHashingServer(settings(LARGE).withStreamedTransfer(true));
		byte[] small = "hello".getBytes(StandardCharsets.US_ASCII);
		NegotiateChannelFactory buffered = new NegotiateChannelFactory(ClientSettings.of(realm.alice()).withLimits(LARGE));
		NegotiateChannelFactory streamed = streamedClient(LARGE);
		for (NegotiateChannelFactory factory : new NegotiateChannelFactory[] { buffered, streamed, streamed }) {
			NegotiateChannel channel = factory.open(address()).block(Duration.ofSeconds(30));
			String reply = channel.sendBytes(small)
				.then(channel.receive().next().map((buf) -> buf.toString(StandardCharsets.US_ASCII)))
				.block(Duration.ofSeconds(30));
			channel.close().block(Duration.ofSeconds(10));
			assertThat(reply).isEqualTo("sha-256:" + sha256(small) + " size:5");
		}
		assertThat(this.server.seen()).hasSize(3);
	}

	@Test
	void aStreamedChannelRefusesASecondMessage() {
		startHashingServer(settings(LARGE).withStreamedTransfer(true));
		NegotiateChannel channel = streamedClient(LARGE).open(address()).block(Duration.ofSeconds(30));
		channel.sendBytes(new byte[] { 1 }).block(Duration.ofSeconds(10));
		// refused while the session is open; once the reply ended it, the channel is closed
		assertThatThrownBy(() -> channel.sendBytes(new byte[] { 2 }).block(Duration.ofSeconds(10)))
			.isInstanceOf(org.negotiatetcp.NegotiateException.class)
			.hasMessageMatching(".*(carries one message|The channel is closed).*");
		channel.close().block(Duration.ofSeconds(10));
	}

	@Test
	void aServerWithoutStreamedTransferRefusesTheStreamedPreambleWithUnsupportedMode() {
		startHashingServer(settings(LARGE));
		assertThatThrownBy(() -> streamedClient(LARGE).open(address()).block(Duration.ofSeconds(30)))
			.isInstanceOfSatisfying(FramingFaultException.class,
					(ex) -> assertThat(ex.fault()).isEqualTo(FramingFault.UNSUPPORTED_MODE))
			.hasMessageContaining("UnsupportedMode");
		assertThat(this.server.seen()).isEmpty();
	}

	@Test
	void theClientRefusesAStreamedMessageAboveItsMaximumMessageSize() {
		startHashingServer(settings(LARGE).withStreamedTransfer(true));
		NegotiateChannel channel = streamedClient(ChannelLimits.defaults().withMaxMessageSize(1024)).open(address())
			.block(Duration.ofSeconds(30));
		assertThatThrownBy(() -> channel.sendBytes(new byte[1025]).block(Duration.ofSeconds(10)))
			.hasMessageContaining("exceeds max-message-size 1024");
		channel.close().block(Duration.ofSeconds(10));
	}

	@Test
	void theServerDoesNotDeliverAStreamedMessageAboveItsMaximumMessageSize() {
		startHashingServer(settings(ChannelLimits.defaults().withMaxMessageSize(64 * 1024)).withStreamedTransfer(true));
		NegotiateChannel channel = streamedClient(LARGE).open(address()).block(Duration.ofSeconds(30));
		channel.sendBytes(new byte[1024 * 1024]).onErrorComplete().block(Duration.ofSeconds(30));
		assertThatThrownBy(() -> channel.receive().blockLast(Duration.ofSeconds(30)))
			.isInstanceOf(org.negotiatetcp.NegotiateException.class);
		assertThat(this.server.seen()).hasSize(1);
		assertThat(this.delivered).hasValue(0);
	}

	@Test
	void unsecuredStreamedServerAnswersMonoWcfsStreamedRequestWithAnUnsizedReplyThenEndAndReusesTheConnection() {
		// the handler answers after taking the one message (the client's End is already in by then)
		this.server.start(NegotiateServer.create(unsecured().withStreamedTransfer(true), (channel) -> channel.receive()
			.next()
			.flatMap((message) -> {
				// copied inside onNext: the channel releases the buffer when onNext returns
				byte[] bytes = ByteBufUtil.getBytes(message);
				this.delivered.incrementAndGet();
				return Mono.delay(Duration.ofMillis(50)).then(channel.sendBytes(bytes));
			})));
		byte[] preamble = HexFormat.of().parseHex(MONO_STREAMED_PREAMBLE);
		byte[] request = HexFormat.of().parseHex(MONO_STREAMED_REQUEST);
		byte[] envelope = Arrays.copyOfRange(request, 3, request.length - 2);
		try (SocketPeer peer = SocketPeer.connect(this.server.port())) {
			for (int i = 0; i < 2; i++) {
				peer.write(preamble);
				assertThat(peer.read(1)).containsExactly(0x0b);
				// WCF's client: UnsizedEnvelope, chunks, the 0-size terminator and End right after its message
				peer.write(request);
				assertThat(readUnsized(peer)).isEqualTo(envelope);
				// WCF's server: End once its reply is out and the client's End is in, then the next preamble
				assertThat(peer.read(1)).containsExactly(0x07);
			}
		}
		assertThat(this.delivered).hasValue(2);
	}

	@Test
	void unsecuredStreamedClientSendsEndRightAfterItsMessageAndTakesTheUnsizedReplyAndEnd() throws Exception {
		byte[] request = "ping".getBytes(StandardCharsets.US_ASCII);
		byte[] reply = "pong".getBytes(StandardCharsets.US_ASCII);
		try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture<byte[]> served = CompletableFuture.supplyAsync(() -> {
				try (Socket socket = listener.accept()) {
					socket.setSoTimeout(30_000);
					DataInputStream in = new DataInputStream(socket.getInputStream());
					OutputStream out = socket.getOutputStream();
					assertThat(in.readUnsignedByte()).isEqualTo(0x00);
					assertThat(in.readNBytes(3)).containsExactly(0x01, 0x00, 0x01);
					assertThat(in.readUnsignedByte()).as("mode: singleton-unsized").isEqualTo(0x01);
					while (in.readUnsignedByte() != 0x0c) {
						// via and content type, up to PreambleEnd (no upgrade in security mode none)
					}
					out.write(0x0b);
					byte[] received = readUnsized(in);
					// End before any reply: the server's reply does not wait for the client to close
					assertThat(in.readUnsignedByte()).as("End right after the message").isEqualTo(0x07);
					out.write(new byte[] { 0x05, (byte) reply.length });
					out.write(reply);
					out.write(new byte[] { 0x00, 0x07 });
					out.flush();
					assertThat(in.read()).as("nothing after End/End: the client closes").isEqualTo(-1);
					return received;
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			NegotiateChannelFactory client = new NegotiateChannelFactory(
					ClientSettings.of(ClientCredential.password("EXAMPLE\\bob", "bob-pw1".toCharArray()))
						.withSecurityMode(SecurityMode.NONE)
						.withTransferMode(TransferMode.STREAMED));
			NegotiateChannel channel = client.open("net.tcp://localhost:" + listener.getLocalPort() + "/echo")
				.block(Duration.ofSeconds(30));
			String answer = channel.sendBytes(request)
				.then(channel.receive().next().map((buf) -> buf.toString(StandardCharsets.US_ASCII)))
				.block(Duration.ofSeconds(30));
			channel.close().block(Duration.ofSeconds(10));
			client.close();
			assertThat(answer).isEqualTo("pong");
			assertThat(served.get(30, TimeUnit.SECONDS)).isEqualTo(request);
		}
	}

	@Test
	void streamedTransferIsServedOnlyInNetTcp() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestServer.echoSettings(ChannelMode.RAW, realm.acceptor(ProtectionLevel.SIGN))
				.withStreamedTransfer(true))
			.withMessageContaining("Streamed transfer");
	}

	private static ServerSettings unsecured() {
		return TestServer.echoSettings(ChannelMode.NET_TCP, AcceptorSettings
			.ntlm(new InMemoryNtlmAccountStore().add("EXAMPLE", "bob", "bob-pw1".toCharArray()))
			.allowingAnonymousClients()).withSecurityMode(SecurityMode.NONE);
	}

	/**
	 * Read one [MC-NMF] UnsizedEnvelope record: 0x05, then chunks of a variable-length size and bytes, up to the
	 * 0-size terminator.
	 */
	private static byte[] readUnsized(SocketPeer peer) {
		return readUnsized(new DataInputStream(new java.io.InputStream() {
			@Override
			public int read() {
				return peer.read(1)[0] & 0xff;
			}
		}));
	}

	private static byte[] readUnsized(DataInputStream in) {
		try {
			assertThat(in.readUnsignedByte()).as("UnsizedEnvelope").isEqualTo(0x05);
			ByteArrayOutputStream message = new ByteArrayOutputStream();
			while (true) {
				int size = 0;
				int shift = 0;
				int b;
				do {
					b = in.readUnsignedByte();
					size |= (b & 0x7f) << shift;
					shift += 7;
				}
				while ((b & 0x80) != 0);
				if (size == 0) {
					return message.toByteArray();
				}
				message.write(in.readNBytes(size));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private ServerSettings settings(ChannelLimits limits) {
		return TestServer.echoSettings(ChannelMode.NET_TCP, realm.acceptor(ProtectionLevel.ENCRYPT_AND_SIGN))
			.withLimits(limits);
	}

	private void startHashingServer(ServerSettings settings) {
		this.server.start(this.server.echoServer(settings, (ByteBuf message) -> {
			this.delivered.incrementAndGet();
			return Unpooled.copiedBuffer(
					"sha-256:" + sha256(ByteBufUtil.getBytes(message)) + " size:" + message.readableBytes(),
					StandardCharsets.US_ASCII);
		}));
	}

	private static NegotiateChannelFactory streamedClient(ChannelLimits limits) {
		return new NegotiateChannelFactory(
				ClientSettings.of(realm.alice()).withLimits(limits).withTransferMode(TransferMode.STREAMED));
	}

	private String address() {
		return "net.tcp://localhost:" + this.server.port() + "/echo";
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
