package org.negotiatetcp.samples.quickstart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the quickstart as its README does and checks what it prints.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuickstartApplicationTests {

	@Test
	void quickstartAuthenticatesBothSidesExchangesOneEncryptedMessageAndExitsZero(CapturedOutput output) {
		assertThat(QuickstartApplication.run()).isZero();
		assertThat(output).contains("[server] alice@EXAMPLE.COM authenticated with SPNEGO (mechanism KERBEROS), "
				+ "protection ENCRYPT_AND_SIGN")
			.containsPattern("on via net\\.tcp://localhost:\\d+/echo")
			.contains("[client] server host/localhost")
			.contains("authenticated with SPNEGO (mechanism KERBEROS), protection ENCRYPT_AND_SIGN")
			.contains("mutual true")
			.contains("[client] sent 'Hello over net.tcp', received 'echo: Hello over net.tcp'");
	}

}
