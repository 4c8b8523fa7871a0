package org.negotiatetcp.soap.binary;

import java.time.Duration;
import java.util.Random;

import javax.xml.stream.XMLStreamReader;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.negotiatetcp.soap.binary.Infoset.hex;

/**
 * Bad input and quota violations: each is a typed {@link BinaryXmlException} (never another exception type, never a
 * hang), naming what is wrong.
 */
class MalformedInputTests {

	private static final String DOC = "40 03 646F63";

	private static void malformed(String hex, String message) {
		assertThatExceptionOfType(MalformedBinaryXmlException.class).isThrownBy(() -> NbfxRecordTests.read(hex))
			.withMessageContaining(message);
	}

	private static BinaryXmlQuotaExceededException quota(byte[] bytes, BinaryXmlQuotas quotas, String quota) {
		BinaryXmlQuotaExceededException ex = org.junit.jupiter.api.Assertions
			.assertThrows(BinaryXmlQuotaExceededException.class, () -> readAll(bytes, quotas));
		assertThat(ex.getQuota()).isEqualTo(quota);
		assertThat(ex.getMessage()).contains(quota);
		return ex;
	}

	private static void readAll(byte[] bytes, BinaryXmlQuotas quotas) throws Exception {
		XMLStreamReader reader = BinaryXml.newReader(bytes, quotas);
		while (reader.hasNext()) {
			reader.next();
		}
	}

	@Test
	void unknownRecordType() {
		malformed(DOC + "78 01", "Unknown or misplaced record type 0x78");
		malformed(DOC + "A5 01", "Unknown or misplaced record type 0xa5");
		malformed("FF", "Unknown or misplaced record type 0xff");
	}

	@Test
	void dictionaryIdBeyondTheStaticDictionary() {
		malformed("42 CE 07 01", "Dictionary id 0x3ce is beyond the static dictionary");
		malformed(DOC + "AA FE 7F", "beyond the static dictionary");
	}

	@Test
	void truncatedRecords() {
		malformed(DOC, "ends inside element <doc>");
		malformed(DOC + "8C 15CD", "ends inside Int32Text");
		malformed(DOC + "98 05 6865", "ends inside Chars8Text");
		malformed("40 05 646F63", "ends inside an element name");
		malformed("", "no document element");
	}

	@Test
	void misplacedRecords() {
		malformed("04 0461747472 98 00", "outside a start tag");
		malformed("98 03 616263", "outside the document element");
		malformed(DOC + "01 " + DOC + "01", "A second document element");
		malformed("01", "EndElement record without an open element");
		malformed(DOC + "04 0461747472 99 00 01", "is not an attribute value");
		malformed(DOC + "A6 01", "EndListText without StartListText");
		malformed(DOC + "03 40 03617272 01 99 01 00 01", "Array record of record type 0x99");
	}

	@Test
	void namesThatAreNotXmlNamesAreRefused() {
		// found by SoapFuzzTests#envelope (crash-5c27d5...): Microsoft's reader lets such names through, DOM (and a
		// text writer) then fail with an untyped exception
		malformed("40 03 612F62 01", "The name of an element is not an XML name: 'a/b'");
		malformed("40 03 316162 01", "not an XML name: '1ab'");
		malformed("40 00 01", "not an XML name: ''");
		malformed("41 03 612062 01 62 01", "The prefix of an element b is not an XML name: 'a b'");
		malformed(DOC + "04 03 782F79 98 0131 01", "The name of an attribute is not an XML name: 'x/y'");
		malformed(DOC + "04 05 786D6C6E73 98 0131 01", "is a namespace declaration written as an attribute record");
		malformed(DOC + "09 02 2D61 03 75726E 01", "A namespace prefix is not an XML name: '-a'");
		malformed("40 02 6101 01", "not an XML name: 'a\\u0001'");
	}

	@Test
	void badValues() {
		malformed(DOC + "B4 02 01", "BoolText value 2");
		malformed(DOC + "9C FFFFFFFF 01", "negative length");
		malformed(DOC + "94 0000 1D 00 00000000 0100000000000000 01", "not a .NET decimal");
		malformed(DOC + "96 000000000000 00C0 01", "not a .NET DateTime");
		malformed(DOC + "98 02 C328 01", "not UTF-8");
		malformed(DOC + "BC 1A 02 01", "not a to z");
		malformed("5E 03646F63 01", "Prefix 'a' of <a:doc> is not declared");
		malformed(DOC + "0B 01 61 04 0B 01 61 06 01", "declared twice");
		malformed(DOC + "04 01 78 82 04 01 78 80 01", "repeated");
	}

