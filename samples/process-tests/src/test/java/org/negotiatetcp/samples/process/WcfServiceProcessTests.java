package org.negotiatetcp.samples.process;

import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.negotiatetcp.soap.client.ContractClient;
import org.negotiatetcp.soap.client.SoapClients;
import org.negotiatetcp.soap.contract.OperationContract;
import org.negotiatetcp.soap.contract.ServiceContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code samples/wcf-service} as a process ({@code java -jar}, as its README says): a contract proxy as alice (a
 * manager in its application.yml) calls {@code WhoAmI} over Kerberos; then, with the proxy's session open, SIGTERM:
 * the service starts its graceful shutdown, the proxy closes its session, and the process exits cleanly.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "SIGTERM (Process.destroy() ends a Windows process at once)")
class WcfServiceProcessTests {

	private static final Pattern GRACEFUL_SHUTDOWN = Pattern
		.compile("Commencing graceful shutdown of the Negotiate TCP server on /127\\.0\\.0\\.1:\\d+ \\(1 open sessions");

	private static final Pattern STOPPED = Pattern.compile("Negotiate TCP server on /127\\.0\\.0\\.1:\\d+ stopped");

	@RegisterExtension
	static final ProcessTestRealm realm = new ProcessTestRealm();

	/** The one operation of the sample's {@code IOrders} this test calls. */
	@ServiceContract(namespace = "http://example.org/orders", name = "IOrders")
	interface Orders {

		@OperationContract(name = "WhoAmI")
		String whoAmI();

	}

	@Test
	void javaJarServesACallUntilSigtermThenExitsCleanly() throws Exception {
		try (SampleProcess server = SampleProcess.javaJar("wcf-service", realm.serverArguments())) {
			server.check(() -> {
				int port = ServerSampleChecks.awaitStarted(server, ServerSampleChecks.STARTUP);
				Orders orders = SoapClients.create(Orders.class, realm.alice(),
						"net.tcp://localhost:" + port + "/orders");
				try {
					assertThat(orders.whoAmI()).isEqualTo("alice@EXAMPLE.COM [ROLE_CLERK, ROLE_MANAGER]");
					server.sigterm();
					server.awaitLog(GRACEFUL_SHUTDOWN, Duration.ofSeconds(30));
				}
				finally {
					((ContractClient) orders).close();
				}
				int exitCode = server.awaitExit(ServerSampleChecks.GRACE_PERIOD.plusSeconds(15));
				assertThat(exitCode).as("exit code").isIn(0, 143);
				assertThat(server.log()).containsPattern(STOPPED).doesNotContain("did not end within");
				server.assertLogIsClean();
			});
			assertThat(server.isAlive()).as("the server process ended after SIGTERM").isFalse();
		}
	}

}
