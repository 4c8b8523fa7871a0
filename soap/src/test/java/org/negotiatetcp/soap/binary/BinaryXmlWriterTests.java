package org.negotiatetcp.soap.binary;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.negotiatetcp.soap.binary.Infoset.hex;

/**
 * The writer: the records it chooses (known bytes), and round trips (write, read, same infoset) for every typed value,
 * arrays, DOM, and the JDK's own StAX text XML on the same documents.
 */
class BinaryXmlWriterTests {

	private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

	private static final String WSA10 = "http://www.w3.org/2005/08/addressing";

	@Test
	void shortestRecordsForNamesInTheDictionaryAndOneLetterPrefixes() throws Exception {
		BinaryXmlStreamWriter writer = BinaryXml.newWriter();
		writer.writeStartElement("s", "Envelope", SOAP12);
		writer.writeNamespace("s", SOAP12);
		writer.writeNamespace("a", WSA10);
		writer.writeStartElement("s", "Header", SOAP12);
		writer.writeStartElement("a", "Action", WSA10);
		writer.writeAttribute("s", SOAP12, "mustUnderstand", "1");
		writer.writeCharacters("urn:x");
		writer.writeEndElement();
		writer.writeEndElement();
		writer.writeStartElement("s", "Body", SOAP12);
		writer.writeEndElement();
		writer.writeEndElement();
		// the same records Mono's WCF writes for these (see the capture): 56 02 0B 01 73 04 0B 01 61 06 56 08 44 0A 1E 00 82 99 ...
		assertThat(writer.toByteArray())
			.isEqualTo(hex("56 02 0B 01 73 04 0B 01 61 06 56 08 44 0A 1E 00 82 99 05 75726E3A78 01 56 0E 01 01"));
	}

	@Test
	void plainNamesAndLongerPrefixes() throws Exception {
		BinaryXmlStreamWriter writer = BinaryXml.newWriter();
		writer.writeStartElement("", "doc", "");
		writer.writeStartElement("pre", "item", "http://abc");
		writer.writeNamespace("pre", "http://abc");
		writer.writeAttribute("pre", "http://abc", "attr", "hello");
		writer.writeAttribute("plain", "");
		writer.writeEndElement();
		writer.writeEndElement();
		assertThat(writer.toByteArray()).isEqualTo(hex("40 03646F63 41 03707265 046974656D 09 03707265"
				+ " 0A687474703A2F2F616263 05 03707265 0461747472 98 0568656C6C6F 04 05706C61696E 98 00 01 01"));
	}

