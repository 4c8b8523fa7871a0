package org.negotiatetcp.soap;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.negotiatetcp.soap.binary.BinaryXmlDom;
import org.w3c.dom.Element;

/**
 * Writes SOAP 1.2 envelopes with WS-Addressing 1.0 headers as WCF does: prefixes {@code s} and {@code a} (one-letter
 * prefixes have the shortest binary records), {@code Action} and {@code To} marked {@code mustUnderstand}. The body
 * is the caller's: {@link #writeStart} leaves the writer inside {@code <s:Body>}, {@link #writeEnd} closes it.
 */
public final class SoapEnvelopeWriter {

	private SoapEnvelopeWriter() {
	}

	/**
	 * Writes the envelope's start, the headers and the start of the body.
	 * @param writer the writer (typically a binary one)
	 * @param headers the addressing headers
	 * @throws XMLStreamException when the writer fails
	 */
	public static void writeStart(XMLStreamWriter writer, AddressingHeaders headers) throws XMLStreamException {
		writer.writeStartDocument();
		writer.writeStartElement("s", "Envelope", Soap12.ENVELOPE_NS);
		writer.writeNamespace("s", Soap12.ENVELOPE_NS);
		writer.writeNamespace("a", Soap12.ADDRESSING_NS);
		writer.writeStartElement("s", "Header", Soap12.ENVELOPE_NS);
		header(writer, "Action", headers.action(), true);
		if (headers.relatesTo() != null) {
			header(writer, "RelatesTo", headers.relatesTo(), false);
		}
		if (headers.messageId() != null) {
			header(writer, "MessageID", headers.messageId(), false);
		}
		if (headers.replyTo() != null) {
			writer.writeStartElement("a", "ReplyTo", Soap12.ADDRESSING_NS);
			writer.writeStartElement("a", "Address", Soap12.ADDRESSING_NS);
			writer.writeCharacters(headers.replyTo());
			writer.writeEndElement();
			writer.writeEndElement();
		}
		if (headers.to() != null) {
			header(writer, "To", headers.to(), true);
		}
		writer.writeEndElement();
		writer.writeStartElement("s", "Body", Soap12.ENVELOPE_NS);
	}

	private static void header(XMLStreamWriter writer, String name, String value, boolean mustUnderstand)
			throws XMLStreamException {
		writer.writeStartElement("a", name, Soap12.ADDRESSING_NS);
		if (mustUnderstand) {
			writer.writeAttribute("s", Soap12.ENVELOPE_NS, "mustUnderstand", "1");
		}
		writer.writeCharacters(value);
		writer.writeEndElement();
	}

	/**
	 * Closes the body and the envelope.
	 * @param writer the writer
	 * @throws XMLStreamException when the writer fails
	 */
	public static void writeEnd(XMLStreamWriter writer) throws XMLStreamException {
		writer.writeEndElement();
		writer.writeEndElement();
		writer.writeEndDocument();
	}

	/**
	 * Writes a whole fault message: the reply's headers (with {@link Soap12#FAULT_ACTION} unless the given headers
	 * name another action) and an {@code s:Fault} body.
	 * @param writer the writer
	 * @param headers the reply's headers (see {@link AddressingHeaders#reply(String)})
	 * @param fault the fault
	 * @throws XMLStreamException when the writer fails
	 */
	public static void writeFaultMessage(XMLStreamWriter writer, AddressingHeaders headers, SoapFaultException fault)
			throws XMLStreamException {
		writeStart(writer, headers);
		writeFault(writer, fault);
		writeEnd(writer);
	}

	/**
	 * Writes an {@code s:Fault} element: code, subcodes, reason ({@code xml:lang="en"}) and detail.
	 * @param writer a writer inside {@code s:Body}
	 * @param fault the fault
	 * @throws XMLStreamException when the writer fails
	 */
	public static void writeFault(XMLStreamWriter writer, SoapFaultException fault) throws XMLStreamException {
		writer.writeStartElement("s", "Fault", Soap12.ENVELOPE_NS);
		writer.writeStartElement("s", "Code", Soap12.ENVELOPE_NS);
		value(writer, fault.getCode(), 0);
		int depth = 0;
		for (QName subcode : fault.getSubcodes()) {
			writer.writeStartElement("s", "Subcode", Soap12.ENVELOPE_NS);
			value(writer, subcode, ++depth);
		}
		for (int i = 0; i < depth; i++) {
			writer.writeEndElement();
		}
		writer.writeEndElement();
		writer.writeStartElement("s", "Reason", Soap12.ENVELOPE_NS);
		writer.writeStartElement("s", "Text", Soap12.ENVELOPE_NS);
		writer.writeAttribute(XMLConstants.XML_NS_PREFIX, XMLConstants.XML_NS_URI, "lang", "en");
		writer.writeCharacters(fault.getReason());
		writer.writeEndElement();
		writer.writeEndElement();
		Element detail = fault.getDetail();
		if (detail != null) {
			writer.writeStartElement("s", "Detail", Soap12.ENVELOPE_NS);
			BinaryXmlDom.write(detail, writer);
			writer.writeEndElement();
		}
		writer.writeEndElement();
	}

	/** An {@code s:Value} holding a QName, declaring its prefix when it is not the envelope's. */
	private static void value(XMLStreamWriter writer, QName code, int depth) throws XMLStreamException {
		writer.writeStartElement("s", "Value", Soap12.ENVELOPE_NS);
		String prefix;
		if (Soap12.ENVELOPE_NS.equals(code.getNamespaceURI())) {
			prefix = "s";
		}
		else if (code.getNamespaceURI().isEmpty()) {
			prefix = "";
		}
		else {
			prefix = (code.getPrefix().isEmpty() || code.getPrefix().equals("s") || code.getPrefix().equals("a"))
					? "f" + depth : code.getPrefix();
			writer.writeNamespace(prefix, code.getNamespaceURI());
		}
		writer.writeCharacters(prefix.isEmpty() ? code.getLocalPart() : prefix + ":" + code.getLocalPart());
		writer.writeEndElement();
	}

}
