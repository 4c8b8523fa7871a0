package org.negotiatetcp.soap.binary;

import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.xml.stream.XMLStreamException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiatetcp.soap.binary.Infoset.hex;

/**
 * Known answers for every [MC-NBFX] record type: the bytes each record definition (section 2) gives for a small
 * document, and the XML they stand for. The base64 examples are the specification's own (Bytes8Text: {@code 01 02 03}
 * is {@code AQID}, {@code FF} is {@code /w==}); the dictionary ids are [MC-NBFS]'s.
 */
class NbfxRecordTests {

	private static final String DOC = "40 03 646F63";

	private static final String ABC = "0A 687474703A2F2F616263";

	static String read(String hex) throws XMLStreamException {
		return Infoset.render(BinaryXml.newReader(hex(hex), BinaryXmlQuotas.DEFAULTS));
	}

	@Test
	void shortElement() throws Exception {
		assertThat(read(DOC + "01")).isEqualTo("<doc></doc>");
	}

	@Test
	void elementWithXmlnsAttribute() throws Exception {
		assertThat(read("41 03707265 03646F63 09 03707265" + ABC + "01"))
			.isEqualTo("<pre:doc xmlns:pre=\"http://abc\"></pre:doc>");
	}

	@Test
	void shortDictionaryElement() throws Exception {
		assertThat(read("42 02 01")).isEqualTo("<Envelope></Envelope>");
	}

	@Test
	void dictionaryElementWithDictionaryXmlnsAttribute() throws Exception {
		assertThat(read("43 03707265 0E 0B 03707265 04 01"))
			.isEqualTo("<pre:Body xmlns:pre=\"http://www.w3.org/2003/05/soap-envelope\"></pre:Body>");
	}

	@Test
	void shortXmlnsAttributeSetsTheDefaultNamespace() throws Exception {
		var reader = BinaryXml.newReader(hex(DOC + "08" + ABC + "01"), BinaryXmlQuotas.DEFAULTS);
		reader.next();
		assertThat(reader.getNamespaceURI()).isEqualTo("http://abc");
		assertThat(read(DOC + "08" + ABC + "01")).isEqualTo("<doc xmlns=\"http://abc\"></doc>");
	}

	@Test
	void shortDictionaryXmlnsAttribute() throws Exception {
		assertThat(read(DOC + "0A 04 01")).isEqualTo("<doc xmlns=\"http://www.w3.org/2003/05/soap-envelope\"></doc>");
	}

	static Stream<Character> letters() {
		return IntStream.range(0, 26).mapToObj((i) -> (char) ('a' + i));
	}

	@ParameterizedTest
	@MethodSource("letters")
	void prefixDictionaryElement(char letter) throws Exception {
		String hex = String.format("%02X 02 0B 01 %02X 04 01", 0x44 + letter - 'a', (int) letter);
		assertThat(read(hex)).isEqualTo("<" + letter + ":Envelope xmlns:" + letter
				+ "=\"http://www.w3.org/2003/05/soap-envelope\"></" + letter + ":Envelope>");
	}

	@ParameterizedTest
	@MethodSource("letters")
	void prefixElement(char letter) throws Exception {
		String hex = String.format("%02X 03646F63 09 01 %02X", 0x5E + letter - 'a', (int) letter) + ABC + "01";
		assertThat(read(hex))
			.isEqualTo("<" + letter + ":doc xmlns:" + letter + "=\"http://abc\"></" + letter + ":doc>");
	}

	@ParameterizedTest
	@MethodSource("letters")
	void prefixDictionaryAttribute(char letter) throws Exception {
		String hex = DOC + String.format("09 01 %02X", (int) letter) + ABC
				+ String.format("%02X 00 82 01", 0x0C + letter - 'a');
		assertThat(read(hex))
			.isEqualTo("<doc xmlns:" + letter + "=\"http://abc\" " + letter + ":mustUnderstand=\"1\"></doc>");
	}

	@ParameterizedTest
	@MethodSource("letters")
	void prefixAttribute(char letter) throws Exception {
		String hex = DOC + String.format("09 01 %02X", (int) letter) + ABC
				+ String.format("%02X 0461747472 84 01", 0x26 + letter - 'a');
		assertThat(read(hex)).isEqualTo("<doc xmlns:" + letter + "=\"http://abc\" " + letter + ":attr=\"false\"></doc>");
	}

