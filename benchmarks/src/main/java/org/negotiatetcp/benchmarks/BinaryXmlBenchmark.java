package org.negotiatetcp.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import org.negotiatetcp.soap.AddressingHeaders;
import org.negotiatetcp.soap.SoapEnvelopeWriter;
import org.negotiatetcp.soap.binary.BinaryXml;
import org.negotiatetcp.soap.binary.BinaryXmlQuotas;
import org.negotiatetcp.soap.binary.BinaryXmlStreamWriter;

/**
 * Encoding and decoding a typical WCF request envelope (SOAP 1.2, WS-Addressing headers, a data contract order of
 * {@value #LINES} lines in the body, about 2.5 KB as text XML) through the StAX interfaces: this project's [MC-NBFX]
 * writer and reader with the [MC-NBFS] static dictionary ({@code nbfx}) beside the JDK's StAX text XML on the same
 * document ({@code text}, UTF-8). The writer calls are the same for both formats; decoding reads every event and
 * hands names and texts to the blackhole.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BinaryXmlBenchmark {

	/** Order lines in the envelope's body. */
	static final int LINES = 10;

	private static final String ORDERS = "http://example.org/orders";

	private static final String SHOP = "http://schemas.datacontract.org/2004/07/Shop";

	private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

	private static final AddressingHeaders HEADERS = new AddressingHeaders(ORDERS + "/IOrders/Submit",
			"net.tcp://orders.example.org/orders", "urn:uuid:8c7f2a52-6b11-4d2a-9d0e-3f9a1f0e5b77",
			"http://www.w3.org/2005/08/addressing/anonymous", null);

	private static final XMLOutputFactory TEXT_OUTPUT = XMLOutputFactory.newFactory();

	private static final XMLInputFactory TEXT_INPUT = newInputFactory();

	/** {@code nbfx} (this project's binary XML) or {@code text} (the JDK's StAX, UTF-8). */
	@Param({ "nbfx", "text" })
	public String format;

	private byte[] encoded;

	/**
	 * Encode the envelope once, for the decoding benchmark and the report's sizes.
	 * @throws XMLStreamException never for this document
	 */
	@Setup
	public void encodeOnce() throws XMLStreamException {
		this.encoded = encode();
	}

	/**
	 * Encode the envelope into a new byte array.
	 * @return the bytes
	 * @throws XMLStreamException never for this document
	 */
	@Benchmark
	public byte[] encode() throws XMLStreamException {
		if (this.format.equals("nbfx")) {
			BinaryXmlStreamWriter writer = BinaryXml.newWriter();
			writeEnvelope(writer);
			return writer.toByteArray();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
		XMLStreamWriter writer = TEXT_OUTPUT.createXMLStreamWriter(out, "UTF-8");
		writeEnvelope(writer);
		writer.close();
		return out.toByteArray();
	}

	/**
	 * Decode the envelope, every event.
	 * @param blackhole takes names and texts
	 * @return the number of events
	 * @throws XMLStreamException never for this document
	 */
	@Benchmark
	public int decode(Blackhole blackhole) throws XMLStreamException {
		XMLStreamReader reader = this.format.equals("nbfx") ? BinaryXml.newReader(this.encoded, BinaryXmlQuotas.DEFAULTS)
				: TEXT_INPUT.createXMLStreamReader(new ByteArrayInputStream(this.encoded), "UTF-8");
		int events = 0;
		while (reader.hasNext()) {
			int event = reader.next();
			events++;
			if (event == XMLStreamConstants.START_ELEMENT) {
				blackhole.consume(reader.getLocalName());
				blackhole.consume(reader.getNamespaceURI());
				for (int i = 0; i < reader.getAttributeCount(); i++) {
					blackhole.consume(reader.getAttributeValue(i));
				}
			}
			else if (event == XMLStreamConstants.CHARACTERS) {
				blackhole.consume(reader.getText());
			}
		}
		reader.close();
		return events;
	}

	/**
	 * The encoded envelope's size in this format.
	 * @return the bytes
	 */
	int encodedSize() {
		return this.encoded.length;
	}

	static void writeEnvelope(XMLStreamWriter writer) throws XMLStreamException {
		SoapEnvelopeWriter.writeStart(writer, HEADERS);
		writer.writeStartElement("", "Submit", ORDERS);
		writer.writeDefaultNamespace(ORDERS);
		writer.writeStartElement("", "order", ORDERS);
		writer.writeNamespace("b", SHOP);
		writer.writeNamespace("i", XSI);
		text(writer, "Customer", "Contoso Pharmaceuticals, Zürich");
		text(writer, "Id", "20261207");
		writer.writeStartElement("b", "Lines", SHOP);
		for (int i = 0; i < LINES; i++) {
			writer.writeStartElement("b", "OrderLine", SHOP);
			text(writer, "Item", "Article " + (1000 + i) + " – blister pack");
			text(writer, "Price", (12 + i) + ".50");
			text(writer, "Quantity", Integer.toString(i + 1));
			writer.writeEndElement();
		}
		writer.writeEndElement();
		writer.writeStartElement("b", "Note", SHOP);
		writer.writeAttribute("i", XSI, "nil", "true");
		writer.writeEndElement();
		writer.writeEndElement();
		writer.writeEndElement();
		SoapEnvelopeWriter.writeEnd(writer);
	}

	private static void text(XMLStreamWriter writer, String name, String value) throws XMLStreamException {
		writer.writeStartElement("b", name, SHOP);
		writer.writeCharacters(value);
		writer.writeEndElement();
	}

	private static XMLInputFactory newInputFactory() {
		XMLInputFactory factory = XMLInputFactory.newFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_COALESCING, true);
		return factory;
	}

}
