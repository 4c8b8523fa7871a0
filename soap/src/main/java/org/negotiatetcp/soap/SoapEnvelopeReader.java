package org.negotiatetcp.soap;

import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jspecify.annotations.Nullable;
import org.negotiatetcp.soap.binary.BinaryXmlDom;
import org.w3c.dom.Element;

/**
 * Reads SOAP 1.2 envelopes with WS-Addressing 1.0 headers from any StAX reader, streaming: the headers are read,
 * the body's content is left to the caller (JAXB, DOM, StAX), and a fault body becomes a
 * {@link SoapFaultException}.
 */
public final class SoapEnvelopeReader {

	private static final QName ACTION_REQUIRED = new QName(Soap12.ADDRESSING_NS, "MessageAddressingHeaderRequired",
			"a");

	private SoapEnvelopeReader() {
	}

	/**
	 * Reads the envelope's start and header, and enters the body.
	 * @param reader a reader at the start of the document
	 * @return the addressing headers and the {@code mustUnderstand} headers not understood; the reader is left at
	 * the body's first child element ({@code START_ELEMENT}) or, for an empty body, at the body's
	 * {@code END_ELEMENT}
	 * @throws SoapFaultException when the document is not a SOAP 1.2 envelope ({@code VersionMismatch} or
	 * {@code Sender}) or has no {@code Action}
	 * @throws XMLStreamException when the reader fails
	 */
	public static ReceivedEnvelope readHeaders(XMLStreamReader reader) throws XMLStreamException, SoapFaultException {
		reader.nextTag();
		if (!Soap12.ENVELOPE_NS.equals(reader.getNamespaceURI()) || !"Envelope".equals(reader.getLocalName())) {
			if ("Envelope".equals(reader.getLocalName())) {
				throw new SoapFaultException(Soap12.VERSION_MISMATCH,
						"Envelope in namespace " + reader.getNamespaceURI() + ", not SOAP 1.2");
			}
			throw new SoapFaultException(Soap12.SENDER, "Document element " + reader.getName() + " is not a SOAP envelope");
		}
		String action = null;
		String to = null;
		String messageId = null;
		String replyTo = null;
		String relatesTo = null;
		List<QName> notUnderstood = new ArrayList<>();
		reader.nextTag();
		if (isEnvelope(reader, "Header")) {
			while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
				boolean mustUnderstand = isTrue(reader.getAttributeValue(Soap12.ENVELOPE_NS, "mustUnderstand"));
				String local = reader.getLocalName();
				if (Soap12.ADDRESSING_NS.equals(reader.getNamespaceURI())) {
					switch (local) {
						case "Action" -> action = reader.getElementText().strip();
						case "To" -> to = reader.getElementText().strip();
						case "MessageID" -> messageId = reader.getElementText().strip();
						case "RelatesTo" -> relatesTo = reader.getElementText().strip();
						case "ReplyTo" -> replyTo = address(reader);
						default -> skip(reader);
					}
				}
				else {
					if (mustUnderstand) {
						notUnderstood.add(reader.getName());
					}
					skip(reader);
				}
			}
			reader.nextTag();
		}
		if (!isEnvelope(reader, "Body") || reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
			throw new SoapFaultException(Soap12.SENDER, "The envelope has no s:Body");
		}
		if (action == null) {
			throw new SoapFaultException(Soap12.SENDER, List.of(ACTION_REQUIRED),
					"The WS-Addressing Action header is required", null);
		}
		reader.nextTag();
		return new ReceivedEnvelope(new AddressingHeaders(action, to, messageId, replyTo, relatesTo), notUnderstood);
	}

	/**
	 * Reads a fault if the reader is at one.
	 * @param reader a reader at the body's first child (as {@link #readHeaders} leaves it)
	 * @return the fault, the reader left at its {@code END_ELEMENT}; or {@code null} (the reader untouched) when the
	 * body holds no {@code s:Fault}
	 * @throws XMLStreamException when the reader fails or the fault is malformed
	 */
	public static @Nullable SoapFaultException readFault(XMLStreamReader reader) throws XMLStreamException {
		if (reader.getEventType() != XMLStreamConstants.START_ELEMENT || !isEnvelope(reader, "Fault")) {
			return null;
		}
		QName code = null;
		List<QName> subcodes = new ArrayList<>();
		String reason = null;
		Element detail = null;
		while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
			String local = reader.getLocalName();
			if (!Soap12.ENVELOPE_NS.equals(reader.getNamespaceURI())) {
				skip(reader);
				continue;
			}
			switch (local) {
				case "Code" -> code = codes(reader, subcodes);
				case "Reason" -> {
					while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
						String lang = reader.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
						String text = reader.getElementText();
						if (reason == null || "en".equalsIgnoreCase(lang)) {
							reason = text;
						}
					}
				}
				case "Detail" -> {
					if (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
						detail = BinaryXmlDom.readElement(reader);
						while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
							skip(reader);
						}
					}
				}
				default -> skip(reader);
			}
		}
		if (code == null) {
			throw new XMLStreamException("s:Fault without s:Code");
		}
		return new SoapFaultException(code, subcodes, (reason != null) ? reason : "", detail);
	}

	/** {@code s:Code}: its {@code s:Value} and the values of nested {@code s:Subcode}s. */
	private static QName codes(XMLStreamReader reader, List<QName> subcodes) throws XMLStreamException {
		QName code = null;
		int depth = 0;
		while (true) {
			int event = reader.nextTag();
			if (event == XMLStreamConstants.END_ELEMENT) {
				if (depth == 0) {
					break;
				}
				depth--;
				continue;
			}
			if (isEnvelope(reader, "Value")) {
				QName value = qname(reader);
				if (code == null) {
					code = soapCode(value);
				}
				else {
					subcodes.add(value);
				}
			}
			else if (isEnvelope(reader, "Subcode")) {
				depth++;
			}
			else {
				skip(reader);
			}
		}
		if (code == null) {
			throw new XMLStreamException("s:Code without s:Value");
		}
		return code;
	}

	/**
	 * The top-level code is one of SOAP 1.2's five; Mono's WCF (6.8) writes it without prefix and without a default
	 * namespace ({@code <s:Value>Sender</s:Value>}), which is read as the SOAP code of that name.
	 */
	private static QName soapCode(QName value) {
		if (!value.getNamespaceURI().isEmpty()) {
			return value;
		}
		for (QName known : List.of(Soap12.SENDER, Soap12.RECEIVER, Soap12.MUST_UNDERSTAND, Soap12.VERSION_MISMATCH,
				Soap12.DATA_ENCODING_UNKNOWN)) {
			if (known.getLocalPart().equals(value.getLocalPart())) {
				return known;
			}
		}
		return value;
	}

	private static QName qname(XMLStreamReader reader) throws XMLStreamException {
		String text = reader.getElementText().strip();
		int colon = text.indexOf(':');
		String prefix = (colon < 0) ? "" : text.substring(0, colon);
		String ns = reader.getNamespaceContext().getNamespaceURI(prefix);
		if (colon >= 0 && (ns == null || ns.isEmpty())) {
			throw new XMLStreamException("Fault code " + text + ": prefix " + prefix + " is not declared");
		}
		return new QName((ns != null) ? ns : "", text.substring(colon + 1), prefix);
	}

	private static @Nullable String address(XMLStreamReader reader) throws XMLStreamException {
		String address = null;
		while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
			if (Soap12.ADDRESSING_NS.equals(reader.getNamespaceURI()) && "Address".equals(reader.getLocalName())) {
				address = reader.getElementText().strip();
			}
			else {
				skip(reader);
			}
		}
		return address;
	}

	private static boolean isEnvelope(XMLStreamReader reader, String localName) {
		return Soap12.ENVELOPE_NS.equals(reader.getNamespaceURI()) && localName.equals(reader.getLocalName());
	}

	private static boolean isTrue(@Nullable String value) {
		return value != null && (value.strip().equals("1") || value.strip().equals("true"));
	}

	/** Skips the element the reader is at, leaving the reader at its END_ELEMENT. */
	private static void skip(XMLStreamReader reader) throws XMLStreamException {
		int depth = 1;
		while (depth > 0) {
			int event = reader.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				depth++;
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				depth--;
			}
		}
	}

}
