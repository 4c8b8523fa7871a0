package org.negotiatetcp.soap.binary;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Attr;
import org.w3c.dom.DOMException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * DOM in and out of binary XML: a {@link Document} built from a {@link BinaryXmlStreamReader} (or any StAX
 * reader), and a DOM node written to a {@link BinaryXmlStreamWriter} (or any StAX writer). For messages small enough
 * to hold as a tree; stream with the StAX types otherwise.
 */
public final class BinaryXmlDom {

	private BinaryXmlDom() {
	}

	/**
	 * Parses a binary document (static dictionary only) into a DOM.
	 * @param document the bytes
	 * @param quotas the bounds to enforce
	 * @return a namespace-aware document
	 * @throws XMLStreamException when the bytes are not a well-formed binary document or exceed a quota
	 */
	public static Document parse(byte[] document, BinaryXmlQuotas quotas) throws XMLStreamException {
		return read(BinaryXml.newReader(document, quotas));
	}

	/**
	 * Reads the rest of a StAX reader into a DOM.
	 * @param reader a reader at {@code START_DOCUMENT} (or before the root element)
	 * @return a namespace-aware document
	 * @throws XMLStreamException when the reader fails
	 */
	public static Document read(XMLStreamReader reader) throws XMLStreamException {
		Document document = newDocument();
		while (reader.hasNext()) {
			int event = reader.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				document.appendChild(subtree(reader, document));
			}
			else if (event == XMLStreamConstants.COMMENT) {
				document.appendChild(document.createComment(reader.getText()));
			}
		}
		return document;
	}

	/**
	 * Reads one element and its content into a DOM element of a new document.
	 * @param reader a reader at {@code START_ELEMENT}; left at the matching {@code END_ELEMENT}
	 * @return the element (the document element of its document)
	 * @throws XMLStreamException when the reader fails or is not at {@code START_ELEMENT}
	 */
	public static Element readElement(XMLStreamReader reader) throws XMLStreamException {
		if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
			throw new XMLStreamException("readElement() needs START_ELEMENT, the reader is at " + reader.getEventType());
		}
		Document document = newDocument();
		Element element = subtree(reader, document);
		document.appendChild(element);
		return element;
	}

	/** The element the reader is at, through its END_ELEMENT. */
	private static Element subtree(XMLStreamReader reader, Document document) throws XMLStreamException {
		Element root = startElement(reader, document);
		Node parent = root;
		int depth = 1;
		while (depth > 0) {
			switch (reader.next()) {
				case XMLStreamConstants.START_ELEMENT -> {
					Element element = startElement(reader, document);
					parent.appendChild(element);
					parent = element;
					depth++;
				}
				case XMLStreamConstants.END_ELEMENT -> {
					parent = parent.getParentNode();
					depth--;
				}
				case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
					parent.appendChild(document.createTextNode(reader.getText()));
				case XMLStreamConstants.COMMENT -> parent.appendChild(document.createComment(reader.getText()));
				case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("The document ends inside an element");
				default -> {
				}
			}
		}
		return root;
	}

	private static Element startElement(XMLStreamReader reader, Document document) throws XMLStreamException {
		try {
			return domElement(reader, document);
		}
		catch (DOMException ex) {
			// names DOM refuses (XML 1.0 second edition's name characters, reserved prefixes): a typed refusal
			throw new XMLStreamException("<" + qualified(reader.getPrefix(), reader.getLocalName())
					+ "> cannot be represented in DOM: " + ex.getMessage(), ex);
		}
	}

	private static Element domElement(XMLStreamReader reader, Document document) {
		Element element = document.createElementNS(emptyToNull(reader.getNamespaceURI()),
				qualified(reader.getPrefix(), reader.getLocalName()));
		for (int i = 0; i < reader.getNamespaceCount(); i++) {
			String prefix = reader.getNamespacePrefix(i);
			element.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI,
					(prefix == null || prefix.isEmpty()) ? "xmlns" : "xmlns:" + prefix, reader.getNamespaceURI(i));
		}
		for (int i = 0; i < reader.getAttributeCount(); i++) {
			element.setAttributeNS(emptyToNull(reader.getAttributeNamespace(i)),
					qualified(reader.getAttributePrefix(i), reader.getAttributeLocalName(i)), reader.getAttributeValue(i));
		}
		return element;
	}

	/**
	 * Writes a document as binary XML with the static dictionary.
	 * @param document the document (namespace-aware)
	 * @return the bytes
	 * @throws XMLStreamException when the document holds what binary XML cannot (processing instructions)
	 */
	public static byte[] toBytes(Document document) throws XMLStreamException {
		BinaryXmlStreamWriter writer = BinaryXml.newWriter();
		write(document, writer);
		return writer.toByteArray();
	}

	/**
	 * Writes a DOM node (a document, an element and its subtree, text, a comment) to a StAX writer.
	 * @param node the node
	 * @param writer the writer
	 * @throws XMLStreamException when the writer fails
	 */
	public static void write(Node node, XMLStreamWriter writer) throws XMLStreamException {
		switch (node.getNodeType()) {
			case Node.DOCUMENT_NODE -> {
				writer.writeStartDocument();
				for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
					if (child.getNodeType() == Node.ELEMENT_NODE || child.getNodeType() == Node.COMMENT_NODE) {
						write(child, writer);
					}
				}
				writer.writeEndDocument();
			}
			case Node.ELEMENT_NODE -> writeElement((Element) node, writer);
			case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> writer.writeCharacters(node.getNodeValue());
			case Node.COMMENT_NODE -> writer.writeComment(node.getNodeValue());
			default -> throw new XMLStreamException("DOM node type " + node.getNodeType() + " ("
					+ node.getNodeName() + ") has no binary XML form");
		}
	}

	private static void writeElement(Element element, XMLStreamWriter writer) throws XMLStreamException {
		writer.writeStartElement(nullToEmpty(element.getPrefix()), localName(element),
				nullToEmpty(element.getNamespaceURI()));
		NamedNodeMap attributes = element.getAttributes();
		for (int i = 0; i < attributes.getLength(); i++) {
			Attr attribute = (Attr) attributes.item(i);
			if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
				String prefix = attribute.getPrefix();
				writer.writeNamespace((prefix == null) ? "" : attribute.getLocalName(), attribute.getValue());
			}
		}
		for (int i = 0; i < attributes.getLength(); i++) {
			Attr attribute = (Attr) attributes.item(i);
			if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
				writer.writeAttribute(nullToEmpty(attribute.getPrefix()), nullToEmpty(attribute.getNamespaceURI()),
						localName(attribute), attribute.getValue());
			}
		}
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			write(child, writer);
		}
		writer.writeEndElement();
	}

	private static String localName(Node node) {
		return (node.getLocalName() != null) ? node.getLocalName() : node.getNodeName();
	}

	private static Document newDocument() {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			return factory.newDocumentBuilder().newDocument();
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String qualified(@Nullable String prefix, String localName) {
		return (prefix == null || prefix.isEmpty()) ? localName : prefix + ":" + localName;
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	private static String nullToEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
