package org.negotiatetcp.mechanism.spnego;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.negotiatetcp.mechanism.InitialToken;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * Fuzz targets for the SPNEGO DER parsers (NegTokenInit, NegTokenResp, either via {@link NegotiationToken}) and the
 * first-token sniffing: any input parses or fails with a {@link MechanismException}. Regression mode replays
 * {@code src/test/resources/org/negotiatetcp/mechanism/spnego/SpnegoFuzzTestsInputs}.
 */
class SpnegoFuzzTests {

	@FuzzTest(maxDuration = "60s")
	void negotiationToken(byte[] input) {
		InitialToken.detect(input);
		try {
			NegotiationToken.decode(input);
		}
		catch (MechanismException ex) {
			// a typed refusal is the expected outcome for bad input
		}
		try {
			NegTokenInit.decode(input);
		}
		catch (MechanismException ex) {
			// expected for bad input
		}
		try {
			NegTokenResp.decode(input);
		}
		catch (MechanismException ex) {
			// expected for bad input
		}
	}

}