	@Test
	void everyTypedValueReadsBackAsItsText() throws Exception {
		UUID id = UUID.fromString("33221100-5544-7766-8899-aabbccddeeff");
		BinaryXmlStreamWriter writer = BinaryXml.newWriter();
		writer.writeStartElement("v");
		value(writer, "int0", () -> writer.writeInt(0));
		value(writer, "int1", () -> writer.writeInt(1));
		value(writer, "int8", () -> writer.writeInt(-34));
		value(writer, "int16", () -> writer.writeInt(-32768));
		value(writer, "int32", () -> writer.writeInt(123456789));
		value(writer, "int64", () -> writer.writeInt(4294967296L));
		value(writer, "uint64", () -> writer.writeUInt64(-1L));
		value(writer, "bool", () -> writer.writeBoolean(true));
		value(writer, "boolText", () -> writer.writeBoolText(false));
		value(writer, "float", () -> writer.writeFloat(1.1f));
		value(writer, "double", () -> writer.writeDouble(0.1));
		value(writer, "doubleAsFloat", () -> writer.writeDouble(0.5));
		value(writer, "decimal", () -> writer.writeDecimal(new BigDecimal("-79228162514264337593543950335")));
		value(writer, "dateTime", () -> writer.writeDateTime(Instant.parse("2026-12-07T21:30:15.1234567Z")));
		value(writer, "timeSpan", () -> writer.writeTimeSpan(Duration.ofHours(-26).minusMillis(500)));
		value(writer, "uniqueId", () -> writer.writeUniqueId(id));
		value(writer, "uuid", () -> writer.writeUuid(id));
		value(writer, "base64", () -> writer.writeBase64(new byte[300]));
		value(writer, "unicode", () -> writer.writeUnicodeChars("caf\u00e9"));
		value(writer, "dictionary", () -> writer.writeDictionaryText("Action"));
		value(writer, "qname", () -> writer.writeQName("s", "Envelope"));
		value(writer, "list", () -> writer.writeList("1", "two", "true"));
		value(writer, "empty", writer::writeEmptyText);
		value(writer, "long", () -> writer.writeCharacters("x".repeat(70_000)));
		writer.writeEndElement();
		XMLStreamReader reader = BinaryXml.newReader(writer.toByteArray(),
				BinaryXmlQuotas.DEFAULTS.withMaxStringContentLength(100_000).withMaxReceivedMessageSize(1 << 20));
		assertThat(Infoset.render(reader)).isEqualTo("<v><int0>0</int0><int1>1</int1><int8>-34</int8>"
				+ "<int16>-32768</int16><int32>123456789</int32><int64>4294967296</int64>"
				+ "<uint64>18446744073709551615</uint64><bool>true</bool><boolText>false</boolText><float>1.1</float>"
				+ "<double>0.1</double><doubleAsFloat>0.5</doubleAsFloat>"
				+ "<decimal>-79228162514264337593543950335</decimal><dateTime>2026-12-07T21:30:15.1234567Z</dateTime>"
				+ "<timeSpan>-P1DT2H0.5S</timeSpan><uniqueId>urn:uuid:" + id + "</uniqueId><uuid>" + id + "</uuid>"
				+ "<base64>" + Base64.getEncoder().encodeToString(new byte[300]) + "</base64>"
				+ "<unicode>caf\u00e9</unicode><dictionary>Action</dictionary><qname>s:Envelope</qname>"
				+ "<list>1 two true</list><empty></empty><long>" + "x".repeat(70_000) + "</long></v>");
	}

	private interface Value {

		void write() throws XMLStreamException;

	}

	private static void value(BinaryXmlStreamWriter writer, String name, Value value) throws XMLStreamException {
		writer.writeStartElement(name);
		value.write();
		writer.writeEndElement();
	}

	@Test
	void arraysReadBackAsRepeatedElements() throws Exception {
		BinaryXmlStreamWriter writer = BinaryXml.newWriter();
		writer.writeStartElement("a");
		writer.writeArray("", "i", "", new int[] { 1, -2, 300000 });
		writer.writeArray("", "s", "", new short[] { 7 });
		writer.writeArray("", "l", "", new long[] { Long.MIN_VALUE });
		writer.writeArray("", "b", "", new boolean[] { true, false });
		writer.writeArray("", "f", "", new float[] { 2.5f });
		writer.writeArray("", "d", "", new double[] { 1e-7 });
		writer.writeArray("", "m", "", new BigDecimal[] { new BigDecimal("1.50") });
		writer.writeArray("", "t", "", new Instant[] { Instant.EPOCH });
		writer.writeArray("", "p", "", new Duration[] { Duration.ofMinutes(90) });
		writer.writeArray("x", "u", "urn:x", new UUID[] { new UUID(0, 1) });
		writer.writeEndElement();
		assertThat(Infoset.render(BinaryXml.newReader(writer.toByteArray(), BinaryXmlQuotas.DEFAULTS)))
			.isEqualTo("<a><i>1</i><i>-2</i><i>300000</i><s>7</s><l>-9223372036854775808</l><b>true</b><b>false</b>"
					+ "<f>2.5</f><d>1E-07</d><m>1.50</m><t>1970-01-01T00:00:00Z</t><p>PT1H30M</p>"
					+ "<x:u xmlns:x=\"urn:x\">00000000-0000-0000-0000-000000000001</x:u></a>");
	}

