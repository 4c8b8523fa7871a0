package org.negotiatetcp.soap;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

import org.junit.jupiter.api.Test;
import org.negotiatetcp.soap.binary.BinaryXml;
import org.negotiatetcp.soap.binary.BinaryXmlQuotas;
import org.negotiatetcp.soap.binary.BinaryXmlSession;
import org.negotiatetcp.soap.binary.BinaryXmlStreamWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * SOAP 1.2 envelopes with WS-Addressing 1.0 over binary XML: requests, replies correlated by {@code RelatesTo},
 * faults both ways, {@code mustUnderstand}, and Mono WCF's real request.
 */
class SoapEnvelopeTests {

	@Test
	void requestAndReplyRoundTripWithCorrelation() throws Exception {
		BinaryXmlSession client = new BinaryXmlSession();
		BinaryXmlSession server = new BinaryXmlSession();
		AddressingHeaders request = AddressingHeaders.request("urn:test/IEcho/Echo", "net.tcp://host/echo");
		BinaryXmlStreamWriter writer = client.newWriter();
		SoapEnvelopeWriter.writeStart(writer, request);
		writer.writeStartElement("", "Echo", "urn:test");
		writer.writeDefaultNamespace("urn:test");
		writer.writeStartElement("", "s", "urn:test");
		writer.writeCharacters("hi");
		writer.writeEndElement();
		writer.writeEndElement();
		SoapEnvelopeWriter.writeEnd(writer);

		XMLStreamReader reader = server.newReader(writer.toByteArray());
		ReceivedEnvelope received = SoapEnvelopeReader.readHeaders(reader);
		assertThat(received.addressing()).isEqualTo(request);
		assertThat(received.addressing().messageId()).startsWith("urn:uuid:");
		assertThat(received.notUnderstood()).isEmpty();
		assertThat(reader.getName()).isEqualTo(new QName("urn:test", "Echo"));
		assertThat(SoapEnvelopeReader.readFault(reader)).isNull();

		AddressingHeaders reply = received.addressing().reply("urn:test/IEcho/EchoResponse");
		BinaryXmlStreamWriter replyWriter = server.newWriter();
		SoapEnvelopeWriter.writeStart(replyWriter, reply);
		SoapEnvelopeWriter.writeEnd(replyWriter);
		XMLStreamReader replyReader = client.newReader(replyWriter.toByteArray());
		AddressingHeaders replyHeaders = SoapEnvelopeReader.readHeaders(replyReader).addressing();
		assertThat(replyHeaders.relatesTo()).isEqualTo(request.messageId());
		assertThat(replyReader.getEventType()).as("empty body: at its end").isEqualTo(XMLStreamConstants.END_ELEMENT);
	}

	@Test
	void monoWcfRequestHeaders() throws Exception {
		XMLStreamReader reader = new BinaryXmlSession().newReader(monoRequest());
		ReceivedEnvelope received = SoapEnvelopeReader.readHeaders(reader);
		assertThat(received.addressing().action()).isEqualTo("urn:test/IEcho/Echo");
		assertThat(received.addressing().to()).isEqualTo("net.tcp://localhost:58081/echo");
		assertThat(received.addressing().replyTo()).isEqualTo(Soap12.ANONYMOUS);
		assertThat(received.addressing().messageId()).matches("urn:uuid:[0-9a-f-]{36}");
		assertThat(reader.getName()).isEqualTo(new QName("urn:test", "Echo"));
		reader.nextTag();
		assertThat(reader.getElementText()).isEqualTo("hi");
	}

	@Test
	void faultRoundTripsWithCodeSubcodeReasonAndDetail() throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		Document document = factory.newDocumentBuilder().newDocument();
		Element detail = document.createElementNS("urn:app", "app:OrderFault");
		detail.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:app", "urn:app");
		detail.appendChild(document.createElementNS("urn:app", "app:OrderId")).setTextContent("42");
		SoapFaultException sent = new SoapFaultException(Soap12.SENDER, List.of(new QName("urn:app", "InvalidOrder")),
				"Order 42 does not exist", detail);
		AddressingHeaders request = AddressingHeaders.request("urn:app/Place", "net.tcp://host/orders");

		BinaryXmlStreamWriter writer = BinaryXml.newWriter();
		SoapEnvelopeWriter.writeFaultMessage(writer, request.reply(Soap12.FAULT_ACTION), sent);
		XMLStreamReader reader = BinaryXml.newReader(writer.toByteArray(), BinaryXmlQuotas.DEFAULTS);
		ReceivedEnvelope received = SoapEnvelopeReader.readHeaders(reader);
		assertThat(received.addressing().action()).isEqualTo(Soap12.FAULT_ACTION);
		assertThat(received.addressing().relatesTo()).isEqualTo(request.messageId());

