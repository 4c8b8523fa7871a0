package org.negotiatetcp.mechanism.spnego;

/**
 * Reads the body of a NegTokenInit or NegTokenResp: a SEQUENCE whose fields are all explicitly tagged
 * {@code [0]} to {@code [30]} and must come in increasing tag order, each at most once (DER). The caller switches on
 * {@link Field#number()} and skips numbers it does not know (later extensions).
 */
final class ContextFields {

	private final DerReader fields;

	private final String type;

	private int last = -1;

	private ContextFields(DerReader fields, String type) {
		this.fields = fields;
		this.type = type;
	}

	/**
	 * Start reading the SEQUENCE inside a NegotiationToken CHOICE element.
	 * @param choice the {@code [0]} or {@code [1]} element
	 * @param type the message name for error messages, for example {@code NegTokenResp}
	 * @return the reader
	 */
	static ContextFields of(DerReader.Tlv choice, String type) {
		return new ContextFields(choice.inner(Der.SEQUENCE, "the " + type + " SEQUENCE").contents(), type);
	}

	boolean hasMore() {
		return this.fields.hasMore();
	}

	/**
	 * Read the next field.
	 * @return the field and its tag number
	 * @throws org.negotiatetcp.mechanism.MechanismException with {@code BAD_TOKEN} if it is not context-tagged, or
	 * its number is not above the previous field's
	 */
	Field next() {
		DerReader.Tlv field = this.fields.read();
		int number = field.tag() ^ 0xa0;
		if (number < 0 || number > 30) {
			throw Der.bad(this.type + " field with tag 0x" + Integer.toHexString(field.tag()));
		}
		if (number <= this.last) {
			throw Der.bad(this.type + " field [" + number + "] repeated or out of order");
		}
		this.last = number;
		return new Field(number, field);
	}

	/**
	 * One explicitly tagged field.
	 *
	 * @param number the context tag number, {@code n} of {@code [n]}
	 * @param tlv the tagged element; {@link DerReader.Tlv#inner} reads the value inside
	 */
	record Field(int number, DerReader.Tlv tlv) {
	}

}