	@Test
	void multiByteInt31BeyondThirtyOneBits() {
		malformed("40 FFFFFFFF0F 61", "exceeds 31 bits");
		malformed("40 FFFFFF", "ends inside an element name");
	}

	@Test
	void everyTruncationOfARealMessageIsMalformed() throws Exception {
		byte[] request = MonoCaptureTests.envelopes(true).get(0);
		for (int length = 0; length < request.length; length++) {
			byte[] truncated = java.util.Arrays.copyOf(request, length);
			assertThatExceptionOfType(BinaryXmlException.class).as("first %d bytes", length)
				.isThrownBy(() -> Infoset.render(new BinaryXmlSession().newReader(truncated)));
		}
	}

	@Test
	void randomCorruptionOfARealMessageFailsOnlyWithTypedErrors() throws Exception {
		byte[] request = MonoCaptureTests.envelopes(true).get(0);
		Random random = new Random(12);
		assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
			int failures = 0;
			for (int run = 0; run < 20_000; run++) {
				byte[] corrupt = request.clone();
				for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
					corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
				}
				try {
					Infoset.render(new BinaryXmlSession().newReader(corrupt));
				}
				catch (BinaryXmlException ex) {
					failures++;
				}
			}
			assertThat(failures).as("most corruptions are detected").isGreaterThan(1000);
		});
	}

	@Test
	void maxDepth() {
		StringBuilder hex = new StringBuilder();
		for (int i = 0; i < 33; i++) {
			hex.append("40 01 61 ");
		}
		hex.append("01".repeat(33));
		BinaryXmlQuotaExceededException ex = quota(hex(hex.toString()), BinaryXmlQuotas.DEFAULTS, "MaxDepth");
		assertThat(ex.getLimit()).isEqualTo(32);
		assertThatNoException().isThrownBy(() -> readAll(hex(hex.toString()), BinaryXmlQuotas.DEFAULTS.withMaxDepth(33)));
	}

	@Test
	void maxStringContentLength() {
		byte[] text = hex(DOC + "9B 0120" + "61".repeat(8193)); // Chars16TextWithEndElement of 0x2001 = 8193
		quota(text, BinaryXmlQuotas.DEFAULTS, "MaxStringContentLength");
		byte[] run = hex(DOC + ("9A 0010" + "61".repeat(4096)).repeat(2) + "99 01 61");
		quota(run, BinaryXmlQuotas.DEFAULTS, "MaxStringContentLength");
	}

	@Test
	void maxArrayLength() {
		quota(hex(DOC + "03 40 01 61 01 8D FFFF03 01"), BinaryXmlQuotas.DEFAULTS.withMaxReceivedMessageSize(1 << 20),
				"MaxArrayLength");
		quota(hex(DOC + "A3 01400000" + "00".repeat(16385)), BinaryXmlQuotas.DEFAULTS, "MaxArrayLength");
	}

	@Test
	void maxBytesPerRead() {
		String attributes = "";
		for (int i = 0; i < 600; i++) {
			attributes += String.format("04 02 %04X 98 01 78 ", 0x6100 + (i % 26) * 256 + 0x61 + i / 26);
		}
		quota(hex(DOC + attributes + "01"), BinaryXmlQuotas.DEFAULTS, "MaxBytesPerRead");
	}

	@Test
	void maxNameTableCharCount() {
		quota(hex("40 0B" + "61".repeat(11) + "01"), BinaryXmlQuotas.DEFAULTS.withMaxNameTableCharCount(10),
				"MaxNameTableCharCount");
	}

	@Test
	void maxReceivedMessageSize() {
		assertThatExceptionOfType(BinaryXmlQuotaExceededException.class)
			.isThrownBy(() -> BinaryXml.newReader(new byte[65537], BinaryXmlQuotas.DEFAULTS))
			.satisfies((ex) -> assertThat(ex.getQuota()).isEqualTo("MaxReceivedMessageSize"));
		assertThatExceptionOfType(BinaryXmlQuotaExceededException.class)
			.isThrownBy(() -> new BinaryXmlSession().newReader(new byte[65537]))
			.satisfies((ex) -> assertThat(ex.getQuota()).isEqualTo("MaxReceivedMessageSize"));
	}

	@Test
	void quotasMustBePositive() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> BinaryXmlQuotas.DEFAULTS.withMaxDepth(0))
			.withMessageContaining("maxDepth");
	}

}
