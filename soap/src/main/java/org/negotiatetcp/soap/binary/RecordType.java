package org.negotiatetcp.soap.binary;

/**
 * The [MC-NBFX] record types (section 2.2), by their names in the specification.
 */
final class RecordType {

	static final int END_ELEMENT_RECORD = 0x01;
	static final int COMMENT_RECORD = 0x02;
	static final int ARRAY_RECORD = 0x03;
	static final int SHORT_ATTRIBUTE = 0x04;
	static final int ATTRIBUTE_RECORD = 0x05;
	static final int SHORT_DICTIONARY_ATTRIBUTE = 0x06;
	static final int DICTIONARY_ATTRIBUTE = 0x07;
	static final int SHORT_XMLNS_ATTRIBUTE = 0x08;
	static final int XMLNS_ATTRIBUTE = 0x09;
	static final int SHORT_DICTIONARY_XMLNS_ATTRIBUTE = 0x0A;
	static final int DICTIONARY_XMLNS_ATTRIBUTE = 0x0B;
	/** PrefixDictionaryAttributeA to Z: 0x0C to 0x25. */
	static final int PREFIX_DICTIONARY_ATTRIBUTE_A = 0x0C;
	/** PrefixAttributeA to Z: 0x26 to 0x3F. */
	static final int PREFIX_ATTRIBUTE_A = 0x26;
	static final int SHORT_ELEMENT = 0x40;
	static final int ELEMENT = 0x41;
	static final int SHORT_DICTIONARY_ELEMENT = 0x42;
	static final int DICTIONARY_ELEMENT = 0x43;
	/** PrefixDictionaryElementA to Z: 0x44 to 0x5D. */
	static final int PREFIX_DICTIONARY_ELEMENT_A = 0x44;
	/** PrefixElementA to Z: 0x5E to 0x77. */
	static final int PREFIX_ELEMENT_A = 0x5E;

	// text records: the odd type (+1) of each is its *WithEndElement variant, except StartList and EndList
	static final int ZERO_TEXT = 0x80;
	static final int ONE_TEXT = 0x82;
	static final int FALSE_TEXT = 0x84;
	static final int TRUE_TEXT = 0x86;
	static final int INT8_TEXT = 0x88;
	static final int INT16_TEXT = 0x8A;
	static final int INT32_TEXT = 0x8C;
	static final int INT64_TEXT = 0x8E;
	static final int FLOAT_TEXT = 0x90;
	static final int DOUBLE_TEXT = 0x92;
	static final int DECIMAL_TEXT = 0x94;
	static final int DATETIME_TEXT = 0x96;
	static final int CHARS8_TEXT = 0x98;
	static final int CHARS16_TEXT = 0x9A;
	static final int CHARS32_TEXT = 0x9C;
	static final int BYTES8_TEXT = 0x9E;
	static final int BYTES16_TEXT = 0xA0;
	static final int BYTES32_TEXT = 0xA2;
	static final int START_LIST_TEXT = 0xA4;
	static final int END_LIST_TEXT = 0xA6;
	static final int EMPTY_TEXT = 0xA8;
	static final int DICTIONARY_TEXT = 0xAA;
	static final int UNIQUE_ID_TEXT = 0xAC;
	static final int TIMESPAN_TEXT = 0xAE;
	static final int UUID_TEXT = 0xB0;
	static final int UINT64_TEXT = 0xB2;
	static final int BOOL_TEXT = 0xB4;
	static final int UNICODE_CHARS8_TEXT = 0xB6;
	static final int UNICODE_CHARS16_TEXT = 0xB8;
	static final int UNICODE_CHARS32_TEXT = 0xBA;
	static final int QNAME_DICTIONARY_TEXT = 0xBC;

	private RecordType() {
	}

	static boolean isAttribute(int type) {
		return type >= SHORT_ATTRIBUTE && type <= 0x3F;
	}

	static boolean isElement(int type) {
		return type >= SHORT_ELEMENT && type <= 0x77;
	}

	static boolean isText(int type) {
		return type >= ZERO_TEXT && type <= QNAME_DICTIONARY_TEXT + 1 && type != START_LIST_TEXT + 1
				&& type != END_LIST_TEXT + 1;
	}

	static boolean hasEndElement(int type) {
		return (type & 1) != 0;
	}

	/** The text record types an array record may hold (as their *WithEndElement variants). */
	static boolean isArrayItem(int type) {
		return switch (type) {
			case BOOL_TEXT + 1, INT16_TEXT + 1, INT32_TEXT + 1, INT64_TEXT + 1, FLOAT_TEXT + 1, DOUBLE_TEXT + 1,
					DECIMAL_TEXT + 1, DATETIME_TEXT + 1, TIMESPAN_TEXT + 1, UUID_TEXT + 1 -> true;
			default -> false;
		};
	}

}
