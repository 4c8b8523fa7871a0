package org.negotiatetcp.soap;

import java.util.List;

import javax.xml.namespace.QName;

/**
 * What {@link SoapEnvelopeReader#readHeaders} found in an envelope's header.
 *
 * @param addressing the WS-Addressing 1.0 headers
 * @param notUnderstood the other headers marked {@code mustUnderstand}, which this reader does not process
 */
public record ReceivedEnvelope(AddressingHeaders addressing, List<QName> notUnderstood) {

	/**
	 * Creates the result.
	 * @param addressing the WS-Addressing headers
	 * @param notUnderstood the mustUnderstand headers not processed
	 */
	public ReceivedEnvelope {
		notUnderstood = List.copyOf(notUnderstood);
	}

	/**
	 * Fails as SOAP 1.2 requires when a header marked {@code mustUnderstand} is not understood.
	 * @throws SoapFaultException a {@link Soap12#MUST_UNDERSTAND} fault naming the headers
	 */
	public void requireUnderstood() throws SoapFaultException {
		if (!this.notUnderstood.isEmpty()) {
			throw new SoapFaultException(Soap12.MUST_UNDERSTAND,
					"The header(s) " + this.notUnderstood + " marked mustUnderstand were not understood");
		}
	}

}
