package org.negotiatetcp.mechanism.ntlm;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.negotiatetcp.mechanism.MechanismException;

/**
 * Fuzz targets for the NTLM parsers: any input either parses or fails with a {@link MechanismException}, never with
 * another exception. In {@code ./mvnw verify} they replay the seed corpus under
 * {@code src/test/resources/org/negotiatetcp/mechanism/ntlm/NtlmFuzzTestsInputs}; with {@code -Pfuzz} (and
 * {@code JAZZER_FUZZ=1}) each runs for a bounded time.
 */
class NtlmFuzzTests {

	@FuzzTest(maxDuration = "60s")
	void negotiateMessage(byte[] input) {
		try {
			NtlmNegotiateMessage.parse(input);
		}
		catch (MechanismException ex) {
			// a typed refusal is the expected outcome for bad input
		}
	}

	@FuzzTest(maxDuration = "60s")
	void challengeMessage(byte[] input) {
		try {
			NtlmChallengeMessage.parse(input);
		}
		catch (MechanismException ex) {
			// expected for bad input
		}
	}

	@FuzzTest(maxDuration = "60s")
	void authenticateMessage(byte[] input) {
		try {
			NtlmAuthenticateMessage.parse(input);
		}
		catch (MechanismException ex) {
			// expected for bad input
		}
	}

	@FuzzTest(maxDuration = "60s")
	void avPairs(byte[] input) {
		try {
			AvPairs pairs = AvPairs.parse(input);
			pairs.flags();
			pairs.timestamp();
			pairs.getString(AvPair.MSV_AV_TARGET_NAME);
		}
		catch (MechanismException ex) {
			// expected for bad input
		}
	}

}
