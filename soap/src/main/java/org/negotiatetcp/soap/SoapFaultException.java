package org.negotiatetcp.soap;

import java.util.List;

import javax.xml.namespace.QName;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

/**
 * A SOAP 1.2 fault: received (read from a reply's body by {@link SoapEnvelopeReader#readFault}) or to be sent
 * ({@link SoapEnvelopeWriter#writeFault}). Like WCF's {@code FaultException}: a code (with optional subcodes), a
 * reason, and an optional detail element.
 */
public class SoapFaultException extends Exception {

	private static final long serialVersionUID = 1L;

	private final QName code;

	private final List<QName> subcodes;

	private final String reason;

	private final transient @Nullable Element detail;

	/**
	 * Creates a fault.
	 * @param code the fault code ({@link Soap12#SENDER}, {@link Soap12#RECEIVER}...)
	 * @param subcodes application subcodes, outermost first (may be empty)
	 * @param reason the reason text, for a person
	 * @param detail the detail's content element, or {@code null}
	 */
	public SoapFaultException(QName code, List<QName> subcodes, String reason, @Nullable Element detail) {
		super(describe(code, subcodes, reason));
		this.code = code;
		this.subcodes = List.copyOf(subcodes);
		this.reason = reason;
		this.detail = detail;
	}

	/**
	 * Creates a fault without subcodes or detail.
	 * @param code the fault code
	 * @param reason the reason text
	 */
	public SoapFaultException(QName code, String reason) {
		this(code, List.of(), reason, null);
	}

	private static String describe(QName code, List<QName> subcodes, String reason) {
		StringBuilder text = new StringBuilder("SOAP fault ").append(code.getLocalPart());
		for (QName subcode : subcodes) {
			text.append('/').append(subcode);
		}
		return text.append(": ").append(reason).toString();
	}

	/**
	 * Returns the fault code.
	 * @return the code, in the SOAP 1.2 envelope namespace
	 */
	public QName getCode() {
		return this.code;
	}

	/**
	 * Returns the subcodes, outermost first.
	 * @return the subcodes, possibly empty
	 */
	public List<QName> getSubcodes() {
		return this.subcodes;
	}

	/**
	 * Returns the reason text.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Returns the detail's content element.
	 * @return the element, or {@code null} when the fault has no detail
	 */
	public @Nullable Element getDetail() {
		return this.detail;
	}

}
