package org.negotiatetcp.soap.binary;

/**
 * The bytes are not a well-formed [MC-NBFX] document or [MC-NBFSE] message: truncated input, an unknown or misplaced
 * record type, a dictionary id that names no string, an undeclared prefix, a length out of range.
 */
public final class MalformedBinaryXmlException extends BinaryXmlException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what is wrong, for a person
	 * @param offset the byte offset in the message where it was found, or {@code -1}
	 */
	public MalformedBinaryXmlException(String message, long offset) {
		super(message, offset);
	}

}
