package org.negotiatetcp.soap.binary;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jspecify.annotations.Nullable;

import static org.negotiatetcp.soap.binary.RecordType.*;

/**
 * A StAX reader over one [MC-NBFX] document: a pull parser that decodes one record at a time (no tree), resolving
 * prefixes through the {@code xmlns} records in scope and dictionary ids through the [MC-NBFS] static dictionary
 * and, in a session, the [MC-NBFSE] session dictionary. Typed text records (numbers, dates, GUIDs, base64...) are
 * reported as the characters they stand for; consecutive text records are one {@code CHARACTERS} event; an array
 * record is reported as its repeated elements. Every {@link BinaryXmlQuotas quota} is enforced while reading, and
 * every malformation is a {@link MalformedBinaryXmlException}: a reader never loops or reads past its input.
 * <p>
 * Obtain one from {@link BinaryXml#newReader(byte[], BinaryXmlQuotas)} or {@link BinaryXmlSession#newReader(byte[])}.
 * Not thread-safe.
 */
public final class BinaryXmlStreamReader implements XMLStreamReader {

	private static final String[] PREFIXES = new String[26];

	static {
		for (int i = 0; i < 26; i++) {
			PREFIXES[i] = String.valueOf((char) ('a' + i));
		}
	}

	private final ByteCursor in;

	private final BinaryXmlQuotas quotas;

	private final Dictionaries dictionaries;

	private final ArrayDeque<Frame> stack = new ArrayDeque<>();

	private int eventType = START_DOCUMENT;

	private @Nullable Frame element;

	private List<Attribute> attributes = Collections.emptyList();

	private @Nullable String text;

	private boolean endAfterText;

	private boolean popBeforeNext;

	private @Nullable Frame arrayElement;

	private List<Attribute> arrayAttributes = Collections.emptyList();

	private int arrayItemType;

	private int arrayRemaining;

	private int arrayPhase;

	private boolean rootSeen;

	BinaryXmlStreamReader(byte[] bytes, int offset, int length, BinaryXmlQuotas quotas, Dictionaries dictionaries)
			throws BinaryXmlQuotaExceededException {
		if (length > quotas.maxReceivedMessageSize()) {
			throw new BinaryXmlQuotaExceededException("MaxReceivedMessageSize", quotas.maxReceivedMessageSize(),
					"A message of " + length + " bytes", -1);
		}
		this.in = new ByteCursor(bytes, offset, length);
		this.quotas = quotas;
		this.dictionaries = dictionaries;
	}

	@Override
	public int next() throws XMLStreamException {
		if (this.eventType == END_DOCUMENT) {
			throw new NoSuchElementException("The reader is at the end of the document");
		}
		if (this.popBeforeNext) {
			this.stack.pop();
			this.popBeforeNext = false;
		}
		this.text = null;
		this.attributes = Collections.emptyList();
		if (this.endAfterText) {
			this.endAfterText = false;
			return endElement();
		}
		if (this.arrayRemaining > 0) {
			return nextArrayEvent();
		}
		while (true) {
			if (!this.in.hasRemaining()) {
				if (!this.stack.isEmpty()) {
					throw new MalformedBinaryXmlException("The message ends inside element <"
							+ this.stack.peek().qualifiedName() + "> (" + this.stack.size() + " unclosed)",
							this.in.offset());
				}
				if (!this.rootSeen) {
					throw new MalformedBinaryXmlException("The message holds no document element", this.in.offset());
				}
				this.element = null;
				return this.eventType = END_DOCUMENT;
			}
			long at = this.in.offset();
			int type = this.in.u8("a record type");
			if (type == END_ELEMENT_RECORD) {
				if (this.stack.isEmpty()) {
					throw new MalformedBinaryXmlException("EndElement record without an open element", at);
				}
				return endElement();
			}
			if (type == COMMENT_RECORD) {
				this.text = readChars(this.in.multiByteInt31("a Comment length"), "a Comment");
				return this.eventType = COMMENT;
			}
			if (type == ARRAY_RECORD) {
				if (this.stack.isEmpty()) {
					throw new MalformedBinaryXmlException("Array record outside the document element", at);
				}
				if (startArray(at)) {
					return nextArrayEvent();
				}
				continue;
			}
			if (isElement(type)) {
				if (this.stack.isEmpty() && this.rootSeen) {
					throw new MalformedBinaryXmlException("A second document element", at);
				}
				this.rootSeen = true;
				Frame frame = readStartTag(type, at);
				this.stack.push(frame);
				resolve(frame, this.attributes);
				this.element = frame;
				return this.eventType = START_ELEMENT;
			}
			if (isText(type)) {
				if (this.stack.isEmpty()) {
					throw new MalformedBinaryXmlException("Text record 0x" + Integer.toHexString(type)
							+ " outside the document element", at);
				}
				this.text = readContentText(type, at);
				this.element = this.stack.peek();
				return this.eventType = CHARACTERS;
			}
			if (isAttribute(type)) {
				throw new MalformedBinaryXmlException("Attribute record 0x" + Integer.toHexString(type)
						+ " outside a start tag", at);
			}
			throw new MalformedBinaryXmlException("Unknown or misplaced record type 0x" + Integer.toHexString(type), at);
		}
	}

