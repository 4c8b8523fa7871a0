package org.negotiatetcp.samples.process;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code samples/quickstart} as a whole process ({@code java -jar}, as its README says): it starts its own development
 * KDC, server and client, does one round trip and exits by itself (its server's await thread must not keep it alive).
 */
class QuickstartProcessTests {

	@Test
	void javaJarDoesOneAuthenticatedEncryptedRoundTripAndExitsZero() throws Exception {
		try (SampleProcess quickstart = SampleProcess.javaJar("quickstart", List.of())) {
			quickstart.check(() -> {
				assertThat(quickstart.awaitExit(Duration.ofMinutes(2))).as("exit code").isZero();
				assertThat(quickstart.log())
					.contains("[server] alice@EXAMPLE.COM authenticated with SPNEGO (mechanism KERBEROS), "
							+ "protection ENCRYPT_AND_SIGN")
					.containsPattern("on via net\\.tcp://localhost:\\d+/echo")
					.contains("[client] server host/localhost")
					.contains("mutual true")
					.contains("[client] sent 'Hello over net.tcp', received 'echo: Hello over net.tcp'");
			});
			quickstart.assertLogIsClean();
		}
	}

}
