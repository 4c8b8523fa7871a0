package org.negotiatetcp.samples.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code samples/secured-server} as a process ({@code java -jar}, as its README says): alice has the ORDERS role in
 * its application.yml, so her orders are placed.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "SIGTERM (Process.destroy() ends a Windows process at once)")
class SecuredServerProcessTests {

	@RegisterExtension
	static final ProcessTestRealm realm = new ProcessTestRealm();

	@Test
	void javaJarServesUntilSigtermThenDrainsTheOpenSession() throws Exception {
		try (SampleProcess server = SampleProcess.javaJar("secured-server", realm.serverArguments())) {
			server.check(() -> {
				int port = ServerSampleChecks.awaitStarted(server, ServerSampleChecks.STARTUP);
				String address = "net.tcp://localhost:" + port + "/orders";
				ServerSampleChecks.roundTrip(realm.alice(), address, "coffee",
						"order 'coffee' placed by alice@EXAMPLE.COM");
				ServerSampleChecks.drainsTheOpenSessionOnSigterm(server, realm.alice(), address,
						(order) -> "order '" + order + "' placed by alice@EXAMPLE.COM");
			});
			assertThat(server.isAlive()).as("the server process ended after SIGTERM").isFalse();
		}
	}

}
