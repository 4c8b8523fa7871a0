package org.negotiatetcp.soap.binary;

import javax.xml.stream.XMLStreamException;

/**
 * A binary XML message that cannot be read: either it is not well-formed [MC-NBFX]/[MC-NBFSE]
 * ({@link MalformedBinaryXmlException}) or it exceeds a reader quota ({@link BinaryXmlQuotaExceededException}).
 * It is an {@link XMLStreamException} so that StAX consumers (JAXB, SAAJ) see it as a read failure.
 *
 * @see BinaryXmlQuotas
 */
public abstract sealed class BinaryXmlException extends XMLStreamException
		permits MalformedBinaryXmlException, BinaryXmlQuotaExceededException {

	private final long offset;

	/**
	 * Creates an exception.
	 * @param message what is wrong, for a person
	 * @param offset the byte offset in the message where it was found, or {@code -1}
	 */
	protected BinaryXmlException(String message, long offset) {
		super((offset >= 0) ? message + " (at byte " + offset + ")" : message);
		this.offset = offset;
	}

	/**
	 * Returns the byte offset in the message where the problem was found.
	 * @return the offset, or {@code -1} when not known
	 */
	public long getOffset() {
		return this.offset;
	}

}
