package org.negotiatetcp.samples.wcfclient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the client as its README's {@code spring-boot:test-run} does (development KDC, stand-in service on a free
 * port, real sockets, Kerberos inside SPNEGO, encrypted) and checks what it prints.
 */
@ExtendWith(OutputCaptureExtension.class)
class WcfClientApplicationTests {

	@Test
	void clientCallsEveryOperationThroughTheContractAndExitsZero(CapturedOutput output) {
		assertThat(TestWcfClientApplication.run()).isZero();
		assertThat(output)
			.contains("[client] WhoAmI: alice@EXAMPLE.COM (stand-in service: SPNEGO/KERBEROS, ENCRYPT_AND_SIGN)")
			.contains("[client] Place: Order 1: 500 x paper by alice@EXAMPLE.COM")
			.contains("[client] Cancel: cancelled order 1 by alice@EXAMPLE.COM")
			.contains("[client] Notes: sent one way");
	}

}
