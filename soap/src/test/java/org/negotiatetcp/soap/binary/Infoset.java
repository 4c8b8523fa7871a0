package org.negotiatetcp.soap.binary;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Test helpers: a StAX reader's events as a compact string, with prefixes and namespace declarations (so that it
 * shows what a text XML writer would write), and hex input.
 */
final class Infoset {

	private Infoset() {
	}

	static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
	}

	/** The events as XML text: {@code <p:a xmlns:p="ns" b="v">text</p:a>}; comments as {@code <!--c-->}. */
	static String render(XMLStreamReader reader) throws XMLStreamException {
		StringBuilder xml = new StringBuilder();
		while (reader.hasNext()) {
			switch (reader.next()) {
				case XMLStreamConstants.START_ELEMENT -> {
					xml.append('<').append(name(reader.getPrefix(), reader.getLocalName()));
					for (int i = 0; i < reader.getNamespaceCount(); i++) {
						String prefix = reader.getNamespacePrefix(i);
						xml.append(' ').append((prefix == null) ? "xmlns" : "xmlns:" + prefix).append("=\"")
							.append(reader.getNamespaceURI(i)).append('"');
					}
					for (int i = 0; i < reader.getAttributeCount(); i++) {
						xml.append(' ')
							.append(name(reader.getAttributePrefix(i), reader.getAttributeLocalName(i)))
							.append("=\"")
							.append(reader.getAttributeValue(i))
							.append('"');
					}
					xml.append('>');
				}
				case XMLStreamConstants.END_ELEMENT -> xml.append("</")
					.append(name(reader.getPrefix(), reader.getLocalName()))
					.append('>');
				case XMLStreamConstants.CHARACTERS -> xml.append(reader.getText());
				case XMLStreamConstants.COMMENT -> xml.append("<!--").append(reader.getText()).append("-->");
				default -> {
				}
			}
		}
		return xml.toString();
	}

	/** The events with resolved namespaces, independent of prefixes: {@code {ns}a[{ns}b=v](text)}. */
	static List<String> infoset(XMLStreamReader reader) throws XMLStreamException {
		List<String> events = new ArrayList<>();
		while (reader.hasNext()) {
			switch (reader.next()) {
				case XMLStreamConstants.START_ELEMENT -> {
					StringBuilder event = new StringBuilder("start " + reader.getName());
					for (int i = 0; i < reader.getAttributeCount(); i++) {
						event.append(' ').append(reader.getAttributeName(i)).append('=').append(reader.getAttributeValue(i));
					}
					events.add(event.toString());
				}
				case XMLStreamConstants.END_ELEMENT -> events.add("end " + reader.getName());
				case XMLStreamConstants.CHARACTERS -> events.add("text " + reader.getText());
				case XMLStreamConstants.COMMENT -> events.add("comment " + reader.getText());
				default -> {
				}
			}
		}
		return events;
	}

	/** Copies every event of a reader to a writer, declarations included. */
	static void copy(XMLStreamReader reader, XMLStreamWriter writer) throws XMLStreamException {
		writer.writeStartDocument();
		while (reader.hasNext()) {
			switch (reader.next()) {
				case XMLStreamConstants.START_ELEMENT -> {
					writer.writeStartElement(reader.getPrefix(), reader.getLocalName(),
							(reader.getNamespaceURI() != null) ? reader.getNamespaceURI() : "");
					for (int i = 0; i < reader.getNamespaceCount(); i++) {
						writer.writeNamespace(reader.getNamespacePrefix(i), reader.getNamespaceURI(i));
					}
					for (int i = 0; i < reader.getAttributeCount(); i++) {
						writer.writeAttribute(reader.getAttributePrefix(i),
								(reader.getAttributeNamespace(i) != null) ? reader.getAttributeNamespace(i) : "",
								reader.getAttributeLocalName(i), reader.getAttributeValue(i));
					}
				}
				case XMLStreamConstants.END_ELEMENT -> writer.writeEndElement();
				case XMLStreamConstants.CHARACTERS -> writer.writeCharacters(reader.getText());
				case XMLStreamConstants.COMMENT -> writer.writeComment(reader.getText());
				default -> {
				}
			}
		}
		writer.writeEndDocument();
	}

	private static String name(String prefix, String localName) {
		return (prefix == null || prefix.isEmpty()) ? localName : prefix + ":" + localName;
	}

}