	private int endElement() {
		this.element = this.stack.peek();
		this.popBeforeNext = true;
		return this.eventType = END_ELEMENT;
	}

	/** An element record and the attribute records that follow it. */
	private Frame readStartTag(int type, long at) throws XMLStreamException {
		if (this.stack.size() >= this.quotas.maxDepth()) {
			throw new BinaryXmlQuotaExceededException("MaxDepth", this.quotas.maxDepth(),
					"Element nesting deeper than " + this.stack.size(), at);
		}
		String prefix;
		String localName;
		if (type == SHORT_ELEMENT) {
			prefix = "";
			localName = readName("an element name");
		}
		else if (type == ELEMENT) {
			prefix = readName("an element prefix");
			localName = readName("an element name");
		}
		else if (type == SHORT_DICTIONARY_ELEMENT) {
			prefix = "";
			localName = readDictionaryString("an element name");
		}
		else if (type == DICTIONARY_ELEMENT) {
			prefix = readName("an element prefix");
			localName = readDictionaryString("an element name");
		}
		else if (type < PREFIX_ELEMENT_A) {
			prefix = PREFIXES[type - PREFIX_DICTIONARY_ELEMENT_A];
			localName = readDictionaryString("an element name");
		}
		else {
			prefix = PREFIXES[type - PREFIX_ELEMENT_A];
			localName = readName("an element name");
		}
		checkName(prefix, localName, "an element", at);
		Frame frame = new Frame(prefix, localName);
		List<Attribute> attributes = new ArrayList<>();
		while (this.in.hasRemaining() && isAttribute(this.in.peek())) {
			readAttribute(frame, attributes);
			if (this.in.offset() - at > this.quotas.maxBytesPerRead()) {
				throw new BinaryXmlQuotaExceededException("MaxBytesPerRead", this.quotas.maxBytesPerRead(),
						"The start tag of <" + frame.qualifiedName() + ">", at);
			}
		}
		if (this.in.offset() - at > this.quotas.maxBytesPerRead()) {
			throw new BinaryXmlQuotaExceededException("MaxBytesPerRead", this.quotas.maxBytesPerRead(),
					"The start tag of <" + frame.qualifiedName() + ">", at);
		}
		this.attributes = attributes;
		return frame;
	}

	private void readAttribute(Frame frame, List<Attribute> attributes) throws XMLStreamException {
		long at = this.in.offset();
		int type = this.in.u8("an attribute record");
		switch (type) {
			case SHORT_XMLNS_ATTRIBUTE -> frame.declare("", readName("a namespace"), at);
			case XMLNS_ATTRIBUTE -> {
				String prefix = readName("a namespace prefix");
				frame.declare(prefix, readName("a namespace"), at);
			}
			case SHORT_DICTIONARY_XMLNS_ATTRIBUTE -> frame.declare("", readDictionaryString("a namespace"), at);
			case DICTIONARY_XMLNS_ATTRIBUTE -> {
				String prefix = readName("a namespace prefix");
				frame.declare(prefix, readDictionaryString("a namespace"), at);
			}
			default -> {
				String prefix;
				String localName;
				if (type == SHORT_ATTRIBUTE) {
					prefix = "";
					localName = readName("an attribute name");
				}
				else if (type == ATTRIBUTE_RECORD) {
					prefix = readName("an attribute prefix");
					localName = readName("an attribute name");
				}
				else if (type == SHORT_DICTIONARY_ATTRIBUTE) {
					prefix = "";
					localName = readDictionaryString("an attribute name");
				}
				else if (type == DICTIONARY_ATTRIBUTE) {
					prefix = readName("an attribute prefix");
					localName = readDictionaryString("an attribute name");
				}
				else if (type < PREFIX_ATTRIBUTE_A) {
					prefix = PREFIXES[type - PREFIX_DICTIONARY_ATTRIBUTE_A];
					localName = readDictionaryString("an attribute name");
				}
				else {
					prefix = PREFIXES[type - PREFIX_ATTRIBUTE_A];
					localName = readName("an attribute name");
				}
				checkName(prefix, localName, "an attribute", at);
				if (prefix.equals(XMLConstants.XMLNS_ATTRIBUTE)
						|| (prefix.isEmpty() && localName.equals(XMLConstants.XMLNS_ATTRIBUTE))) {
					throw new MalformedBinaryXmlException("Attribute " + XmlNames.qualifiedName(prefix, localName)
							+ " is a namespace declaration written as an attribute record", at);
				}
				String value = readAttributeValue();
				for (Attribute other : attributes) {
					if (other.prefix.equals(prefix) && other.localName.equals(localName)) {
						throw new MalformedBinaryXmlException("Attribute " + other.qualifiedName() + " repeated on <"
								+ frame.qualifiedName() + ">", at);
					}
				}
				attributes.add(new Attribute(prefix, localName, value, at));
			}
		}
	}

