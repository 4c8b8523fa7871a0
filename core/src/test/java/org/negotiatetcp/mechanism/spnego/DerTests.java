package org.negotiatetcp.mechanism.spnego;

import java.util.HexFormat;
import java.util.Random;

import org.ietf.jgss.Oid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The DER reader and writer: known encodings, round trips, agreement with the JDK's own OID encoder, and malformed
 * input that must end in {@code BAD_TOKEN}.
 */
class DerTests {

	private static final HexFormat HEX = HexFormat.of();

	@ParameterizedTest
	@CsvSource({ "1.3.6.1.5.5.2, 2b0601050502", "1.2.840.113554.1.2.2, 2a864886f712010202",
			"1.2.840.48018.1.2.2, 2a864882f712010202", "1.3.6.1.4.1.311.2.2.10, 2b06010401823702020a",
			"1.3.6.1.4.1.311.2.2.30, 2b06010401823702021e", "2.999.3, 883703", "0.0, 00",
			"2.5.4.4294967295, 55048fffffff7f" })
	void encodesAndDecodesKnownObjectIdentifiers(String dotted, String hex) {
		assertThat(HEX.formatHex(Der.encodeOid(dotted))).isEqualTo(hex);
		assertThat(Der.decodeOid(HEX.parseHex(hex))).isEqualTo(dotted);
	}

	@Test
	void objectIdentifierEncodingAgreesWithTheJdk() throws Exception {
		Random random = new Random(4178);
		for (int i = 0; i < 2000; i++) {
			int first = random.nextInt(3);
			StringBuilder dotted = new StringBuilder().append(first).append('.')
				.append(random.nextInt((first < 2) ? 40 : 1000));
			int arcs = 1 + random.nextInt(10);
			for (int a = 0; a < arcs; a++) {
				dotted.append('.').append(random.nextInt(4) == 0 ? random.nextInt(Integer.MAX_VALUE) : random.nextInt(200));
			}
			byte[] jdk = new Oid(dotted.toString()).getDER();
			byte[] ours = new DerWriter().writeOid(dotted.toString()).toByteArray();
			assertThat(ours).as(dotted.toString()).isEqualTo(jdk);
			assertThat(new DerReader(ours).read(Der.OBJECT_IDENTIFIER, "oid").oid()).isEqualTo(dotted.toString());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1", "1.", ".1", "3.1", "1.40", "1.2.-3", "1.2.+3", "1.2.x", "1.2.99999999999" })
	void refusesToEncodeMalformedObjectIdentifiers(String dotted) {
		assertThatIllegalArgumentException().isThrownBy(() -> Der.encodeOid(dotted));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "2a86", "2a80", "2a808601", "2affffffffff7f" })
	void refusesToDecodeMalformedObjectIdentifiers(String hex) {
		assertBadToken(() -> Der.decodeOid(HEX.parseHex(hex)));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 127, 128, 255, 256, 65535, 65536, 1 << 20 })
	void lengthsAreMinimalAndReadBack(int length) {
		byte[] content = new byte[length];
		new Random(length).nextBytes(content);
		byte[] encoded = new DerWriter().writeOctetString(content).toByteArray();
		int lengthOctets = (length < 128) ? 1 : (length < 256) ? 2 : (length < 65536) ? 3 : 4;
		assertThat(encoded).hasSize(1 + lengthOctets + length);
		if (length >= 128) {
			assertThat(encoded[1] & 0xff).isEqualTo(0x80 | (lengthOctets - 1));
			assertThat(encoded[2]).as("no leading zero length octet").isNotZero();
		}
		DerReader.Tlv tlv = new DerReader(encoded).read(Der.OCTET_STRING, "octets");
		assertThat(tlv.content()).isEqualTo(content);
		assertThat(tlv.encoded()).isEqualTo(encoded);
	}

