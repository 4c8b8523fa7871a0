package org.negotiatetcp.soap;

import java.util.ArrayList;
import java.util.List;

import javax.xml.namespace.NamespaceContext;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.negotiatetcp.soap.binary.BinaryXml;
import org.negotiatetcp.soap.binary.BinaryXmlDom;
import org.negotiatetcp.soap.binary.BinaryXmlException;
import org.negotiatetcp.soap.binary.BinaryXmlQuotas;
import org.negotiatetcp.soap.binary.BinaryXmlSession;

/**
 * Fuzz targets for the [MC-NBFX] reader (through its StAX interface, with tight reader quotas), the [MC-NBFSE]
 * string table and session reader, and SOAP envelope parsing as a session decodes each received message. Any input is
 * read to its end or refused with an {@link XMLStreamException} (a {@link BinaryXmlException} for malformed bytes or
 * an exceeded quota) or, for envelopes, a {@link SoapFaultException}; nothing else escapes, every event's accessors
 * answer, elements balance, and no text, array or dictionary grows beyond its quota. Regression mode replays
 * {@code src/test/resources/org/negotiatetcp/soap/SoapFuzzTestsInputs} (seeds: the Mono WCF capture, documents and
 * sessions written by Microsoft's binary writer on .NET Core 2.0, our writer's replies; see the README there);
 * {@code -Pfuzz} fuzzes each for a bounded time. One class, so that Jazzer's agent starts once per build (soap's
 * tests run a JVM per class, see the pom).
 */
class SoapFuzzTests {

	/** Tight quotas, so that the fuzzer reaches their limits with small inputs. */
	static final BinaryXmlQuotas QUOTAS = new BinaryXmlQuotas(16, 2048, 512, 4096, 2048, 65536, 1024);

	/** More events than any input within the quotas can produce. */
	private static final int MAX_EVENTS = 1_000_000;

	@FuzzTest(maxDuration = "60s")
	void nbfxDocument(byte[] input) {
		try {
			drain(BinaryXml.newReader(input, QUOTAS));
		}
		catch (XMLStreamException ex) {
			// a typed refusal is the expected outcome for bad input
		}
	}

	@FuzzTest(maxDuration = "60s")
	void nbfseSession(byte[] input) {
		BinaryXmlSession session = new BinaryXmlSession(QUOTAS);
		for (byte[] message : messages(input)) {
			try {
				drain(session.newReader(message));
			}
			catch (XMLStreamException ex) {
				// WCF faults the session on a bad message; so does SoapSession
				break;
			}
			if (session.receivedDictionary().size() > QUOTAS.maxSessionSize()) {
				throw new AssertionError("The session dictionary grew to " + session.receivedDictionary().size()
						+ " bytes beyond MaxSessionSize " + QUOTAS.maxSessionSize());
			}
		}
	}

	@FuzzTest(maxDuration = "60s")
	void envelope(byte[] input) {
		try {
			XMLStreamReader reader = new BinaryXmlSession(QUOTAS).newReader(input);
			ReceivedEnvelope envelope = SoapEnvelopeReader.readHeaders(reader);
			SoapFaultException fault = SoapEnvelopeReader.readFault(reader);
			if (fault == null && reader.getEventType() == XMLStreamConstants.START_ELEMENT) {
				BinaryXmlDom.readElement(reader);
			}
			envelope.requireUnderstood();
		}
		catch (SoapFaultException | XMLStreamException ex) {
			// a typed refusal is the expected outcome for bad input
		}
	}

	/**
	 * Splits a fuzz input into the messages of one session: each a 2-byte big-endian length and that many bytes (the
	 * last one takes what is left when shorter).
	 * @param input the input
	 * @return the messages
	 */
	static List<byte[]> messages(byte[] input) {
		List<byte[]> messages = new ArrayList<>();
		int offset = 0;
		while (offset + 2 <= input.length && messages.size() < 16) {
			int length = ((input[offset] & 0xFF) << 8) | (input[offset + 1] & 0xFF);
			offset += 2;
			int end = Math.min(input.length, offset + length);
			byte[] message = new byte[end - offset];
			System.arraycopy(input, offset, message, 0, message.length);
			messages.add(message);
			offset = end;
		}
		return messages;
	}

	/**
	 * Reads a document to its end, asking each event for everything StAX offers about it.
	 * @param reader the reader
	 * @throws XMLStreamException when the reader refuses the input
	 */
	static void drain(XMLStreamReader reader) throws XMLStreamException {
		int depth = 0;
		int events = 0;
		while (reader.hasNext()) {
			int event = reader.next();
			if (++events > MAX_EVENTS) {
				throw new AssertionError("More than " + MAX_EVENTS + " events");
			}
			switch (event) {
				case XMLStreamConstants.START_ELEMENT -> {
					if (++depth > QUOTAS.maxDepth()) {
						throw new AssertionError("Depth " + depth + " beyond MaxDepth " + QUOTAS.maxDepth());
					}
					touchElement(reader);
				}
				case XMLStreamConstants.END_ELEMENT -> {
					if (--depth < 0) {
						throw new AssertionError("More end elements than start elements");
					}
					reader.getName();
					reader.getNamespaceCount();
				}
				case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE,
						XMLStreamConstants.COMMENT -> {
					String text = reader.getText();
					if (text.length() != reader.getTextLength()) {
						throw new AssertionError("getText() and getTextLength() disagree");
					}
					char[] copy = new char[Math.min(16, text.length())];
					reader.getTextCharacters(0, copy, 0, copy.length);
					reader.isWhiteSpace();
				}
				case XMLStreamConstants.END_DOCUMENT -> {
					if (depth != 0) {
						throw new AssertionError("The document ended at depth " + depth);
					}
				}
				default -> reader.getEventType();
			}
		}
	}

	private static void touchElement(XMLStreamReader reader) {
		reader.getName();
		reader.getPrefix();
		reader.getNamespaceURI();
		for (int i = 0; i < reader.getAttributeCount(); i++) {
			reader.getAttributeName(i);
			reader.getAttributePrefix(i);
			reader.getAttributeValue(i);
			reader.getAttributeType(i);
			reader.getAttributeValue(reader.getAttributeNamespace(i), reader.getAttributeLocalName(i));
		}
		for (int i = 0; i < reader.getNamespaceCount(); i++) {
			reader.getNamespacePrefix(i);
			reader.getNamespaceURI(i);
		}
		NamespaceContext context = reader.getNamespaceContext();
		String prefix = reader.getPrefix();
		context.getNamespaceURI((prefix != null) ? prefix : "");
	}

}