	@Test
	void shortAttribute() throws Exception {
		assertThat(read(DOC + "04 0461747472 98 0568656C6C6F 01")).isEqualTo("<doc attr=\"hello\"></doc>");
	}

	@Test
	void attribute() throws Exception {
		assertThat(read(DOC + "09 03707265" + ABC + "05 03707265 0461747472 98 0568656C6C6F 01"))
			.isEqualTo("<doc xmlns:pre=\"http://abc\" pre:attr=\"hello\"></doc>");
	}

	@Test
	void shortDictionaryAttribute() throws Exception {
		assertThat(read(DOC + "06 08 86 01")).isEqualTo("<doc Header=\"true\"></doc>");
	}

	@Test
	void dictionaryAttribute() throws Exception {
		assertThat(read(DOC + "09 03707265" + ABC + "07 03707265 00 80 01"))
			.isEqualTo("<doc xmlns:pre=\"http://abc\" pre:mustUnderstand=\"0\"></doc>");
	}

	@Test
	void attributeValueAsList() throws Exception {
		assertThat(read(DOC + "04 0461747472 A4 88 7B 98 03616263 A6 01")).isEqualTo("<doc attr=\"123 abc\"></doc>");
	}

	@Test
	void xmlPrefixNeedsNoDeclaration() throws Exception {
		assertThat(read(DOC + "05 03786D6C 046C616E67 98 02656E 01")).isEqualTo("<doc xml:lang=\"en\"></doc>");
	}

	static Stream<Arguments> texts() {
		return Stream.of(Arguments.of("ZeroText", 0x80, "", "0"), Arguments.of("OneText", 0x82, "", "1"),
				Arguments.of("FalseText", 0x84, "", "false"), Arguments.of("TrueText", 0x86, "", "true"),
				Arguments.of("Int8Text", 0x88, "DE", "-34"), Arguments.of("Int16Text", 0x8A, "0080", "-32768"),
				Arguments.of("Int32Text", 0x8C, "15CD5B07", "123456789"),
				Arguments.of("Int64Text", 0x8E, "0000000001000000", "4294967296"),
				Arguments.of("FloatText", 0x90, "CDCC8C3F", "1.1"),
				Arguments.of("DoubleText", 0x92, "9A9999999999B93F", "0.1"),
				Arguments.of("DoubleText large", 0x92, "408CB5781DAF1544", "1E+20"),
				Arguments.of("DoubleText infinity", 0x92, "000000000000F07F", "INF"),
				Arguments.of("DecimalText", 0x94, "0000 06 00 00000000 802D4E0000000000", "5.123456"),
				Arguments.of("DecimalText negative", 0x94, "0000 02 80 00000000 3930000000000000", "-123.45"),
				Arguments.of("DateTimeText UTC", 0x96, "0080B5F7F57F9F48", "1970-01-01T00:00:00Z"),
				Arguments.of("DateTimeText unspecified", 0x96, "8756C8F7F57F9F08", "1970-01-01T00:00:00.1234567"),
				Arguments.of("Chars8Text", 0x98, "05 68656C6C6F", "hello"),
				Arguments.of("Chars16Text", 0x9A, "0500 68656C6C6F", "hello"),
				Arguments.of("Chars32Text", 0x9C, "05000000 68656C6C6F", "hello"),
				Arguments.of("Chars8Text UTF-8", 0x98, "02 C3A9", "\u00e9"),
				Arguments.of("Bytes8Text", 0x9E, "03 010203", "AQID"), Arguments.of("Bytes8Text", 0x9E, "01 FF", "/w=="),
				Arguments.of("Bytes16Text", 0xA0, "0300 010203", "AQID"),
				Arguments.of("Bytes32Text", 0xA2, "03000000 010203", "AQID"), Arguments.of("EmptyText", 0xA8, "", ""),
				Arguments.of("DictionaryText", 0xAA, "0A", "Action"),
				Arguments.of("UniqueIdText", 0xAC, "00112233445566778899AABBCCDDEEFF",
						"urn:uuid:33221100-5544-7766-8899-aabbccddeeff"),
				Arguments.of("TimeSpanText", 0xAE, "0068C46108000000", "PT1H"),
				Arguments.of("TimeSpanText", 0xAE, "4007EB5BDA000000", "P1DT2H3M4.5S"),
				Arguments.of("TimeSpanText negative", 0xAE, "C0F814A425FFFFFF", "-P1DT2H3M4.5S"),
				Arguments.of("TimeSpanText zero", 0xAE, "0000000000000000", "PT0S"),
				Arguments.of("UuidText", 0xB0, "00112233445566778899AABBCCDDEEFF", "33221100-5544-7766-8899-aabbccddeeff"),
				Arguments.of("UInt64Text", 0xB2, "FFFFFFFFFFFFFFFF", "18446744073709551615"),
				Arguments.of("BoolText", 0xB4, "01", "true"), Arguments.of("BoolText", 0xB4, "00", "false"),
				Arguments.of("UnicodeChars8Text", 0xB6, "06 75006E006900", "uni"),
				Arguments.of("UnicodeChars16Text", 0xB8, "0600 75006E006900", "uni"),
				Arguments.of("UnicodeChars32Text", 0xBA, "06000000 75006E006900", "uni"),
				Arguments.of("QNameDictionaryText", 0xBC, "08 08", "i:Header"));
	}