	@ParameterizedTest
	@CsvSource({ "0, 0a0100", "1, 0a0101", "3, 0a0103", "127, 0a017f", "128, 0a020080", "255, 0a0200ff",
			"256, 0a020100", "2147483647, 0a047fffffff" })
	void enumeratedValuesAreMinimal(int value, String hex) {
		byte[] encoded = new DerWriter().writeEnumerated(value).toByteArray();
		assertThat(HEX.formatHex(encoded)).isEqualTo(hex);
		assertThat(new DerReader(encoded).read(Der.ENUMERATED, "enum").smallInteger()).isEqualTo(value);
	}

	@Test
	void nestedConstructedValuesRoundTrip() {
		byte[] encoded = new DerWriter()
			.writeConstructed(Der.SEQUENCE, (seq) -> seq.writeConstructed(Der.contextTag(0), (c) -> c.writeOid("1.2.3"))
				.writeConstructed(Der.contextTag(2), (c) -> c.writeOctetString(new byte[] { 1, 2 })))
			.toByteArray();
		assertThat(HEX.formatHex(encoded)).isEqualTo("300ca0040602 2a03 a2040402 0102".replace(" ", ""));
		DerReader fields = new DerReader(encoded).read(Der.SEQUENCE, "seq").contents();
		assertThat(fields.read().inner(Der.OBJECT_IDENTIFIER, "oid").oid()).isEqualTo("1.2.3");
		assertThat(fields.peekTag()).isEqualTo(0xa2);
		assertThat(fields.read().inner(Der.OCTET_STRING, "octets").content()).containsExactly(1, 2);
		assertThat(fields.hasMore()).isFalse();
		assertThat(fields.peekTag()).isEqualTo(-1);
	}

	@Test
	void nonMinimalLengthsAreReadLeniently() {
		assertThat(new DerReader(HEX.parseHex("0481020102")).read().content()).containsExactly(1, 2);
		assertThat(new DerReader(HEX.parseHex("048400000001ff")).read().content()).containsExactly(0xff);
	}

	@ParameterizedTest
	@CsvSource({ "04, length octet missing", "0405010203, claims 5 octets", "0480, indefinite length",
			"048501, takes 5 octets", "0482ff, run past the end", "1f0100, multi-octet tag",
			"048400ffffff01, claims 16777215 octets", "0484ffffffff01, claims 4294967295 octets" })
	void malformedElementsAreBadTokens(String hex, String message) {
		assertThatExceptionOfType(MechanismException.class)
			.isThrownBy(() -> new DerReader(HEX.parseHex(hex)).read())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.BAD_TOKEN))
			.withMessageContaining(message);
	}

	@Test
	void wrongTagsMissingFieldsAndTrailingBytesAreBadTokens() {
		assertBadToken(() -> new DerReader(HEX.parseHex("0400")).read(Der.SEQUENCE, "a SEQUENCE"));
		assertBadToken(() -> new DerReader(new byte[0]).read());
		assertBadToken(() -> new DerReader(HEX.parseHex("04000400")).read().contents().read());
		assertBadToken(() -> new DerReader(HEX.parseHex("a0060400040105")).read().inner(Der.OCTET_STRING, "x"));
		assertBadToken(() -> new DerReader(HEX.parseHex("0a00")).read().smallInteger());
		assertBadToken(() -> new DerReader(HEX.parseHex("0a050000000001")).read().smallInteger());
		DerReader reader = new DerReader(HEX.parseHex("04000400"));
		reader.read();
		assertBadToken(() -> reader.expectEnd("the first"));
	}

	@Test
	void sliceBoundsAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DerReader(new byte[4], 2, 3));
		assertThatIllegalArgumentException().isThrownBy(() -> new DerReader(new byte[4], -1, 1));
		// a slice ends where it says, even if the array goes on
		assertBadToken(() -> new DerReader(HEX.parseHex("04020102"), 0, 3).read());
	}

	@Test
	void writerRefusesWhatItCannotEncode() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DerWriter().writeTlv(0x1f, new byte[0]));
		assertThatIllegalArgumentException().isThrownBy(() -> new DerWriter().writeEnumerated(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> Der.contextTag(31));
	}

	static void assertBadToken(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
		assertThatExceptionOfType(MechanismException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.BAD_TOKEN));
	}

}