		SoapFaultException fault = SoapEnvelopeReader.readFault(reader);
		assertThat(fault).isNotNull();
		assertThat(fault.getCode()).isEqualTo(Soap12.SENDER);
		assertThat(fault.getSubcodes()).containsExactly(new QName("urn:app", "InvalidOrder"));
		assertThat(fault.getReason()).isEqualTo("Order 42 does not exist");
		assertThat(fault.getMessage()).contains("Sender", "InvalidOrder", "Order 42 does not exist");
		assertThat(fault.getDetail().getLocalName()).isEqualTo("OrderFault");
		assertThat(fault.getDetail().getNamespaceURI()).isEqualTo("urn:app");
		assertThat(fault.getDetail().getTextContent()).isEqualTo("42");
	}

	@Test
	void mustUnderstandHeadersThatAreNotUnderstoodFault() throws Exception {
		BinaryXmlStreamWriter writer = BinaryXml.newWriter();
		writer.writeStartElement("s", "Envelope", Soap12.ENVELOPE_NS);
		writer.writeNamespace("s", Soap12.ENVELOPE_NS);
		writer.writeStartElement("s", "Header", Soap12.ENVELOPE_NS);
		writer.writeStartElement("a", "Action", Soap12.ADDRESSING_NS);
		writer.writeNamespace("a", Soap12.ADDRESSING_NS);
		writer.writeCharacters("urn:x");
		writer.writeEndElement();
		writer.writeStartElement("o", "Security", "urn:sec");
		writer.writeAttribute("s", Soap12.ENVELOPE_NS, "mustUnderstand", "true");
		writer.writeStartElement("o", "Token", "urn:sec");
		writer.writeEndElement();
		writer.writeEndElement();
		writer.writeStartElement("o", "Optional", "urn:sec");
		writer.writeAttribute("s", Soap12.ENVELOPE_NS, "mustUnderstand", "0");
		writer.writeEndElement();
		writer.writeEndElement();
		writer.writeStartElement("s", "Body", Soap12.ENVELOPE_NS);
		writer.writeEndDocument();

		ReceivedEnvelope received = SoapEnvelopeReader
			.readHeaders(BinaryXml.newReader(writer.toByteArray(), BinaryXmlQuotas.DEFAULTS));
		assertThat(received.notUnderstood()).containsExactly(new QName("urn:sec", "Security"));
		assertThatExceptionOfType(SoapFaultException.class).isThrownBy(received::requireUnderstood)
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(Soap12.MUST_UNDERSTAND))
			.withMessageContaining("{urn:sec}Security");
	}

	@Test
	void notASoap12EnvelopeOrNoActionFaults() throws Exception {
		BinaryXmlStreamWriter soap11 = BinaryXml.newWriter();
		soap11.writeStartElement("s", "Envelope", "http://schemas.xmlsoap.org/soap/envelope/");
		soap11.writeEndDocument();
		assertThatExceptionOfType(SoapFaultException.class)
			.isThrownBy(() -> SoapEnvelopeReader
				.readHeaders(BinaryXml.newReader(soap11.toByteArray(), BinaryXmlQuotas.DEFAULTS)))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(Soap12.VERSION_MISMATCH));

		BinaryXmlStreamWriter noAction = BinaryXml.newWriter();
		noAction.writeStartElement("s", "Envelope", Soap12.ENVELOPE_NS);
		noAction.writeStartElement("s", "Body", Soap12.ENVELOPE_NS);
		noAction.writeEndDocument();
		assertThatExceptionOfType(SoapFaultException.class)
			.isThrownBy(() -> SoapEnvelopeReader
				.readHeaders(BinaryXml.newReader(noAction.toByteArray(), BinaryXmlQuotas.DEFAULTS)))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(Soap12.SENDER))
			.satisfies((ex) -> assertThat(ex.getSubcodes()).extracting(QName::getLocalPart)
				.containsExactly("MessageAddressingHeaderRequired"));
	}

	@Test
	void oneWayMessagesHaveNoReply() {
		AddressingHeaders oneWay = AddressingHeaders.oneWay("urn:x/Notify", "net.tcp://host/x");
		assertThat(oneWay.messageId()).isNull();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> oneWay.reply("urn:x/NotifyResponse"))
			.withMessageContaining("one-way");
	}

	/** The first sized envelope the Mono client sent (after the 0x28 bytes of preamble: 06 b9 01, 185 bytes). */
	private static byte[] monoRequest() throws Exception {
		Path capture = Path.of(System.getProperty("project.root", ".."))
			.resolve("core/src/test/resources/captures/mono-wcf-nettcp-none.txt");
		ByteArrayOutputStream client = new ByteArrayOutputStream();
		for (String line : Files.readAllLines(capture)) {
			if (line.startsWith("#") || line.startsWith("\t") || line.isBlank()) {
				continue;
			}
			for (String octet : line.substring(8, Math.min(line.length(), 58)).strip().split("\\s+")) {
				client.write(HexFormat.fromHexDigits(octet));
			}
		}
		byte[] bytes = client.toByteArray();
		assertThat(bytes[0x28]).isEqualTo((byte) 0x06);
		int size = (bytes[0x29] & 0x7F) | (bytes[0x2A] & 0x7F) << 7;
		return java.util.Arrays.copyOfRange(bytes, 0x2B, 0x2B + size);
	}

}