	@ParameterizedTest(name = "{0} 0x{1}")
	@MethodSource("texts")
	void textRecordThenEndElement(String name, int type, String payload, String text) throws Exception {
		assertThat(read(DOC + String.format("%02X", type) + payload + "01")).isEqualTo("<doc>" + text + "</doc>");
	}

	@ParameterizedTest(name = "{0}WithEndElement 0x{1}")
	@MethodSource("texts")
	void textRecordWithEndElement(String name, int type, String payload, String text) throws Exception {
		assertThat(read(DOC + String.format("%02X", type + 1) + payload)).isEqualTo("<doc>" + text + "</doc>");
	}

	@Test
	void startListAndEndListText() throws Exception {
		assertThat(read(DOC + "A4 88 7B 98 03616263 86 A6 01")).isEqualTo("<doc>123 abc true</doc>");
	}

	@Test
	void consecutiveTextRecordsAreOneCharactersEvent() throws Exception {
		var reader = BinaryXml.newReader(hex(DOC + "98 03616263 82 99 03646566"), BinaryXmlQuotas.DEFAULTS);
		assertThat(Infoset.infoset(reader)).containsExactly("start doc", "text abc1def", "end doc");
	}

	@Test
	void comment() throws Exception {
		assertThat(read(DOC + "02 07 636F6D6D656E74 01")).isEqualTo("<doc><!--comment--></doc>");
	}

	@Test
	void arrayOfInt16() throws Exception {
		assertThat(read(DOC + "03 40 03617272 01 8B 03 3333 8888 DDDD 01"))
			.isEqualTo("<doc><arr>13107</arr><arr>-30584</arr><arr>-8739</arr></doc>");
	}

	@Test
	void arrayOfBoolWithAttributeAndNamespace() throws Exception {
		assertThat(read(DOC + "03 5E 01 62 09 01 61" + ABC + "04 01 6E 82 01 B5 02 01 00 01")).isEqualTo(
				"<doc><a:b xmlns:a=\"http://abc\" n=\"1\">true</a:b><a:b xmlns:a=\"http://abc\" n=\"1\">false</a:b></doc>");
	}

	@Test
	void emptyArray() throws Exception {
		assertThat(read(DOC + "03 40 03617272 01 8D 00 01")).isEqualTo("<doc></doc>");
	}

	@Test
	void multiByteInt31() throws Exception {
		int[] values = { 0, 0x7F, 0x80, 0x3FFF, 0x4000, 0x1FFFFF, 0x200000, 0x0FFFFFFF, 0x10000000, 0x7FFFFFFF };
		String[] encodings = { "00", "7F", "8001", "FF7F", "808001", "FFFF7F", "80808001", "FFFFFF7F", "8080808001",
				"FFFFFFFF07" };
		for (int i = 0; i < values.length; i++) {
			ByteSink sink = new ByteSink();
			sink.multiByteInt31(values[i]);
			assertThat(sink.toByteArray()).as("0x%X", values[i]).isEqualTo(hex(encodings[i]));
			byte[] bytes = hex(encodings[i]);
			assertThat(new ByteCursor(bytes, 0, bytes.length).multiByteInt31("test")).isEqualTo(values[i]);
		}
	}

}
