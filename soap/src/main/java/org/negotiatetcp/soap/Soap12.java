package org.negotiatetcp.soap;

import javax.xml.namespace.QName;

/**
 * Names of SOAP 1.2 and WS-Addressing 1.0, as WCF's {@code NetTcpBinding} (SOAP 1.2, WS-Addressing 1.0) uses them.
 */
public final class Soap12 {

	/** The SOAP 1.2 envelope namespace. */
	public static final String ENVELOPE_NS = "http://www.w3.org/2003/05/soap-envelope";

	/** The WS-Addressing 1.0 namespace. */
	public static final String ADDRESSING_NS = "http://www.w3.org/2005/08/addressing";

	/** The anonymous address: "reply on the channel the request came on". */
	public static final String ANONYMOUS = ADDRESSING_NS + "/anonymous";

	/** The action of SOAP faults (WS-Addressing 1.0 SOAP binding). */
	public static final String FAULT_ACTION = ADDRESSING_NS + "/soap/fault";

	/** Fault code: the sender's message was wrong. */
	public static final QName SENDER = new QName(ENVELOPE_NS, "Sender", "s");

	/** Fault code: the receiver failed. */
	public static final QName RECEIVER = new QName(ENVELOPE_NS, "Receiver", "s");

	/** Fault code: a header marked {@code mustUnderstand} was not understood. */
	public static final QName MUST_UNDERSTAND = new QName(ENVELOPE_NS, "MustUnderstand", "s");

	/** Fault code: not a SOAP 1.2 envelope. */
	public static final QName VERSION_MISMATCH = new QName(ENVELOPE_NS, "VersionMismatch", "s");

	/** Fault code: an unknown data encoding. */
	public static final QName DATA_ENCODING_UNKNOWN = new QName(ENVELOPE_NS, "DataEncodingUnknown", "s");

	private Soap12() {
	}

}