	private String readAttributeValue() throws XMLStreamException {
		long at = this.in.offset();
		int type = this.in.u8("an attribute value");
		if (!isText(type) || hasEndElement(type) || type == END_LIST_TEXT) {
			throw new MalformedBinaryXmlException("Record type 0x" + Integer.toHexString(type)
					+ " is not an attribute value (a text record without EndElement)", at);
		}
		String value = readText(type, at);
		checkLength(value.length(), at);
		return value;
	}

	/** Resolves the prefixes of a just-pushed element and its attributes. */
	private void resolve(Frame frame, List<Attribute> attributes) throws MalformedBinaryXmlException {
		String ns = lookup(frame.prefix);
		if (ns == null) {
			throw new MalformedBinaryXmlException("Prefix '" + frame.prefix + "' of <" + frame.qualifiedName()
					+ "> is not declared", this.in.offset());
		}
		frame.namespaceURI = ns;
		for (Attribute attribute : attributes) {
			if (!attribute.prefix.isEmpty()) {
				String attributeNs = lookup(attribute.prefix);
				if (attributeNs == null || attributeNs.isEmpty()) {
					throw new MalformedBinaryXmlException("Prefix '" + attribute.prefix + "' of attribute "
							+ attribute.qualifiedName() + " is not declared", attribute.offset);
				}
				attribute.namespaceURI = attributeNs;
			}
		}
	}

	private @Nullable String lookup(String prefix) {
		for (Frame frame : this.stack) {
			String ns = frame.namespaceOf(prefix);
			if (ns != null) {
				return ns;
			}
		}
		if (prefix.isEmpty()) {
			return "";
		}
		if (prefix.equals(XMLConstants.XML_NS_PREFIX)) {
			return XMLConstants.XML_NS_URI;
		}
		return null;
	}

	/** The text records of one run of element content, up to a non-text record or an EndElement. */
	private String readContentText(int firstType, long firstAt) throws XMLStreamException {
		int type = firstType;
		long at = firstAt;
		String first = readText(type, at);
		if (hasEndElement(type)) {
			this.endAfterText = true;
			checkLength(first.length(), at);
			return first;
		}
		if (!this.in.hasRemaining() || !isText(this.in.peek())) {
			checkLength(first.length(), at);
			return first;
		}
		StringBuilder run = new StringBuilder(first);
		checkLength(run.length(), at);
		while (this.in.hasRemaining() && isText(this.in.peek())) {
			at = this.in.offset();
			type = this.in.u8("a text record");
			run.append(readText(type, at));
			checkLength(run.length(), at);
			if (hasEndElement(type)) {
				this.endAfterText = true;
				break;
			}
		}
		return run.toString();
	}

	private void checkLength(int length, long at) throws BinaryXmlQuotaExceededException {
		if (length > this.quotas.maxStringContentLength()) {
			throw new BinaryXmlQuotaExceededException("MaxStringContentLength", this.quotas.maxStringContentLength(),
					"A text of " + length + " characters", at);
		}
	}

