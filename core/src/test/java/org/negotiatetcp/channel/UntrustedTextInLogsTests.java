package org.negotiatetcp.channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.testsupport.EmbeddedRealm;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Weakness 6 (issue 10): text a peer controls reaches the channel's WARN lines bounded and with its line breaks
 * escaped, so a client cannot forge log lines or flood the log. Windows' event log and MIT krb5's KDC log quote
 * principal names without escaping them; Samba's DEBUG escapes nothing either; this project escapes.
 */
class UntrustedTextInLogsTests {

	private static final String FORGED = "x\r\n2026-12-07 23:59:59 WARN forged line";

	@AutoClose
	private static EmbeddedRealm realm;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private Level previousLevel;

	@AutoClose
	private final TestServer server = new TestServer();

	@BeforeAll
	static void startRealm() {
		realm = EmbeddedRealm.start();
	}

	@BeforeEach
	void captureLogs() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		Logger logger = context.getLogger("org.negotiatetcp");
		this.previousLevel = logger.getLevel();
		logger.setLevel(Level.DEBUG);
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
	void handlerFailureEmbeddingPeerDataIsLoggedEscapedAndBounded() {
		this.server.start(NegotiateServer.create(
				TestServer.echoSettings(ChannelMode.NET_TCP, realm.acceptor(ProtectionLevel.ENCRYPT_AND_SIGN)),
				(channel) -> channel.send(channel.receive().map((buf) -> {
					throw new IllegalStateException("unexpected request " + buf.toString(StandardCharsets.UTF_8));
				}))));
		String payload = FORGED + "A".repeat(10_000);
		NegotiateChannel channel = new NegotiateChannelFactory(ClientSettings.of(realm.alice()))
			.open("net.tcp://localhost:" + this.server.port() + "/echo")
			.block(Duration.ofSeconds(30));
		assertThat(channel).isNotNull();
		channel.sendBytes(payload.getBytes(StandardCharsets.UTF_8)).block(Duration.ofSeconds(10));
		List<String> lines = awaitLines("Handler failed");
		channel.close().onErrorComplete().block(Duration.ofSeconds(10));
		assertThat(lines).isNotEmpty().allSatisfy((line) -> {
			assertThat(line).doesNotContain("\r").doesNotContain("\n").contains("x\\r\\n2026-12-07");
			assertThat(line.length()).isLessThan(1300);
		});
	}

	private List<String> awaitLines(String containing) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			List<String> lines = List.copyOf(this.appender.list)
				.stream()
				.map(ILoggingEvent::getFormattedMessage)
				.filter((line) -> line.contains(containing))
				.toList();
			if (!lines.isEmpty()) {
				return lines;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return List.of();
	}

}
