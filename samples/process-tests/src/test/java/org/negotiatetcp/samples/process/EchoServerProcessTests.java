package org.negotiatetcp.samples.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code samples/echo-server} as a process, started as its README says, both ways.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "SIGTERM (Process.destroy() ends a Windows process at once)")
class EchoServerProcessTests {

	@RegisterExtension
	static final ProcessTestRealm realm = new ProcessTestRealm();

	@Test
	void javaJarServesUntilSigtermThenDrainsTheOpenSession() throws Exception {
		try (SampleProcess server = SampleProcess.javaJar("echo-server", arguments())) {
			server.check(() -> servesThenDrains(server, ServerSampleChecks.STARTUP));
		}
	}

	/**
	 * Only this sample is also tested under spring-boot:run: it is a nested Maven build (the slowest part of these
	 * tests), and what it adds over {@code java -jar} (the plugin's configuration from the root pom, the forked JVM,
	 * the signal passed on to it) is the same for every sample.
	 */
	@Test
	void springBootRunServesUntilSigtermThenDrainsTheOpenSession() throws Exception {
		try (SampleProcess server = SampleProcess.springBootRun("echo-server", arguments())) {
			server.check(() -> servesThenDrains(server, Duration.ofMinutes(3)));
		}
	}

	private static void servesThenDrains(SampleProcess server, Duration startup) throws InterruptedException {
		int port = ServerSampleChecks.awaitStarted(server, startup);
		String address = "net.tcp://localhost:" + port + "/echo";
		ServerSampleChecks.roundTrip(realm.alice(), address, "hello", "hello");
		assertThat(server.log()).contains("Authenticated alice@EXAMPLE.COM from /127.0.0.1:")
			.contains("package SPNEGO, mechanism KERBEROS, protection ENCRYPT_AND_SIGN")
			.contains("Echoing 5 bytes to alice@EXAMPLE.COM");
		ServerSampleChecks.drainsTheOpenSessionOnSigterm(server, realm.alice(), address, UnaryOperator.identity());
		// the handler completed normally: the client's End completed its inbound, then the server sent its End
		assertThat(server.log()).contains("Session of alice@EXAMPLE.COM ended (onComplete)")
			.doesNotContain("ended (cancel)");
	}

	private static List<String> arguments() {
		List<String> arguments = new ArrayList<>(realm.serverArguments());
		arguments.add("--negotiate.tcp.server.vias=/echo");
		return arguments;
	}

}