	/** The characters one text record (its type byte already read) stands for. */
	private String readText(int type, long at) throws XMLStreamException {
		int base = type & ~1;
		if (type == START_LIST_TEXT) {
			return readList(at);
		}
		if (type == END_LIST_TEXT) {
			throw new MalformedBinaryXmlException("EndListText without StartListText", at);
		}
		return switch (base) {
			case ZERO_TEXT -> "0";
			case ONE_TEXT -> "1";
			case FALSE_TEXT -> "false";
			case TRUE_TEXT -> "true";
			case INT8_TEXT -> Integer.toString((byte) this.in.u8("Int8Text"));
			case INT16_TEXT -> Integer.toString((short) this.in.u16("Int16Text"));
			case INT32_TEXT -> Integer.toString(this.in.i32("Int32Text"));
			case INT64_TEXT -> Long.toString(this.in.i64("Int64Text"));
			case FLOAT_TEXT -> TextFormat.floatText(Float.intBitsToFloat(this.in.i32("FloatText")));
			case DOUBLE_TEXT -> TextFormat.doubleText(Double.longBitsToDouble(this.in.i64("DoubleText")));
			case DECIMAL_TEXT -> TextFormat.decimal(this.in.array(), this.in.take(16, "DecimalText"), at).toPlainString();
			case DATETIME_TEXT -> TextFormat.dateTimeText(this.in.i64("DateTimeText"), at);
			case CHARS8_TEXT -> readChars(this.in.u8("Chars8Text"), "Chars8Text");
			case CHARS16_TEXT -> readChars(this.in.u16("Chars16Text"), "Chars16Text");
			case CHARS32_TEXT -> readChars(nonNegative(this.in.i32("Chars32Text"), "Chars32Text", at), "Chars32Text");
			case BYTES8_TEXT -> readBytes(this.in.u8("Bytes8Text"), at);
			case BYTES16_TEXT -> readBytes(this.in.u16("Bytes16Text"), at);
			case BYTES32_TEXT -> readBytes(nonNegative(this.in.i32("Bytes32Text"), "Bytes32Text", at), at);
			case EMPTY_TEXT -> "";
			case DICTIONARY_TEXT -> readDictionaryString("DictionaryText");
			case UNIQUE_ID_TEXT -> "urn:uuid:" + TextFormat.guidText(this.in.array(), this.in.take(16, "UniqueIdText"));
			case TIMESPAN_TEXT -> TextFormat.timeSpanText(this.in.i64("TimeSpanText"));
			case UUID_TEXT -> TextFormat.guidText(this.in.array(), this.in.take(16, "UuidText"));
			case UINT64_TEXT -> Long.toUnsignedString(this.in.i64("UInt64Text"));
			case BOOL_TEXT -> {
				int value = this.in.u8("BoolText");
				if (value > 1) {
					throw new MalformedBinaryXmlException("BoolText value " + value + " is neither 0 nor 1", at);
				}
				yield (value == 1) ? "true" : "false";
			}
			case UNICODE_CHARS8_TEXT -> readUnicode(this.in.u8("UnicodeChars8Text"), "UnicodeChars8Text");
			case UNICODE_CHARS16_TEXT -> readUnicode(this.in.u16("UnicodeChars16Text"), "UnicodeChars16Text");
			case UNICODE_CHARS32_TEXT -> readUnicode(nonNegative(this.in.i32("UnicodeChars32Text"), "UnicodeChars32Text",
					at), "UnicodeChars32Text");
			case QNAME_DICTIONARY_TEXT -> {
				int prefix = this.in.u8("QNameDictionaryText");
				if (prefix > 25) {
					throw new MalformedBinaryXmlException("QNameDictionaryText prefix " + prefix + " is not a to z", at);
				}
				yield PREFIXES[prefix] + ":" + readDictionaryString("QNameDictionaryText");
			}
			default -> throw new MalformedBinaryXmlException("Unknown text record type 0x" + Integer.toHexString(type),
					at);
		};
	}

	private String readList(long at) throws XMLStreamException {
		StringBuilder list = new StringBuilder();
		boolean first = true;
		while (true) {
			long itemAt = this.in.offset();
			int type = this.in.u8("a StartListText item");
			if (type == END_LIST_TEXT) {
				return list.toString();
			}
			if (!isText(type) || hasEndElement(type) || type == START_LIST_TEXT) {
				throw new MalformedBinaryXmlException("Record type 0x" + Integer.toHexString(type)
						+ " inside StartListText (started at byte " + at + ")", itemAt);
			}
			if (!first) {
				list.append(' ');
			}
			list.append(readText(type, itemAt));
			checkLength(list.length(), itemAt);
			first = false;
		}
	}

