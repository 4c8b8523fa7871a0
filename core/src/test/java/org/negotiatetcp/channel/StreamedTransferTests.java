package org.negotiatetcp.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.framing.FramingFault;
import org.negotiatetcp.framing.FramingFaultException;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * WCF streamed transfer ({@code TransferMode.Streamed}, [MC-NMF] singleton-unsized mode after the NegotiateStream
 * upgrade) between our client and our server over real sockets, with Kerberos from the embedded KDC.
 */
class StreamedTransferTests {

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
		assertThatThrownBy(() -> channel.sendBytes(new byte[] { 2 }).block(Duration.ofSeconds(10)))
			.hasMessageContaining("carries one message");
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
	void streamedTransferIsServedOnlyInNetTcpWithTransportSecurity() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestServer.echoSettings(ChannelMode.RAW, realm.acceptor(ProtectionLevel.SIGN))
				.withStreamedTransfer(true))
			.withMessageContaining("Streamed transfer");
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
