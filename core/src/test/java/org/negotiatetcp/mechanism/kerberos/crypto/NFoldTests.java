package org.negotiatetcp.mechanism.kerberos.crypto;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The n-fold vectors of RFC 3961 Appendix A.1.
 */
class NFoldTests {

	@ParameterizedTest(name = "{0}-fold(\"{1}\")")
	@CsvSource(delimiter = '|', value = {
			"64|012345|be072631276b1955",
			"56|password|78a07b6caf85fa",
			"64|Rough Consensus, and Running Code|bb6ed30870b7f0e0",
			"168|password|59e4a8ca7c0385c3c37b3f6d2000247cb6e6bd5b3e",
			"192|MASSACHVSETTS INSTITVTE OF TECHNOLOGY|db3b0d8f0b061e603282b308a50841229ad798fab9540c1b",
			"168|Q|518a54a215a8452a518a54a215a8452a518a54a215",
			"168|ba|fb25d531ae8974499f52fd92ea9857c4ba24cf297e",
			"64|kerberos|6b65726265726f73",
			"128|kerberos|6b65726265726f737b9b5b2b93132b93",
			"168|kerberos|8372c236344e5f1550cd0747e15d62ca7a5a3bcea4",
			"256|kerberos|6b65726265726f737b9b5b2b93132b935c9bdcdad95c9899c4cae4dee6d6cae4" })
	void foldsAsRfc3961Prints(int bits, String input, String expected) {
		assertThat(NFold.fold(input.getBytes(StandardCharsets.US_ASCII), bits / 8)).isEqualTo(Hex.bytes(expected));
	}

}