	private int nonNegative(int length, String what, long at) throws MalformedBinaryXmlException {
		if (length < 0) {
			throw new MalformedBinaryXmlException(what + " has a negative length " + length, at);
		}
		return length;
	}

	private String readChars(int length, String what) throws XMLStreamException {
		if (length > 3L * this.quotas.maxStringContentLength()) {
			throw new BinaryXmlQuotaExceededException("MaxStringContentLength", this.quotas.maxStringContentLength(),
					what + " of " + length + " bytes", this.in.offset());
		}
		String value = this.in.utf8(length, what);
		checkLength(value.length(), this.in.offset());
		return value;
	}

	private String readUnicode(int length, String what) throws XMLStreamException {
		if (length > 2L * this.quotas.maxStringContentLength()) {
			throw new BinaryXmlQuotaExceededException("MaxStringContentLength", this.quotas.maxStringContentLength(),
					what + " of " + length + " bytes", this.in.offset());
		}
		return this.in.utf16(length, what);
	}

	private String readBytes(int length, long at) throws XMLStreamException {
		if (length > this.quotas.maxArrayLength()) {
			throw new BinaryXmlQuotaExceededException("MaxArrayLength", this.quotas.maxArrayLength(),
					"Base64 content of " + length + " bytes", at);
		}
		int from = this.in.take(length, "a BytesText record");
		byte[] bytes = new byte[length];
		System.arraycopy(this.in.array(), from, bytes, 0, length);
		return Base64.getEncoder().encodeToString(bytes);
	}

	/** A String structure holding a name, prefix or namespace, bounded by MaxNameTableCharCount. */
	private String readName(String what) throws XMLStreamException {
		long at = this.in.offset();
		int length = this.in.multiByteInt31(what);
		if (length > 3L * this.quotas.maxNameTableCharCount()) {
			throw new BinaryXmlQuotaExceededException("MaxNameTableCharCount", this.quotas.maxNameTableCharCount(),
					what + " of " + length + " bytes", at);
		}
		String name = this.in.utf8(length, what);
		if (name.length() > this.quotas.maxNameTableCharCount()) {
			throw new BinaryXmlQuotaExceededException("MaxNameTableCharCount", this.quotas.maxNameTableCharCount(),
					what + " of " + name.length() + " characters", at);
		}
		return name;
	}

	/** Element and attribute names are NCNames, prefixes too (WCF's reader does not check; DOM and JAXB would choke). */
	private static void checkName(String prefix, String localName, String what, long at)
			throws MalformedBinaryXmlException {
		if (!XmlNames.isNcName(localName)) {
			throw new MalformedBinaryXmlException("The name of " + what + " is not an XML name: '"
					+ printable(localName) + "'", at);
		}
		if (!prefix.isEmpty() && !XmlNames.isNcName(prefix)) {
			throw new MalformedBinaryXmlException("The prefix of " + what + " " + printable(localName)
					+ " is not an XML name: '" + printable(prefix) + "'", at);
		}
	}

	/** A name for an error message: at most 64 characters, control characters escaped. */
	private static String printable(String name) {
		StringBuilder text = new StringBuilder();
		int end = Math.min(name.length(), 64);
		for (int i = 0; i < end; i++) {
			char c = name.charAt(i);
			if (c < 0x20 || c == 0x7F) {
				text.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
			}
			else {
				text.append(c);
			}
		}
		return (name.length() > end) ? text.append("...").toString() : text.toString();
	}

	private String readDictionaryString(String what) throws XMLStreamException {
		long at = this.in.offset();
		return this.dictionaries.resolve(this.in.multiByteInt31(what), at);
	}

