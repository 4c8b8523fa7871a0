package org.negotiatetcp.channel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.identity.EndpointIdentity;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import org.negotiatetcp.ChannelMode;

/**
 * Runs full handshakes (accepted and refused) with every Negotiate TCP logger at TRACE, records every byte on the
 * wire and the keytab keys, and proves that none of them reaches the log in hex, Base64 or as a byte list.
 */
class NoSecretsInLogsTests {

	private static final int WINDOW = 16;

	@AutoClose
	private static EmbeddedRealm realm;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final ByteArrayOutputStream wire = new ByteArrayOutputStream();

	private Level previousLevel;

	@AutoClose
	private final TestServer server = new TestServer();

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start("host/elsewhere");
	}

	@BeforeEach
	void captureLogs() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		Logger logger = context.getLogger("org.negotiatetcp");
		this.previousLevel = logger.getLevel();
		logger.setLevel(Level.TRACE);
		this.appender.setContext(context);
		this.appender.start();
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(this.appender);
	}

	@AfterEach
	void stopCapturingLogs() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this.appender);
		context.getLogger("org.negotiatetcp").setLevel(this.previousLevel);
	}

	@Test
	void acceptedAndRefusedHandshakesLogNoTokenAndNoKey() throws Exception {
		AcceptorSettings acceptor = realm.acceptor(ProtectionLevel.ENCRYPT_AND_SIGN);
		this.server.start(this.server
			.echoServer(TestServer.echoSettings(ChannelMode.NET_TCP, acceptor), ByteBuf::retain)
			.customize((tcp) -> tcp.doOnChannelInit((observer, channel, address) -> channel.pipeline()
				.addFirst("wireRecorder", new WireRecorder()))));
		NegotiateChannelFactory factory = new NegotiateChannelFactory(ClientSettings.of(realm.alice()))
			.customize((tcp) -> tcp.doOnChannelInit((observer, channel, address) -> channel.pipeline()
				.addFirst("wireRecorder", new WireRecorder())));
		String address = "net.tcp://localhost:" + this.server.port() + "/echo";
		byte[] secret = "a message that is application data".getBytes(StandardCharsets.UTF_8);
		byte[] reply = factory.open(address)
			.flatMap((channel) -> channel.sendBytes(secret)
				.then(channel.receiveBytes().next())
				.flatMap((bytes) -> channel.close().thenReturn(bytes)))
			.block(Duration.ofSeconds(30));
		assertThat(reply).isEqualTo(secret);
		// refused: below the required protection, then a ticket for a principal the server does not hold
		assertThatExceptionOfType(NegotiateException.class).isThrownBy(() -> factory
			.withSettings(factory.settings().withProtectionLevel(ProtectionLevel.SIGN))
			.open(address)
			.block(Duration.ofSeconds(30)));
		assertThatExceptionOfType(NegotiateException.class)
			.isThrownBy(() -> factory.open(address, new EndpointIdentity.Spn("host/elsewhere"))
				.block(Duration.ofSeconds(30)));
		Thread.sleep(200);

		String log = logText();
		assertThat(log).contains("Negotiate TCP server listening on")
			.contains("Authenticated alice@" + realm.kdc().realm())
			.contains("Refusing");
		byte[] wireBytes;
		synchronized (this.wire) {
			wireBytes = this.wire.toByteArray();
		}
		assertThat(wireBytes).hasSizeGreaterThan(2000);
		assertNoWindowOf(wireBytes, log, "wire bytes (tokens and frames)");
		for (Path keytab : List.of(realm.serviceKeytab(), realm.clientKeytab())) {
			for (String principal : List.of("host/localhost", "alice")) {
				KerberosPrincipal kp = new KerberosPrincipal(principal + "@" + realm.kdc().realm());
				for (KerberosKey key : KeyTab.getInstance(kp, keytab.toFile()).getKeys(kp)) {
					assertNoWindowOf(key.getEncoded(), log, "key of " + principal);
				}
			}
		}
	}

	private static void assertNoWindowOf(byte[] bytes, String log, String what) {
		String lowerLog = log.toLowerCase(java.util.Locale.ROOT);
		String compactLog = log.replace(" ", "");
		HexFormat hex = HexFormat.of();
		for (int i = 0; i + WINDOW <= bytes.length; i++) {
			byte[] window = java.util.Arrays.copyOfRange(bytes, i, i + WINDOW);
			if (isTrivial(window)) {
				continue;
			}
			String hexText = hex.formatHex(window);
			assertThat(lowerLog).as("hex of %s at %d", what, i).doesNotContain(hexText);
			assertThat(log).as("Base64 of %s at %d", what, i)
				.doesNotContain(Base64.getEncoder().encodeToString(window))
				.doesNotContain(Base64.getUrlEncoder().encodeToString(window));
			assertThat(compactLog).as("byte list of %s at %d", what, i)
				.doesNotContain(java.util.Arrays.toString(window).replace(" ", "").replace("]", ""));
			assertThat(log).as("raw %s at %d", what, i)
				.doesNotContain(new String(window, StandardCharsets.ISO_8859_1));
		}
	}

	/** Windows of printable ASCII (the clear via, content type, upgrade name) legitimately appear in logs. */
	private static boolean isTrivial(byte[] window) {
		int printable = 0;
		for (byte b : window) {
			if (b >= 0x20 && b < 0x7f) {
				printable++;
			}
		}
		return printable == window.length;
	}

	private String logText() {
		StringBuilder text = new StringBuilder();
		for (ILoggingEvent event : new ArrayList<>(this.appender.list)) {
			text.append(event.getLevel()).append(' ').append(event.getLoggerName()).append(' ')
				.append(event.getFormattedMessage()).append('\n');
			IThrowableProxy proxy = event.getThrowableProxy();
			while (proxy != null) {
				text.append(proxy.getClassName()).append(": ").append(proxy.getMessage()).append('\n');
				for (StackTraceElementProxy element : proxy.getStackTraceElementProxyArray()) {
					text.append(element.getSTEAsString()).append('\n');
				}
				proxy = proxy.getCause();
			}
		}
		return text.toString();
	}

	private final class WireRecorder extends ChannelDuplexHandler {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			record(msg);
			ctx.fireChannelRead(msg);
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			record(msg);
			ctx.write(msg, promise);
		}

		private void record(Object msg) {
			if (msg instanceof ByteBuf buf && buf.isReadable()) {
				byte[] bytes = new byte[buf.readableBytes()];
				buf.getBytes(buf.readerIndex(), bytes);
				synchronized (NoSecretsInLogsTests.this.wire) {
					NoSecretsInLogsTests.this.wire.writeBytes(bytes);
				}
			}
		}

	}

}
