package org.negotiatetcp.samples.process;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.negotiatetcp.Mechanism;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every server sample must do as a process: serve an authenticated, encrypted session, then, on SIGTERM, let an
 * open session finish (End/End) and exit within the grace period, logging the graceful shutdown and no error.
 */
final class ServerSampleChecks {

	/** Startup of a Boot application on a loaded machine (a nested Maven build takes longer: see its caller). */
	static final Duration STARTUP = Duration.ofSeconds(60);

	/** {@code negotiate.tcp.server.shutdown-grace-period}'s default. */
	static final Duration GRACE_PERIOD = Duration.ofSeconds(30);

	private static final Pattern STARTED = Pattern.compile("Started \\w+Application in");

	private static final Pattern GRACEFUL_SHUTDOWN = Pattern
		.compile("Commencing graceful shutdown of the Negotiate TCP server on /127\\.0\\.0\\.1:\\d+ \\(1 open sessions");

	private static final Pattern STOPPED = Pattern.compile("Negotiate TCP server on /127\\.0\\.0\\.1:\\d+ stopped");

	private ServerSampleChecks() {
	}

	/**
	 * Wait for the sample to start and return its port.
	 * @param server the sample process
	 * @param startup how long startup may take
	 * @return the port it listens on
	 */
	static int awaitStarted(SampleProcess server, Duration startup) {
		int port = server.awaitListeningPort(startup);
		server.awaitLog(STARTED, startup);
		return port;
	}

	/**
	 * A session that authenticates with Kerberos (SPNEGO), mutual, encrypted, and one exchange.
	 * @param client the client
	 * @param address the server address
	 * @param request the message
	 * @param expectedReply the reply the sample gives
	 * @throws InterruptedException if interrupted
	 */
	static void roundTrip(NegotiateChannelFactory client, String address, String request, String expectedReply)
			throws InterruptedException {
		ClientSession session = ClientSession.open(client, address);
		SecurityInfo server = session.securityInfo();
		assertThat(server.peerName()).startsWith("host/localhost");
		assertThat(server.authPackage()).isEqualTo(AuthPackage.SPNEGO);
		assertThat(server.mechanism()).isEqualTo(Mechanism.KERBEROS);
		assertThat(server.protectionLevel()).isEqualTo(ProtectionLevel.ENCRYPT_AND_SIGN);
		assertThat(server.mutuallyAuthenticated()).isTrue();
		assertThat(session.exchange(request)).isEqualTo(expectedReply);
		session.close();
	}

	/**
	 * Open a session, exchange a message and, while the session is open, send SIGTERM: the server starts its graceful
	 * shutdown, ends the open session with End (its handler completes), the client answers End; then the process
	 * exits within the grace period with 0 or 143 (128 + SIGTERM: what a JVM ended by SIGTERM returns), having logged
	 * the graceful shutdown and no error.
	 * @param server the sample process
	 * @param client the client
	 * @param address the server address
	 * @param reply the reply the sample gives to a message
	 * @throws InterruptedException if interrupted
	 */
	static void drainsTheOpenSessionOnSigterm(SampleProcess server, NegotiateChannelFactory client, String address,
			UnaryOperator<String> reply) throws InterruptedException {
		ClientSession session = ClientSession.open(client, address);
		assertThat(session.exchange("before SIGTERM")).isEqualTo(reply.apply("before SIGTERM"));
		server.sigterm();
		long shutdownStarted = System.nanoTime();
		server.awaitLog(GRACEFUL_SHUTDOWN, Duration.ofSeconds(30));
		session.awaitEndFromServer(GRACE_PERIOD);
		session.close();
		int exitCode = server.awaitExit(GRACE_PERIOD.plusSeconds(15));
		assertThat(exitCode).as("exit code").isIn(0, 143);
		assertThat(Duration.ofNanos(System.nanoTime() - shutdownStarted)).as("shutdown within the grace period")
			.isLessThan(GRACE_PERIOD);
		assertThat(server.log()).containsPattern(STOPPED).doesNotContain("did not end within");
		server.assertLogIsClean();
	}

}