	/** An array record: element, attributes, EndElement, item type, count; {@code false} when it holds no items. */
	private boolean startArray(long at) throws XMLStreamException {
		long elementAt = this.in.offset();
		int type = this.in.u8("the element of an Array record");
		if (!isElement(type)) {
			throw new MalformedBinaryXmlException("Array record without an element record (0x"
					+ Integer.toHexString(type) + ")", elementAt);
		}
		Frame template = readStartTag(type, elementAt);
		List<Attribute> attributes = this.attributes;
		this.attributes = Collections.emptyList();
		long endAt = this.in.offset();
		if (this.in.u8("the EndElement of an Array record") != END_ELEMENT_RECORD) {
			throw new MalformedBinaryXmlException("Array record element not followed by EndElement", endAt);
		}
		long itemAt = this.in.offset();
		int itemType = this.in.u8("the item type of an Array record");
		if (!isArrayItem(itemType)) {
			throw new MalformedBinaryXmlException("Array record of record type 0x" + Integer.toHexString(itemType)
					+ " (only the *TextWithEndElement of bool, int16/32/64, float, double, decimal, datetime, timespan,"
					+ " uuid)", itemAt);
		}
		int count = this.in.multiByteInt31("an Array record length");
		if (count > this.quotas.maxArrayLength()) {
			throw new BinaryXmlQuotaExceededException("MaxArrayLength", this.quotas.maxArrayLength(),
					"An array of " + count + " items", at);
		}
		int itemSize = switch (itemType & ~1) {
			case BOOL_TEXT -> 1;
			case INT16_TEXT -> 2;
			case INT32_TEXT, FLOAT_TEXT -> 4;
			case DECIMAL_TEXT, UUID_TEXT -> 16;
			default -> 8;
		};
		if ((long) count * itemSize > this.in.remaining()) {
			throw new MalformedBinaryXmlException("The message ends inside an array of " + count + " items of "
					+ itemSize + " bytes", this.in.offset());
		}
		this.arrayElement = template;
		this.arrayAttributes = attributes;
		this.arrayItemType = itemType;
		this.arrayRemaining = count;
		this.arrayPhase = 0;
		return count > 0;
	}

	private int nextArrayEvent() throws XMLStreamException {
		Frame template = this.arrayElement;
		if (this.arrayPhase == 0) {
			Frame frame = template.copy();
			this.stack.push(frame);
			resolve(frame, this.arrayAttributes);
			this.attributes = this.arrayAttributes;
			this.element = frame;
			this.arrayPhase = 1;
			return this.eventType = START_ELEMENT;
		}
		if (this.arrayPhase == 1) {
			long at = this.in.offset();
			this.text = readText(this.arrayItemType & ~1, at);
			this.element = this.stack.peek();
			this.arrayPhase = 2;
			return this.eventType = CHARACTERS;
		}
		this.arrayPhase = 0;
		this.arrayRemaining--;
		return endElement();
	}

	// XMLStreamReader

	@Override
	public @Nullable Object getProperty(String name) {
		return null;
	}

	@Override
	public void require(int type, @Nullable String namespaceURI, @Nullable String localName)
			throws XMLStreamException {
		if (type != this.eventType) {
			throw new XMLStreamException("Expected event " + type + ", the reader is at " + this.eventType);
		}
		if (namespaceURI != null && !namespaceURI.equals(getNamespaceURI())) {
			throw new XMLStreamException("Expected namespace " + namespaceURI + ", found " + getNamespaceURI());
		}
		if (localName != null && !localName.equals(getLocalName())) {
			throw new XMLStreamException("Expected local name " + localName + ", found " + getLocalName());
		}
	}

	@Override
	public String getElementText() throws XMLStreamException {
		if (this.eventType != START_ELEMENT) {
			throw new XMLStreamException("getElementText() needs START_ELEMENT, the reader is at " + this.eventType);
		}
		StringBuilder content = new StringBuilder();
		while (true) {
			int event = next();
			if (event == END_ELEMENT) {
				return content.toString();
			}
			if (event == CHARACTERS) {
				content.append(this.text);
			}
			else if (event != COMMENT) {
				throw new XMLStreamException("getElementText(): element <" + this.element.qualifiedName()
						+ "> inside a text-only element");
			}
		}
	}

	@Override
	public int nextTag() throws XMLStreamException {
		while (true) {
			int event = next();
			if (event == START_ELEMENT || event == END_ELEMENT) {
				return event;
			}
			if (event == CHARACTERS && !isWhiteSpace()) {
				throw new XMLStreamException("nextTag(): non-whitespace text '" + this.text + "'");
			}
			if (event == END_DOCUMENT) {
				throw new XMLStreamException("nextTag(): end of document");
			}
		}
	}

	@Override
	public boolean hasNext() {
		return this.eventType != END_DOCUMENT;
	}

	@Override
	public void close() {
	}

	@Override
	public @Nullable String getNamespaceURI(String prefix) {
		if (prefix == null) {
			throw new IllegalArgumentException("prefix must not be null");
		}
		if (prefix.equals(XMLConstants.XMLNS_ATTRIBUTE)) {
			return XMLConstants.XMLNS_ATTRIBUTE_NS_URI;
		}
		String ns = lookup(prefix);
		return (ns == null || (prefix.isEmpty() && ns.isEmpty())) ? null : ns;
	}

