package org.negotiatetcp.soap;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.negotiatetcp.soap.binary.BinaryXmlDom;
import org.negotiatetcp.soap.binary.BinaryXmlQuotas;
import org.negotiatetcp.soap.binary.BinaryXmlSession;

/**
 * Fuzz target for SOAP envelope parsing as a session decodes each received message: the [MC-NBFSE] string table and
 * [MC-NBFX] document, the envelope's addressing headers, a fault or the body as DOM. Any input gives a message or is
 * refused with a {@link SoapFaultException} (not a SOAP 1.2 envelope) or an {@link XMLStreamException}; nothing else
 * escapes. Regression mode replays {@code src/test/resources/org/negotiatetcp/soap/SoapEnvelopeFuzzTestsInputs}
 * (seeds: the Mono WCF capture's envelopes, messages written by Microsoft's binary writer and by ours);
 * {@code -Pfuzz} fuzzes it for a bounded time.
 */
class SoapEnvelopeFuzzTests {

	private static final BinaryXmlQuotas QUOTAS = new BinaryXmlQuotas(16, 2048, 512, 4096, 2048, 65536, 1024);

	@FuzzTest(maxDuration = "60s")
	void envelope(byte[] input) {
		try {
			XMLStreamReader reader = new BinaryXmlSession(QUOTAS).newReader(input);
			ReceivedEnvelope envelope = SoapEnvelopeReader.readHeaders(reader);
			if (envelope.addressing().action() == null) {
				throw new AssertionError("An envelope without Action was accepted");
			}
			SoapFaultException fault = SoapEnvelopeReader.readFault(reader);
			if (fault == null && reader.getEventType() == XMLStreamConstants.START_ELEMENT) {
				BinaryXmlDom.readElement(reader);
			}
			if (fault != null && fault.getCode() == null) {
				throw new AssertionError("A fault without a code was read");
			}
		}
		catch (SoapFaultException | XMLStreamException ex) {
			// a typed refusal is the expected outcome for bad input
		}
	}

}