	@Test
	void missingDeclarationsAreAddedSoTheOutputReadsBack() throws Exception {
		BinaryXmlStreamWriter writer = BinaryXml.newWriter();
		writer.writeStartElement("p", "root", "urn:p");
		writer.writeAttribute("q", "urn:q", "attr", "v");
		writer.writeStartElement("", "child", "urn:default");
		writer.writeStartElement("", "grandchild", "");
		writer.writeEndElement();
		writer.writeEndElement();
		writer.writeEndElement();
		assertThat(Infoset.infoset(BinaryXml.newReader(writer.toByteArray(), BinaryXmlQuotas.DEFAULTS))).containsExactly(
				"start {urn:p}root {urn:q}attr=v", "start {urn:default}child", "start grandchild", "end grandchild",
				"end {urn:default}child", "end {urn:p}root");
	}

	@Test
	void emptyElementsCommentsAndWriterMisuse() throws Exception {
		BinaryXmlStreamWriter writer = BinaryXml.newWriter();
		writer.writeStartDocument();
		writer.writeCharacters("\n  ");
		assertThatExceptionOfType(XMLStreamException.class).isThrownBy(() -> writer.writeCharacters("text"));
		writer.writeStartElement("r");
		writer.writeEmptyElement("e");
		writer.writeAttribute("k", "v");
		writer.writeComment("note");
		assertThatExceptionOfType(XMLStreamException.class).isThrownBy(() -> writer.writeAttribute("late", "v"));
		assertThatExceptionOfType(XMLStreamException.class).isThrownBy(() -> writer.writeProcessingInstruction("pi"));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(writer::toByteArray);
		writer.writeEndDocument();
		assertThatExceptionOfType(XMLStreamException.class).isThrownBy(() -> writer.writeStartElement("second"));
		assertThat(Infoset.render(BinaryXml.newReader(writer.toByteArray(), BinaryXmlQuotas.DEFAULTS)))
			.isEqualTo("<r><e k=\"v\"></e><!--note--></r>");
	}

	@Test
	void domRoundTripEqualsTheTextParse() throws Exception {
		String xml = """
				<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">\
				<s:Header><a:Action s:mustUnderstand="1">urn:test/IEcho/Echo</a:Action>\
				<a:MessageID>urn:uuid:6f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0</a:MessageID></s:Header>\
				<s:Body><Echo xmlns="urn:test" xml:lang="en"><!-- c --><s>h\u00e9llo &amp; &lt;bye&gt;</s><n>0</n><e/>\
				<mixed>a<b>b</b>c</mixed></Echo></s:Body></s:Envelope>""";
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		Document text = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
		byte[] binary = BinaryXmlDom.toBytes(text);
		Document back = BinaryXmlDom.parse(binary, BinaryXmlQuotas.DEFAULTS);
		text.normalizeDocument();
		back.normalizeDocument();
		assertThat(back.isEqualNode(text)).as("same DOM after the binary round trip").isTrue();
		assertThat(binary.length).as("binary is smaller than the text").isLessThan(xml.length() / 2);
	}

	@Test
	void sameEventsAsTheJdksTextStaxOnTheSameDocument() throws Exception {
		String xml = "<r xmlns=\"urn:r\" xmlns:p=\"urn:p\"><p:a p:x=\"1\" y=\"two\">text</p:a><b>true</b><c/></r>";
		XMLStreamReader textReader = XMLInputFactory.newFactory().createXMLStreamReader(new StringReader(xml));
		BinaryXmlStreamWriter writer = BinaryXml.newWriter();
		Infoset.copy(textReader, writer);
		byte[] binary = writer.toByteArray();
		assertThat(Infoset.infoset(BinaryXml.newReader(binary, BinaryXmlQuotas.DEFAULTS)))
			.isEqualTo(Infoset.infoset(XMLInputFactory.newFactory().createXMLStreamReader(new StringReader(xml))));
		// and back to text through the JDK's writer
		StringWriter out = new StringWriter();
		Infoset.copy(BinaryXml.newReader(binary, BinaryXmlQuotas.DEFAULTS),
				XMLOutputFactory.newFactory().createXMLStreamWriter(out));
		assertThat(out.toString()).contains("<p:a p:x=\"1\" y=\"two\">text</p:a>");
	}

}