	@Override
	public boolean isStartElement() {
		return this.eventType == START_ELEMENT;
	}

	@Override
	public boolean isEndElement() {
		return this.eventType == END_ELEMENT;
	}

	@Override
	public boolean isCharacters() {
		return this.eventType == CHARACTERS;
	}

	@Override
	public boolean isWhiteSpace() {
		if (this.eventType != CHARACTERS || this.text == null) {
			return false;
		}
		for (int i = 0; i < this.text.length(); i++) {
			char c = this.text.charAt(i);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				return false;
			}
		}
		return true;
	}

	@Override
	public @Nullable String getAttributeValue(@Nullable String namespaceURI, String localName) {
		requireStartElement();
		for (Attribute attribute : this.attributes) {
			if (attribute.localName.equals(localName)
					&& (namespaceURI == null || namespaceURI.equals(attribute.namespaceURI))) {
				return attribute.value;
			}
		}
		return null;
	}

	@Override
	public int getAttributeCount() {
		requireStartElement();
		return this.attributes.size();
	}

	@Override
	public QName getAttributeName(int index) {
		Attribute attribute = attribute(index);
		return new QName(attribute.namespaceURI, attribute.localName, attribute.prefix);
	}

	@Override
	public @Nullable String getAttributeNamespace(int index) {
		String ns = attribute(index).namespaceURI;
		return ns.isEmpty() ? null : ns;
	}

	@Override
	public String getAttributeLocalName(int index) {
		return attribute(index).localName;
	}

	@Override
	public String getAttributePrefix(int index) {
		return attribute(index).prefix;
	}

	@Override
	public String getAttributeType(int index) {
		attribute(index);
		return "CDATA";
	}

	@Override
	public String getAttributeValue(int index) {
		return attribute(index).value;
	}

	@Override
	public boolean isAttributeSpecified(int index) {
		attribute(index);
		return true;
	}

	private Attribute attribute(int index) {
		requireStartElement();
		return this.attributes.get(index);
	}

	private void requireStartElement() {
		if (this.eventType != START_ELEMENT) {
			throw new IllegalStateException("Attributes are only available at START_ELEMENT, the reader is at "
					+ this.eventType);
		}
	}

	@Override
	public int getNamespaceCount() {
		return elementFrame().declarations.size();
	}

	@Override
	public @Nullable String getNamespacePrefix(int index) {
		String prefix = elementFrame().declarations.get(index)[0];
		return prefix.isEmpty() ? null : prefix;
	}

	@Override
	public String getNamespaceURI(int index) {
		return elementFrame().declarations.get(index)[1];
	}

	private Frame elementFrame() {
		if ((this.eventType != START_ELEMENT && this.eventType != END_ELEMENT) || this.element == null) {
			throw new IllegalStateException("Only at START_ELEMENT or END_ELEMENT, the reader is at " + this.eventType);
		}
		return this.element;
	}

	@Override
	public NamespaceContext getNamespaceContext() {
		return new NamespaceContext() {

			@Override
			public String getNamespaceURI(String prefix) {
				String ns = BinaryXmlStreamReader.this.getNamespaceURI(prefix);
				return (ns != null) ? ns : XMLConstants.NULL_NS_URI;
			}

			@Override
			public @Nullable String getPrefix(String namespaceURI) {
				Iterator<String> prefixes = getPrefixes(namespaceURI);
				return prefixes.hasNext() ? prefixes.next() : null;
			}

			@Override
			public Iterator<String> getPrefixes(String namespaceURI) {
				List<String> prefixes = new ArrayList<>();
				for (Frame frame : BinaryXmlStreamReader.this.stack) {
					for (String[] declaration : frame.declarations) {
						if (declaration[1].equals(namespaceURI) && !prefixes.contains(declaration[0])
								&& namespaceURI.equals(lookup(declaration[0]))) {
							prefixes.add(declaration[0]);
						}
					}
				}
				return prefixes.iterator();
			}

		};
	}

	@Override
	public int getEventType() {
		return this.eventType;
	}

	@Override
	public String getText() {
		if (this.text == null) {
			throw new IllegalStateException("No text at event " + this.eventType);
		}
		return this.text;
	}

	@Override
	public char[] getTextCharacters() {
		return getText().toCharArray();
	}

	@Override
	public int getTextCharacters(int sourceStart, char[] target, int targetStart, int length) {
		String value = getText();
		int count = Math.max(0, Math.min(length, value.length() - sourceStart));
		value.getChars(sourceStart, sourceStart + count, target, targetStart);
		return count;
	}

	@Override
	public int getTextStart() {
		getText();
		return 0;
	}

	@Override
	public int getTextLength() {
		return getText().length();
	}

	@Override
	public @Nullable String getEncoding() {
		return null;
	}

	@Override
	public boolean hasText() {
		return this.text != null;
	}

	@Override
	public Location getLocation() {
		long offset = this.in.offset();
		return new Location() {

			@Override
			public int getLineNumber() {
				return -1;
			}

			@Override
			public int getColumnNumber() {
				return -1;
			}

			@Override
			public int getCharacterOffset() {
				return (int) offset;
			}

			@Override
			public @Nullable String getPublicId() {
				return null;
			}

			@Override
			public @Nullable String getSystemId() {
				return null;
			}

		};
	}

	@Override
	public QName getName() {
		Frame frame = elementFrame();
		return new QName(frame.namespaceURI, frame.localName, frame.prefix);
	}

	@Override
	public String getLocalName() {
		return elementFrame().localName;
	}

	@Override
	public boolean hasName() {
		return this.eventType == START_ELEMENT || this.eventType == END_ELEMENT;
	}

	@Override
	public @Nullable String getNamespaceURI() {
		if (!hasName()) {
			return null;
		}
		String ns = elementFrame().namespaceURI;
		return ns.isEmpty() ? null : ns;
	}

	@Override
	public String getPrefix() {
		return elementFrame().prefix;
	}

	@Override
	public String getVersion() {
		return "1.0";
	}

	@Override
	public boolean isStandalone() {
		return false;
	}

	@Override
	public boolean standaloneSet() {
		return false;
	}

	@Override
	public @Nullable String getCharacterEncodingScheme() {
		return null;
	}

	@Override
	public @Nullable String getPITarget() {
		return null;
	}

	@Override
	public @Nullable String getPIData() {
		return null;
	}

	/** An open element: its name and the namespaces it declares. */
	private static final class Frame {

		final String prefix;

		final String localName;

		String namespaceURI = "";

		final List<String[]> declarations;

		Frame(String prefix, String localName) {
			this(prefix, localName, new ArrayList<>(2));
		}

		private Frame(String prefix, String localName, List<String[]> declarations) {
			this.prefix = prefix;
			this.localName = localName;
			this.declarations = declarations;
		}

		Frame copy() {
			return new Frame(this.prefix, this.localName, this.declarations);
		}

		void declare(String prefix, String namespaceURI, long at) throws MalformedBinaryXmlException {
			if (!prefix.isEmpty() && namespaceURI.isEmpty()) {
				throw new MalformedBinaryXmlException("xmlns:" + prefix + " declares the empty namespace", at);
			}
			if (prefix.equals(XMLConstants.XMLNS_ATTRIBUTE) || prefix.equals(XMLConstants.XML_NS_PREFIX)) {
				throw new MalformedBinaryXmlException("The prefix " + prefix + " cannot be declared", at);
			}
			if (!prefix.isEmpty() && !XmlNames.isNcName(prefix)) {
				throw new MalformedBinaryXmlException("A namespace prefix is not an XML name: '" + printable(prefix)
						+ "'", at);
			}
			for (String[] declaration : this.declarations) {
				if (declaration[0].equals(prefix)) {
					throw new MalformedBinaryXmlException("Prefix '" + prefix + "' declared twice on <"
							+ qualifiedName() + ">", at);
				}
			}
			this.declarations.add(new String[] { prefix, namespaceURI });
		}

		@Nullable String namespaceOf(String prefix) {
			return XmlNames.namespaceOf(this.declarations, prefix);
		}

		String qualifiedName() {
			return XmlNames.qualifiedName(this.prefix, this.localName);
		}

	}

	private static final class Attribute {

		final String prefix;

		final String localName;

		final String value;

		final long offset;

		String namespaceURI = "";

		Attribute(String prefix, String localName, String value, long offset) {
			this.prefix = prefix;
			this.localName = localName;
			this.value = value;
			this.offset = offset;
		}

		String qualifiedName() {
			return XmlNames.qualifiedName(this.prefix, this.localName);
		}

	}

}
