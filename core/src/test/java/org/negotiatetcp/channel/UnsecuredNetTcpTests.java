package org.negotiatetcp.channel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.testsupport.SocketPeer;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Security mode NONE (WCF's {@code SecurityMode.None}) over real sockets: refused by default with the
 * {@code UpgradeInvalid} fault, served when set, and checked against a real Mono WCF session: the client bytes of
 * {@code captures/mono-wcf-nettcp-none.txt} replayed against our server get the bytes the Mono server sent.
 */
class UnsecuredNetTcpTests {

	private static final String FAULT_UPGRADE_INVALID = "http://schemas.microsoft.com/ws/2006/05/framing/faults/UpgradeInvalid";

	@AutoClose
	private final TestServer server = new TestServer();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	@BeforeEach
	void captureLogs() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		this.appender.setContext(context);
		this.appender.start();
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(this.appender);
	}

	@AfterEach
	void stopCapturingLogs() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this.appender);
	}

	private static AcceptorSettings anonymousAllowed() {
		return AcceptorSettings.ntlm(new InMemoryNtlmAccountStore().add("EXAMPLE", "bob", "bob-pw1".toCharArray()))
			.allowingAnonymousClients();
	}

	private static ServerSettings unsecured() {
		return TestServer.echoSettings(ChannelMode.NET_TCP, anonymousAllowed()).withSecurityMode(SecurityMode.NONE);
	}

	@Test
	void defaultServerRefusesTheMonoClientsUnsecuredPreambleWithUpgradeInvalid() {
		List<byte[]> mono = MonoCapture.load();
		this.server.echo(TestServer.echoSettings(ChannelMode.NET_TCP, anonymousAllowed()));
		try (SocketPeer peer = SocketPeer.connect(this.server.port())) {
			peer.write(mono.get(0));
			byte[] answer = peer.readUntilClosed();
			assertThat(answer[0]).isEqualTo((byte) 0x08);
			assertThat(new String(answer, StandardCharsets.UTF_8)).contains(FAULT_UPGRADE_INVALID);
		}
		assertThat(warnings()).anyMatch((line) -> line.contains("UpgradeInvalid")
				&& line.contains("without the required 'application/negotiate' upgrade"));
		assertThat(this.server.seen()).isEmpty();
	}

	@Test
	void unsecuredServerAnswersTheMonoClientWithTheBytesTheMonoServerSent() {
		List<byte[]> mono = MonoCapture.load();
		byte[] clientEnvelope = Arrays.copyOfRange(mono.get(2), 3, mono.get(2).length);
		byte[] serverEnvelope = Arrays.copyOfRange(mono.get(3), 2, mono.get(3).length);
		List<byte[]> received = new CopyOnWriteArrayList<>();
		this.server.start(this.server.echoServer(unsecured(), (message) -> {
			received.add(ByteBufUtil.getBytes(message));
			return Unpooled.wrappedBuffer(serverEnvelope);
		}));
		try (SocketPeer peer = SocketPeer.connect(this.server.port())) {
			peer.write(mono.get(0));
			assertThat(peer.read(mono.get(1).length)).isEqualTo(mono.get(1));
			peer.write(mono.get(2));
			assertThat(peer.read(mono.get(3).length)).isEqualTo(mono.get(3));
			peer.write(mono.get(4));
			assertThat(peer.read(mono.get(5).length)).isEqualTo(mono.get(5));
		}
		assertThat(received).containsExactly(clientEnvelope);
		SecurityInfo info = this.server.seen().get(0);
		assertThat(info.anonymous()).isTrue();
		assertThat(info.protectionLevel()).isEqualTo(ProtectionLevel.NONE);
		assertThat(info.impersonationLevel()).isEqualTo(ImpersonationLevel.ANONYMOUS);
		assertThat(info.mutuallyAuthenticated()).isFalse();
		assertThat(warnings()).anyMatch((line) -> line.contains("runs net.tcp without security"))
			.anyMatch((line) -> line.contains("messages are neither authenticated nor encrypted")
					&& line.contains("net.tcp without security from"));
	}

	@Test
	void unsecuredServerServesSeveralSessionsOnOneConnection() {
		List<byte[]> mono = MonoCapture.load();
		this.server.echo(unsecured());
		try (SocketPeer peer = SocketPeer.connect(this.server.port())) {
			for (int i = 0; i < 2; i++) {
				peer.write(mono.get(0));
				assertThat(peer.read(1)).containsExactly(0x0b);
				peer.write(mono.get(2));
				assertThat(peer.read(mono.get(2).length)).isEqualTo(mono.get(2));
				peer.write(mono.get(4));
				assertThat(peer.read(1)).containsExactly(0x07);
			}
		}
		assertThat(this.server.seen()).hasSize(2).allMatch(SecurityInfo::anonymous);
	}

	@Test
	void unsecuredServerRefusesTheNegotiateUpgradeWithUpgradeInvalidAsWcfDoes() {
		List<byte[]> mono = MonoCapture.load();
		this.server.echo(unsecured());
		byte[] preamble = mono.get(0);
		byte[] upgrade = new byte[preamble.length - 1 + 23];
		System.arraycopy(preamble, 0, upgrade, 0, preamble.length - 1);
		upgrade[preamble.length - 1] = 0x09;
		upgrade[preamble.length] = 21;
		byte[] protocol = "application/negotiate".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(protocol, 0, upgrade, preamble.length + 1, protocol.length);
		try (SocketPeer peer = SocketPeer.connect(this.server.port())) {
			peer.write(upgrade);
			byte[] answer = peer.readUntilClosed();
			assertThat(answer[0]).isEqualTo((byte) 0x08);
			assertThat(new String(answer, StandardCharsets.UTF_8)).contains(FAULT_UPGRADE_INVALID);
		}
		assertThat(this.server.seen()).isEmpty();
	}

	@Test
	void securedClientIsRefusedByAnUnsecuredServer() {
		this.server.echo(unsecured());
		NegotiateChannelFactory bob = new NegotiateChannelFactory(
				ClientSettings.of(ClientCredential.password("EXAMPLE\\bob", "bob-pw1".toCharArray()))
					.withAuthPackage(AuthPackage.NTLM)
					.withRequireServerAuth(false));
		assertThatThrownBy(() -> TestServer.roundTrip(bob, this.server.address(ChannelMode.NET_TCP)))
			.hasStackTraceContaining("UpgradeInvalid");
		assertThat(this.server.seen()).isEmpty();
	}

	@Test
	void unsecuredClientAndUnsecuredServerExchangeMessages() {
		this.server.echo(unsecured());
		NegotiateChannelFactory client = new NegotiateChannelFactory(
				ClientSettings.of(ClientCredential.password("EXAMPLE\\bob", "bob-pw1".toCharArray()))
					.withSecurityMode(SecurityMode.NONE));
		String address = this.server.address(ChannelMode.NET_TCP);
		SecurityInfo clientSide = client.open(address)
			.flatMap((channel) -> channel.sendBytes("ping".getBytes(StandardCharsets.UTF_8))
				.then(channel.receive().next().map((buf) -> buf.toString(StandardCharsets.UTF_8)))
				.doOnNext((reply) -> assertThat(reply).isEqualTo("ping"))
				.then(channel.close())
				.thenReturn(channel.securityInfo()))
			.block(java.time.Duration.ofSeconds(30));
		assertThat(clientSide.protectionLevel()).isEqualTo(ProtectionLevel.NONE);
		assertThat(clientSide.mutuallyAuthenticated()).isFalse();
		assertThat(TestServer.roundTrip(client, address)).isEqualTo("ping");
		assertThat(this.server.seen()).hasSize(2).allMatch(SecurityInfo::anonymous);
		assertThat(warnings()).anyMatch((line) -> line.contains("net.tcp without security to")
				&& line.contains("messages are neither authenticated nor encrypted"));
	}

	@Test
	void unsecuredClientIsRefusedByADefaultServerWithUpgradeInvalid() {
		this.server.echo(TestServer.echoSettings(ChannelMode.NET_TCP, anonymousAllowed()));
		NegotiateChannelFactory client = new NegotiateChannelFactory(
				ClientSettings.of(ClientCredential.password("EXAMPLE\\bob", "bob-pw1".toCharArray()))
					.withSecurityMode(SecurityMode.NONE));
		assertThatThrownBy(() -> TestServer.roundTrip(client, this.server.address(ChannelMode.NET_TCP)))
			.hasStackTraceContaining("UpgradeInvalid");
		assertThat(this.server.seen()).isEmpty();
		assertThat(warnings()).anyMatch((line) -> line.contains("UpgradeInvalid"));
	}

	@Test
	void securityModeNoneNeedsNetTcpAndAnonymousClients() {
		AcceptorSettings noAnonymous = AcceptorSettings
			.ntlm(new InMemoryNtlmAccountStore().add("EXAMPLE", "bob", "bob-pw1".toCharArray()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestServer.echoSettings(ChannelMode.NET_TCP, noAnonymous)
				.withSecurityMode(SecurityMode.NONE))
			.withMessageContaining("allow-anonymous-clients");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServerSettings.raw(anonymousAllowed()).withSecurityMode(SecurityMode.NONE))
			.withMessageContaining("only in net.tcp mode");
		assertThat(TestServer.echoSettings(ChannelMode.NET_TCP, anonymousAllowed()).securityMode())
			.isEqualTo(SecurityMode.TRANSPORT);
	}

	private List<String> warnings() {
		return this.appender.list.stream()
			.filter((event) -> event.getLevel() == Level.WARN)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	/**
	 * The chunks of the Mono capture, alternating client and server: preamble, PreambleAck, envelope, envelope, End,
	 * End.
	 */
	static final class MonoCapture {

		private static final Pattern HEX = Pattern.compile("[0-9a-f]{2}");

		static List<byte[]> load() {
			List<byte[]> chunks = new ArrayList<>();
			try (InputStream in = UnsecuredNetTcpTests.class.getResourceAsStream("/captures/mono-wcf-nettcp-none.txt")) {
				String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				ByteArrayOutputStream chunk = new ByteArrayOutputStream();
				Boolean server = null;
				for (String line : text.split("\n")) {
					if (line.startsWith("#") || line.isBlank()) {
						continue;
					}
					boolean fromServer = line.startsWith("\t");
					if (server != null && server != fromServer) {
						chunks.add(chunk.toByteArray());
						chunk.reset();
					}
					server = fromServer;
					String hex = line.strip().substring(10, Math.min(59, line.strip().length()));
					Matcher matcher = HEX.matcher(hex);
					while (matcher.find()) {
						chunk.write(Integer.parseInt(matcher.group(), 16));
					}
				}
				chunks.add(chunk.toByteArray());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			assertThat(chunks).hasSize(6);
			assertThat(chunks.get(0)).hasSize(0x28);
			assertThat(chunks.get(2)).hasSize(0xE4 - 0x28);
			return chunks;
		}

	}

}
