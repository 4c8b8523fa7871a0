package org.negotiatetcp.mechanism.ntlm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiatetcp.mechanism.ntlm.NtlmTestSupport.hex;

/**
 * {@link Rc4} against RFC 6229 key streams, including state continuity across calls.
 */
class Rc4Tests {

	@Test
	void fortyBitKeyStreamMatchesRfc6229() {
		byte[] stream = new Rc4(hex("0102030405")).transform(new byte[16]);
		assertThat(hex(stream)).isEqualTo("b2396305f03dc027ccc3524a0a1118a8");
	}

	@Test
	void oneHundredTwentyEightBitKeyStreamMatchesRfc6229AcrossCalls() {
		Rc4 rc4 = new Rc4(hex("0102030405060708090a0b0c0d0e0f10"));
		assertThat(hex(rc4.transform(new byte[16]))).isEqualTo("9ac7cc9a609d1ef7b2932899cde41b97");
		assertThat(hex(rc4.transform(new byte[16]))).isEqualTo("5248c4959014126a6e8a84f11d1a9e1c");
		rc4.transform(new byte[240 - 32]);
		assertThat(hex(rc4.transform(new byte[32])))
			.isEqualTo("065902e4b620f6cc36c8589f66432f2bd39d566bc6bce30107681515" + "49f3873f");
	}

	@Test
	void transformInPlaceDecryptsWithAFreshHandle() {
		byte[] data = "attack at dawn".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		byte[] sealed = Rc4.rc4k(hex("0102030405060708090a0b0c0d0e0f10"), data);
		byte[] buffer = sealed.clone();
		new Rc4(hex("0102030405060708090a0b0c0d0e0f10")).transform(buffer, 0, buffer.length, buffer, 0);
		assertThat(buffer).isEqualTo(data);
		assertThat(sealed).isNotEqualTo(data);
	}

}
