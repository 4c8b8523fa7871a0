package org.negotiatetcp.mechanism.kerberos;

import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for the AP-REQ locator the acceptor runs on every client's first Kerberos token before JGSS (the replay
 * cache's tag, the checksum flags): any input yields {@code null} or parts that lie inside the input, never an
 * exception. Regression mode replays
 * {@code src/test/resources/org/negotiatetcp/mechanism/kerberos/ApReqFuzzTestsInputs} (an AP-REQ of JGSS for the
 * embedded KDC's {@code host/localhost}, with and without the RFC 4121 token header).
 */
class ApReqFuzzTests {

	@FuzzTest(maxDuration = "60s")
	void apReq(byte[] input) {
		ApReq parsed = ApReq.parse(input);
		if (parsed != null) {
			for (ApReq.EncryptedPart part : List.of(parsed.ticket(), parsed.authenticator())) {
				assertThat(part.offset() >= 0 && part.length() >= 0 && part.offset() + part.length() <= input.length)
					.as("part inside the input: %s", part)
					.isTrue();
				assertThat(part.cipher(input)).hasSize(part.length());
			}
			assertThat(parsed.ticketEncoding()).isNotEmpty();
			parsed.serverName();
		}
		AuthenticatorFlags.read(input, List.of());
	}

}
