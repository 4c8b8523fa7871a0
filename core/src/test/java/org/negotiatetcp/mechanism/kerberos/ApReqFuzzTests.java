package org.negotiatetcp.mechanism.kerberos;

import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

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
				if (part.offset() < 0 || part.length() < 0 || part.offset() + part.length() > input.length) {
					throw new IllegalStateException("part outside the input: " + part);
				}
				part.cipher(input);
			}
			parsed.ticketEncoding();
		}
		AuthenticatorFlags.read(input, List.of());
	}

}
