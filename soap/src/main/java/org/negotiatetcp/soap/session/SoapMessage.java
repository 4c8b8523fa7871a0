package org.negotiatetcp.soap.session;

import java.util.List;

import javax.xml.namespace.QName;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

import org.negotiatetcp.soap.AddressingHeaders;
import org.negotiatetcp.soap.SoapFaultException;

/**
 * A received SOAP message, decoded: its addressing headers, the {@code mustUnderstand} headers nobody processed, and
 * its body's element (a DOM element, detached from the session's decoding state) or its fault.
 *
 * @param headers the WS-Addressing headers
 * @param notUnderstood headers marked {@code mustUnderstand} that were not understood
 * @param body the body's first element, or {@code null} for an empty body or a fault
 * @param fault the fault the body held, or {@code null}
 */
public record SoapMessage(AddressingHeaders headers, List<QName> notUnderstood, @Nullable Element body,
		@Nullable SoapFaultException fault) {

	/**
	 * Creates the message.
	 * @param headers the headers
	 * @param notUnderstood the headers not understood
	 * @param body the body's element
	 * @param fault the fault
	 */
	public SoapMessage {
		notUnderstood = List.copyOf(notUnderstood);
	}

	/**
	 * Whether the message is a fault.
	 * @return {@code true} if the body held an {@code s:Fault}
	 */
	public boolean isFault() {
		return this.fault != null;
	}

}
