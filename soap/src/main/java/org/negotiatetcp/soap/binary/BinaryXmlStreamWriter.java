package org.negotiatetcp.soap.binary;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.jspecify.annotations.Nullable;

import static org.negotiatetcp.soap.binary.RecordType.*;

/**
 * A StAX writer producing [MC-NBFX] records: the shortest record for each name (the one-letter prefix forms
 * {@code a}–{@code z}, dictionary ids from the [MC-NBFS] static dictionary and, in a session, the [MC-NBFSE] session
 * dictionary), the {@code *WithEndElement} form for text that ends its element, and compact text records where they
 * stand for exactly the same characters ({@code 0}, {@code 1}, {@code false}, {@code true}, {@code urn:uuid:}
 * identifiers in lower case). Typed values have their own methods ({@link #writeInt(long)},
 * {@link #writeDouble(double)}, {@link #writeDateTime(Instant)}, {@link #writeBase64(byte[])}, arrays...).
 * <p>
 * Namespaces are written as declared ({@code writeNamespace}); an element or attribute whose prefix is not bound to
 * its namespace when its start tag closes gets the declaration added, so that the output always reads back. The
 * document is taken with {@link #toByteArray()} once every element is closed. Not thread-safe.
 */
public final class BinaryXmlStreamWriter implements XMLStreamWriter {

	private final ByteSink out = new ByteSink();

	private final StaticDictionary staticDictionary;

	private final @Nullable SessionDictionary session;

	private final List<String> sessionStrings = new ArrayList<>();

	private final ArrayDeque<Frame> stack = new ArrayDeque<>();

	private @Nullable NamespaceContext rootContext;

	private boolean inStartTag;

	private boolean emptyElement;

	private boolean rootClosed;

	private int lastText = -1;

	BinaryXmlStreamWriter(StaticDictionary staticDictionary, @Nullable SessionDictionary session) {
		this.staticDictionary = staticDictionary;
		this.session = session;
	}

	/**
	 * Returns the message: for a session writer the string table of the session strings this message added, then
	 * the document; otherwise the document.
	 * @return the bytes
	 * @throws IllegalStateException when an element is still open
	 */
	public byte[] toByteArray() {
		if (!this.stack.isEmpty()) {
			throw new IllegalStateException("Element <" + this.stack.peek().qualifiedName() + "> is still open");
		}
		if (this.session == null) {
			return this.out.toByteArray();
		}
		ByteSink table = new ByteSink();
		for (String value : this.sessionStrings) {
			table.string(value);
		}
		ByteSink message = new ByteSink();
		message.multiByteInt31(table.size());
		message.write(table.toByteArray());
		message.write(this.out.toByteArray());
		return message.toByteArray();
	}

	// names and dictionaries

	private int dictionaryId(String value) {
		int id = this.staticDictionary.idOf(value);
		if (id >= 0 || this.session == null) {
			return id;
		}
		id = this.session.idOf(value);
		if (id < 0 && !value.isEmpty()) {
			id = this.session.tryAdd(value);
			if (id >= 0) {
				this.sessionStrings.add(value);
			}
		}
		return id;
	}

	private static int letter(String prefix) {
		if (prefix.length() == 1) {
			char c = prefix.charAt(0);
			if (c >= 'a' && c <= 'z') {
				return c - 'a';
			}
		}
		return -1;
	}

	// elements

	@Override
	public void writeStartElement(String localName) throws XMLStreamException {
		String ns = lookup("");
		writeStartElement("", localName, (ns != null) ? ns : "");
	}

	@Override
	public void writeStartElement(String namespaceURI, String localName) throws XMLStreamException {
		writeStartElement(prefixOf(namespaceURI), localName, namespaceURI);
	}

	@Override
	public void writeStartElement(@Nullable String prefix, String localName, @Nullable String namespaceURI)
			throws XMLStreamException {
		beginStartTag();
		String p = (prefix != null) ? prefix : "";
		String ns = (namespaceURI != null) ? namespaceURI : "";
		writeElementRecord(p, localName);
		Frame frame = new Frame(p, localName);
		frame.required.add(new String[] { p, ns });
		this.stack.push(frame);
		this.inStartTag = true;
	}

	private void beginStartTag() throws XMLStreamException {
		closeStartTag();
		if (this.stack.isEmpty() && this.rootClosed) {
			throw new XMLStreamException("A document has one root element; it is already closed");
		}
		this.lastText = -1;
	}

	private void writeElementRecord(String prefix, String localName) {
		int id = dictionaryId(localName);
		int letter = letter(prefix);
		if (prefix.isEmpty()) {
			this.out.u8((id >= 0) ? SHORT_DICTIONARY_ELEMENT : SHORT_ELEMENT);
		}
		else if (letter >= 0) {
			this.out.u8(((id >= 0) ? PREFIX_DICTIONARY_ELEMENT_A : PREFIX_ELEMENT_A) + letter);
		}
		else {
			this.out.u8((id >= 0) ? DICTIONARY_ELEMENT : ELEMENT);
			this.out.string(prefix);
		}
		nameOrId(localName, id);
	}

	private void nameOrId(String name, int id) {
		if (id >= 0) {
			this.out.multiByteInt31(id);
		}
		else {
			this.out.string(name);
		}
	}

	@Override
	public void writeEmptyElement(String namespaceURI, String localName) throws XMLStreamException {
		writeStartElement(namespaceURI, localName);
		this.emptyElement = true;
	}

	@Override
	public void writeEmptyElement(String prefix, String localName, String namespaceURI) throws XMLStreamException {
		writeStartElement(prefix, localName, namespaceURI);
		this.emptyElement = true;
	}

	@Override
	public void writeEmptyElement(String localName) throws XMLStreamException {
		writeStartElement(localName);
		this.emptyElement = true;
	}

	/** Ends the start tag: declares what its names need, and closes an empty element. */
	private void closeStartTag() {
		if (!this.inStartTag) {
			return;
		}
		Frame frame = this.stack.peek();
		for (String[] required : frame.required) {
			String bound = lookup(required[0]);
			if (!required[1].equals((bound != null) ? bound : "")) {
				writeXmlns(required[0], required[1]);
			}
		}
		this.inStartTag = false;
		if (this.emptyElement) {
			this.emptyElement = false;
			this.out.u8(END_ELEMENT_RECORD);
			pop();
		}
	}

	@Override
	public void writeEndElement() throws XMLStreamException {
		closeStartTag();
		if (this.stack.isEmpty()) {
			throw new XMLStreamException("writeEndElement() without an open element");
		}
		if (this.lastText >= 0) {
			this.out.set(this.lastText, this.out.get(this.lastText) | 1);
		}
		else {
			this.out.u8(END_ELEMENT_RECORD);
		}
		this.lastText = -1;
		pop();
	}

	private void pop() {
		this.stack.pop();
		if (this.stack.isEmpty()) {
			this.rootClosed = true;
		}
	}

	@Override
	public void writeEndDocument() throws XMLStreamException {
		while (!this.stack.isEmpty()) {
			writeEndElement();
		}
	}

	@Override
	public void close() {
	}

	@Override
	public void flush() {
	}

	// attributes and namespaces

	@Override
	public void writeAttribute(String localName, String value) throws XMLStreamException {
		writeAttribute("", "", localName, value);
	}

	@Override
	public void writeAttribute(String namespaceURI, String localName, String value) throws XMLStreamException {
		String prefix = (namespaceURI == null || namespaceURI.isEmpty()) ? "" : prefixOf(namespaceURI);
		writeAttribute(prefix, namespaceURI, localName, value);
	}

	@Override
	public void writeAttribute(@Nullable String prefix, @Nullable String namespaceURI, String localName, String value)
			throws XMLStreamException {
		requireStartTag("writeAttribute");
		String p = (prefix != null) ? prefix : "";
		String ns = (namespaceURI != null) ? namespaceURI : "";
		if (p.isEmpty() != ns.isEmpty()) {
			if (p.isEmpty()) {
				p = prefixOf(ns);
			}
			if (p.isEmpty()) {
				throw new XMLStreamException("Attribute " + localName + " in namespace " + ns
						+ " needs a prefix (unprefixed attributes have no namespace)");
			}
		}
		if (p.equals(XMLConstants.XMLNS_ATTRIBUTE)) {
			writeNamespace(localName, value);
			return;
		}
		int id = dictionaryId(localName);
		int letter = letter(p);
		if (p.isEmpty()) {
			this.out.u8((id >= 0) ? SHORT_DICTIONARY_ATTRIBUTE : SHORT_ATTRIBUTE);
		}
		else if (letter >= 0) {
			this.out.u8(((id >= 0) ? PREFIX_DICTIONARY_ATTRIBUTE_A : PREFIX_ATTRIBUTE_A) + letter);
		}
		else {
			this.out.u8((id >= 0) ? DICTIONARY_ATTRIBUTE : ATTRIBUTE_RECORD);
			this.out.string(p);
		}
		nameOrId(localName, id);
		if (value.isEmpty()) {
			this.out.u8(CHARS8_TEXT);
			this.out.u8(0);
		}
		else {
			writeTextRecord(value);
		}
		if (!p.isEmpty() && !p.equals(XMLConstants.XML_NS_PREFIX)) {
			this.stack.peek().required.add(new String[] { p, ns });
		}
	}

	@Override
	public void writeNamespace(@Nullable String prefix, String namespaceURI) throws XMLStreamException {
		String p = (prefix == null || prefix.equals(XMLConstants.XMLNS_ATTRIBUTE)) ? "" : prefix;
		requireStartTag("writeNamespace");
		if (p.equals(XMLConstants.XML_NS_PREFIX)) {
			return;
		}
		if (!p.isEmpty() && namespaceURI.isEmpty()) {
			throw new XMLStreamException("xmlns:" + p + " cannot declare the empty namespace");
		}
		if (this.stack.peek().namespaceOf(p) != null) {
			if (namespaceURI.equals(this.stack.peek().namespaceOf(p))) {
				return;
			}
			throw new XMLStreamException("Prefix '" + p + "' is already declared on <"
					+ this.stack.peek().qualifiedName() + ">");
		}
		writeXmlns(p, namespaceURI);
	}

	@Override
	public void writeDefaultNamespace(String namespaceURI) throws XMLStreamException {
		writeNamespace("", namespaceURI);
	}

	private void writeXmlns(String prefix, String namespaceURI) {
		int id = dictionaryId(namespaceURI);
		if (prefix.isEmpty()) {
			this.out.u8((id >= 0) ? SHORT_DICTIONARY_XMLNS_ATTRIBUTE : SHORT_XMLNS_ATTRIBUTE);
		}
		else {
			this.out.u8((id >= 0) ? DICTIONARY_XMLNS_ATTRIBUTE : XMLNS_ATTRIBUTE);
			this.out.string(prefix);
		}
		nameOrId(namespaceURI, id);
		this.stack.peek().declarations.add(new String[] { prefix, namespaceURI });
	}

	private void requireStartTag(String method) throws XMLStreamException {
		if (!this.inStartTag) {
			throw new XMLStreamException(method + "() must follow writeStartElement() and precede its content");
		}
	}

	private String prefixOf(String namespaceURI) throws XMLStreamException {
		String prefix = getPrefix(namespaceURI);
		if (prefix == null) {
			throw new XMLStreamException("Namespace " + namespaceURI + " has no prefix: declare it (writeNamespace or"
					+ " setPrefix) or use the method taking a prefix");
		}
		return prefix;
	}

	/** The namespace a prefix is bound to by the declarations written so far (what a reader will see). */
	private @Nullable String lookup(String prefix) {
		for (Frame frame : this.stack) {
			String ns = frame.namespaceOf(prefix);
			if (ns != null) {
				return ns;
			}
		}
		if (prefix.equals(XMLConstants.XML_NS_PREFIX)) {
			return XMLConstants.XML_NS_URI;
		}
		return prefix.isEmpty() ? "" : null;
	}

	/**
	 * Returns the prefix of a namespace: declared in scope, else bound with {@code setPrefix} or the root
	 * {@code NamespaceContext} (such a prefix is declared when the start tag using it closes).
	 */
	@Override
	public @Nullable String getPrefix(String uri) {
		for (Frame frame : this.stack) {
			for (String[] binding : frame.declarations) {
				if (binding[1].equals(uri) && uri.equals(lookup(binding[0]))) {
					return binding[0];
				}
			}
			for (String[] binding : frame.bindings) {
				if (binding[1].equals(uri)) {
					return binding[0];
				}
			}
		}
		if (uri.equals(XMLConstants.XML_NS_URI)) {
			return XMLConstants.XML_NS_PREFIX;
		}
		return (this.rootContext != null) ? this.rootContext.getPrefix(uri) : null;
	}

	@Override
	public void setPrefix(String prefix, String uri) throws XMLStreamException {
		if (this.stack.isEmpty()) {
			throw new XMLStreamException("setPrefix() outside an element: use setNamespaceContext()");
		}
		this.stack.peek().bindings.add(new String[] { prefix, uri });
	}

	@Override
	public void setDefaultNamespace(String uri) throws XMLStreamException {
		setPrefix("", uri);
	}

	@Override
	public void setNamespaceContext(NamespaceContext context) throws XMLStreamException {
		if (!this.stack.isEmpty() || this.rootClosed) {
			throw new XMLStreamException("setNamespaceContext() only before the root element");
		}
		this.rootContext = context;
	}

	@Override
	public NamespaceContext getNamespaceContext() {
		return new NamespaceContext() {

			@Override
			public String getNamespaceURI(String prefix) {
				String ns = lookup(prefix);
				return (ns != null) ? ns : XMLConstants.NULL_NS_URI;
			}

			@Override
			public @Nullable String getPrefix(String namespaceURI) {
				return BinaryXmlStreamWriter.this.getPrefix(namespaceURI);
			}

			@Override
			public Iterator<String> getPrefixes(String namespaceURI) {
				String prefix = getPrefix(namespaceURI);
				return (prefix != null) ? List.of(prefix).iterator() : Collections.emptyIterator();
			}

		};
	}

	@Override
	public Object getProperty(String name) {
		if (XMLOutputFactoryProperties.REPAIRING.equals(name)) {
			return Boolean.FALSE;
		}
		throw new IllegalArgumentException("Property " + name + " is not supported");
	}

	// content

	@Override
	public void writeCharacters(String text) throws XMLStreamException {
		if (text.isEmpty()) {
			closeStartTag();
			return;
		}
		if (this.stack.isEmpty() && text.isBlank()) {
			return; // whitespace around the document element is not part of the document
		}
		int at = beginText("writeCharacters");
		writeTextRecord(text);
		this.lastText = at;
	}

	@Override
	public void writeCharacters(char[] text, int start, int len) throws XMLStreamException {
		writeCharacters(new String(text, start, len));
	}

	@Override
	public void writeCData(String data) throws XMLStreamException {
		writeCharacters(data);
	}

	/** Closes the start tag and returns where the text record will start. */
	private int beginText(String method) throws XMLStreamException {
		closeStartTag();
		if (this.stack.isEmpty()) {
			throw new XMLStreamException(method + "() outside the root element: [MC-NBFX] text belongs to an element");
		}
		return this.out.size();
	}

	/** The shortest text record standing for exactly these characters. */
	private void writeTextRecord(String text) {
		switch (text) {
			case "0" -> this.out.u8(ZERO_TEXT);
			case "1" -> this.out.u8(ONE_TEXT);
			case "false" -> this.out.u8(FALSE_TEXT);
			case "true" -> this.out.u8(TRUE_TEXT);
			default -> {
				if (TextFormat.isUniqueIdText(text)) {
					this.out.u8(UNIQUE_ID_TEXT);
					this.out.write(TextFormat.guidBytes(UUID.fromString(text.substring(9))));
				}
				else {
					writeChars(text.getBytes(StandardCharsets.UTF_8));
				}
			}
		}
	}

	private void writeChars(byte[] utf8) {
		if (utf8.length <= 0xFF) {
			this.out.u8(CHARS8_TEXT);
			this.out.u8(utf8.length);
		}
		else if (utf8.length <= 0xFFFF) {
			this.out.u8(CHARS16_TEXT);
			this.out.u16(utf8.length);
		}
		else {
			this.out.u8(CHARS32_TEXT);
			this.out.i32(utf8.length);
		}
		this.out.write(utf8);
	}

	private void typed(String method, TextRecord record) throws XMLStreamException {
		int at = beginText(method);
		record.write();
		this.lastText = at;
	}

	/**
	 * Writes an integer as the smallest of ZeroText, OneText, Int8Text, Int16Text, Int32Text, Int64Text.
	 * @param value the value
	 * @throws XMLStreamException outside an element
	 */
	public void writeInt(long value) throws XMLStreamException {
		typed("writeInt", () -> intRecord(value));
	}

	private void intRecord(long value) {
		if (value == 0) {
			this.out.u8(ZERO_TEXT);
		}
		else if (value == 1) {
			this.out.u8(ONE_TEXT);
		}
		else if (value == (byte) value) {
			this.out.u8(INT8_TEXT);
			this.out.u8((int) value);
		}
		else if (value == (short) value) {
			this.out.u8(INT16_TEXT);
			this.out.u16((int) value);
		}
		else if (value == (int) value) {
			this.out.u8(INT32_TEXT);
			this.out.i32((int) value);
		}
		else {
			this.out.u8(INT64_TEXT);
			this.out.i64(value);
		}
	}

	/**
	 * Writes an unsigned 64-bit integer: UInt64Text when it exceeds {@code Long.MAX_VALUE}, else as
	 * {@link #writeInt(long)}.
	 * @param unsignedValue the value, read as unsigned
	 * @throws XMLStreamException outside an element
	 */
	public void writeUInt64(long unsignedValue) throws XMLStreamException {
		typed("writeUInt64", () -> {
			if (unsignedValue >= 0) {
				intRecord(unsignedValue);
			}
			else {
				this.out.u8(UINT64_TEXT);
				this.out.i64(unsignedValue);
			}
		});
	}

	/**
	 * Writes TrueText or FalseText.
	 * @param value the value
	 * @throws XMLStreamException outside an element
	 */
	public void writeBoolean(boolean value) throws XMLStreamException {
		typed("writeBoolean", () -> this.out.u8(value ? TRUE_TEXT : FALSE_TEXT));
	}

	/**
	 * Writes BoolText (the one-byte form; {@link #writeBoolean(boolean)} is shorter).
	 * @param value the value
	 * @throws XMLStreamException outside an element
	 */
	public void writeBoolText(boolean value) throws XMLStreamException {
		typed("writeBoolText", () -> {
			this.out.u8(BOOL_TEXT);
			this.out.u8(value ? 1 : 0);
		});
	}

	/**
	 * Writes FloatText.
	 * @param value the value
	 * @throws XMLStreamException outside an element
	 */
	public void writeFloat(float value) throws XMLStreamException {
		typed("writeFloat", () -> {
			this.out.u8(FLOAT_TEXT);
			this.out.i32(Float.floatToRawIntBits(value));
		});
	}

	/**
	 * Writes FloatText when the value is exactly a float, else DoubleText.
	 * @param value the value
	 * @throws XMLStreamException outside an element
	 */
	public void writeDouble(double value) throws XMLStreamException {
		typed("writeDouble", () -> {
			if ((float) value == value) {
				this.out.u8(FLOAT_TEXT);
				this.out.i32(Float.floatToRawIntBits((float) value));
			}
			else {
				this.out.u8(DOUBLE_TEXT);
				this.out.i64(Double.doubleToRawLongBits(value));
			}
		});
	}

	/**
	 * Writes DecimalText (a .NET {@code decimal}: 96 bits, scale 0 to 28).
	 * @param value the value
	 * @throws XMLStreamException outside an element
	 * @throws IllegalArgumentException when the value does not fit a .NET decimal
	 */
	public void writeDecimal(BigDecimal value) throws XMLStreamException {
		byte[] bytes = TextFormat.decimalBytes(value);
		typed("writeDecimal", () -> {
			this.out.u8(DECIMAL_TEXT);
			this.out.write(bytes);
		});
	}

	/**
	 * Writes DateTimeText of kind UTC.
	 * @param value the instant
	 * @throws XMLStreamException outside an element
	 */
	public void writeDateTime(Instant value) throws XMLStreamException {
		long bits = TextFormat.dateTimeBits(value);
		typed("writeDateTime", () -> {
			this.out.u8(DATETIME_TEXT);
			this.out.i64(bits);
		});
	}

	/**
	 * Writes TimeSpanText (ticks of 100 ns; finer precision is truncated).
	 * @param value the duration
	 * @throws XMLStreamException outside an element
	 */
	public void writeTimeSpan(Duration value) throws XMLStreamException {
		long ticks = ticks(value);
		typed("writeTimeSpan", () -> {
			this.out.u8(TIMESPAN_TEXT);
			this.out.i64(ticks);
		});
	}

	private static long ticks(Duration value) {
		return Math.addExact(Math.multiplyExact(value.getSeconds(), TextFormat.TICKS_PER_SECOND),
				value.getNano() / 100);
	}

	/**
	 * Writes UniqueIdText: the characters {@code urn:uuid:} and the identifier.
	 * @param value the identifier
	 * @throws XMLStreamException outside an element
	 */
	public void writeUniqueId(UUID value) throws XMLStreamException {
		typed("writeUniqueId", () -> {
			this.out.u8(UNIQUE_ID_TEXT);
			this.out.write(TextFormat.guidBytes(value));
		});
	}

	/**
	 * Writes UuidText: the identifier's characters.
	 * @param value the identifier
	 * @throws XMLStreamException outside an element
	 */
	public void writeUuid(UUID value) throws XMLStreamException {
		typed("writeUuid", () -> {
			this.out.u8(UUID_TEXT);
			this.out.write(TextFormat.guidBytes(value));
		});
	}

	/**
	 * Writes Bytes8Text, Bytes16Text or Bytes32Text (read back as base64 characters).
	 * @param value the bytes
	 * @throws XMLStreamException outside an element
	 */
	public void writeBase64(byte[] value) throws XMLStreamException {
		typed("writeBase64", () -> {
			if (value.length <= 0xFF) {
				this.out.u8(BYTES8_TEXT);
				this.out.u8(value.length);
			}
			else if (value.length <= 0xFFFF) {
				this.out.u8(BYTES16_TEXT);
				this.out.u16(value.length);
			}
			else {
				this.out.u8(BYTES32_TEXT);
				this.out.i32(value.length);
			}
			this.out.write(value);
		});
	}

	/**
	 * Writes UnicodeChars8Text, UnicodeChars16Text or UnicodeChars32Text (UTF-16LE characters).
	 * @param value the text
	 * @throws XMLStreamException outside an element
	 */
	public void writeUnicodeChars(String value) throws XMLStreamException {
		byte[] utf16 = value.getBytes(StandardCharsets.UTF_16LE);
		typed("writeUnicodeChars", () -> {
			if (utf16.length <= 0xFF) {
				this.out.u8(UNICODE_CHARS8_TEXT);
				this.out.u8(utf16.length);
			}
			else if (utf16.length <= 0xFFFF) {
				this.out.u8(UNICODE_CHARS16_TEXT);
				this.out.u16(utf16.length);
			}
			else {
				this.out.u8(UNICODE_CHARS32_TEXT);
				this.out.i32(utf16.length);
			}
			this.out.write(utf16);
		});
	}

	/**
	 * Writes DictionaryText when a dictionary holds the text, else its characters.
	 * @param value the text
	 * @throws XMLStreamException outside an element
	 */
	public void writeDictionaryText(String value) throws XMLStreamException {
		typed("writeDictionaryText", () -> {
			int id = dictionaryId(value);
			if (id >= 0) {
				this.out.u8(DICTIONARY_TEXT);
				this.out.multiByteInt31(id);
			}
			else {
				writeChars(value.getBytes(StandardCharsets.UTF_8));
			}
		});
	}

	/**
	 * Writes a qualified name {@code prefix:localName}: QNameDictionaryText when the prefix is one of {@code a}–{@code z}
	 * and a dictionary holds the local name, else its characters.
	 * @param prefix the prefix (bound in scope by the caller)
	 * @param localName the local name
	 * @throws XMLStreamException outside an element
	 */
	public void writeQName(String prefix, String localName) throws XMLStreamException {
		typed("writeQName", () -> {
			int letter = letter(prefix);
			int id = (letter >= 0) ? dictionaryId(localName) : -1;
			if (id >= 0) {
				this.out.u8(QNAME_DICTIONARY_TEXT);
				this.out.u8(letter);
				this.out.multiByteInt31(id);
			}
			else {
				writeChars(XmlNames.qualifiedName(prefix, localName).getBytes(StandardCharsets.UTF_8));
			}
		});
	}

	/**
	 * Writes a list (StartListText, one text record per item, EndListText): read back as the items separated by
	 * single spaces.
	 * @param items the items, each non-empty and without spaces
	 * @throws XMLStreamException outside an element
	 */
	public void writeList(String... items) throws XMLStreamException {
		beginText("writeList");
		this.out.u8(START_LIST_TEXT);
		for (String item : items) {
			writeTextRecord(item);
		}
		this.out.u8(END_LIST_TEXT);
		this.lastText = -1;
	}

	/**
	 * Writes EmptyText.
	 * @throws XMLStreamException outside an element
	 */
	public void writeEmptyText() throws XMLStreamException {
		typed("writeEmptyText", () -> this.out.u8(EMPTY_TEXT));
	}

	// arrays

	/**
	 * Writes an array record of Int32 items: read back as one element per item.
	 * @param prefix the elements' prefix
	 * @param localName their local name
	 * @param namespaceURI their namespace
	 * @param values the items
	 * @throws XMLStreamException outside an element or when the name cannot be written
	 */
	public void writeArray(String prefix, String localName, String namespaceURI, int[] values)
			throws XMLStreamException {
		array(prefix, localName, namespaceURI, INT32_TEXT, values.length, () -> {
			for (int value : values) {
				this.out.i32(value);
			}
		});
	}

	/**
	 * Writes an array record of Int16 items.
	 * @param prefix the elements' prefix
	 * @param localName their local name
	 * @param namespaceURI their namespace
	 * @param values the items
	 * @throws XMLStreamException outside an element or when the name cannot be written
	 */
	public void writeArray(String prefix, String localName, String namespaceURI, short[] values)
			throws XMLStreamException {
		array(prefix, localName, namespaceURI, INT16_TEXT, values.length, () -> {
			for (short value : values) {
				this.out.u16(value);
			}
		});
	}

	/**
	 * Writes an array record of Int64 items.
	 * @param prefix the elements' prefix
	 * @param localName their local name
	 * @param namespaceURI their namespace
	 * @param values the items
	 * @throws XMLStreamException outside an element or when the name cannot be written
	 */
	public void writeArray(String prefix, String localName, String namespaceURI, long[] values)
			throws XMLStreamException {
		array(prefix, localName, namespaceURI, INT64_TEXT, values.length, () -> {
			for (long value : values) {
				this.out.i64(value);
			}
		});
	}

	/**
	 * Writes an array record of Bool items.
	 * @param prefix the elements' prefix
	 * @param localName their local name
	 * @param namespaceURI their namespace
	 * @param values the items
	 * @throws XMLStreamException outside an element or when the name cannot be written
	 */
	public void writeArray(String prefix, String localName, String namespaceURI, boolean[] values)
			throws XMLStreamException {
		array(prefix, localName, namespaceURI, BOOL_TEXT, values.length, () -> {
			for (boolean value : values) {
				this.out.u8(value ? 1 : 0);
			}
		});
	}

	/**
	 * Writes an array record of Float items.
	 * @param prefix the elements' prefix
	 * @param localName their local name
	 * @param namespaceURI their namespace
	 * @param values the items
	 * @throws XMLStreamException outside an element or when the name cannot be written
	 */
	public void writeArray(String prefix, String localName, String namespaceURI, float[] values)
			throws XMLStreamException {
		array(prefix, localName, namespaceURI, FLOAT_TEXT, values.length, () -> {
			for (float value : values) {
				this.out.i32(Float.floatToRawIntBits(value));
			}
		});
	}

	/**
	 * Writes an array record of Double items.
	 * @param prefix the elements' prefix
	 * @param localName their local name
	 * @param namespaceURI their namespace
	 * @param values the items
	 * @throws XMLStreamException outside an element or when the name cannot be written
	 */
	public void writeArray(String prefix, String localName, String namespaceURI, double[] values)
			throws XMLStreamException {
		array(prefix, localName, namespaceURI, DOUBLE_TEXT, values.length, () -> {
			for (double value : values) {
				this.out.i64(Double.doubleToRawLongBits(value));
			}
		});
	}

	/**
	 * Writes an array record of Decimal items.
	 * @param prefix the elements' prefix
	 * @param localName their local name
	 * @param namespaceURI their namespace
	 * @param values the items
	 * @throws XMLStreamException outside an element or when the name cannot be written
	 */
	public void writeArray(String prefix, String localName, String namespaceURI, BigDecimal[] values)
			throws XMLStreamException {
		List<byte[]> bytes = new ArrayList<>();
		for (BigDecimal value : values) {
			bytes.add(TextFormat.decimalBytes(value));
		}
		array(prefix, localName, namespaceURI, DECIMAL_TEXT, values.length, () -> bytes.forEach(this.out::write));
	}

	/**
	 * Writes an array record of DateTime items (kind UTC).
	 * @param prefix the elements' prefix
	 * @param localName their local name
	 * @param namespaceURI their namespace
	 * @param values the items
	 * @throws XMLStreamException outside an element or when the name cannot be written
	 */
	public void writeArray(String prefix, String localName, String namespaceURI, Instant[] values)
			throws XMLStreamException {
		long[] bits = new long[values.length];
		for (int i = 0; i < values.length; i++) {
			bits[i] = TextFormat.dateTimeBits(values[i]);
		}
		array(prefix, localName, namespaceURI, DATETIME_TEXT, values.length, () -> {
			for (long value : bits) {
				this.out.i64(value);
			}
		});
	}

	/**
	 * Writes an array record of TimeSpan items.
	 * @param prefix the elements' prefix
	 * @param localName their local name
	 * @param namespaceURI their namespace
	 * @param values the items
	 * @throws XMLStreamException outside an element or when the name cannot be written
	 */
	public void writeArray(String prefix, String localName, String namespaceURI, Duration[] values)
			throws XMLStreamException {
		long[] ticks = new long[values.length];
		for (int i = 0; i < values.length; i++) {
			ticks[i] = ticks(values[i]);
		}
		array(prefix, localName, namespaceURI, TIMESPAN_TEXT, values.length, () -> {
			for (long value : ticks) {
				this.out.i64(value);
			}
		});
	}

	/**
	 * Writes an array record of Uuid items.
	 * @param prefix the elements' prefix
	 * @param localName their local name
	 * @param namespaceURI their namespace
	 * @param values the items
	 * @throws XMLStreamException outside an element or when the name cannot be written
	 */
	public void writeArray(String prefix, String localName, String namespaceURI, UUID[] values)
			throws XMLStreamException {
		array(prefix, localName, namespaceURI, UUID_TEXT, values.length, () -> {
			for (UUID value : values) {
				this.out.write(TextFormat.guidBytes(value));
			}
		});
	}

	private void array(String prefix, String localName, String namespaceURI, int itemType, int count,
			TextRecord items) throws XMLStreamException {
		beginText("writeArray");
		this.out.u8(ARRAY_RECORD);
		writeElementRecord(prefix, localName);
		Frame frame = new Frame(prefix, localName);
		this.stack.push(frame);
		String bound = lookup(prefix);
		if (!namespaceURI.equals((bound != null) ? bound : "")) {
			writeXmlns(prefix, namespaceURI);
		}
		this.stack.pop();
		this.out.u8(END_ELEMENT_RECORD);
		this.out.u8(itemType + 1);
		this.out.multiByteInt31(count);
		items.write();
		this.lastText = -1;
	}

	// not representable

	@Override
	public void writeComment(String data) throws XMLStreamException {
		closeStartTag();
		this.out.u8(COMMENT_RECORD);
		this.out.string(data);
		this.lastText = -1;
	}

	@Override
	public void writeProcessingInstruction(String target) throws XMLStreamException {
		throw new XMLStreamException("[MC-NBFX] has no processing instructions");
	}

	@Override
	public void writeProcessingInstruction(String target, String data) throws XMLStreamException {
		throw new XMLStreamException("[MC-NBFX] has no processing instructions");
	}

	@Override
	public void writeDTD(String dtd) throws XMLStreamException {
		throw new XMLStreamException("[MC-NBFX] has no document type declarations");
	}

	@Override
	public void writeEntityRef(String name) throws XMLStreamException {
		throw new XMLStreamException("[MC-NBFX] has no entity references: write the characters");
	}

	@Override
	public void writeStartDocument() {
	}

	@Override
	public void writeStartDocument(String version) {
	}

	@Override
	public void writeStartDocument(String encoding, String version) {
	}

	@FunctionalInterface
	private interface TextRecord {

		void write();

	}

	/** Property names of {@code XMLOutputFactory}. */
	private static final class XMLOutputFactoryProperties {

		static final String REPAIRING = "javax.xml.stream.isRepairingNamespaces";

	}

	/** An open element: its name, the namespaces its start tag declares and those its names need. */
	private static final class Frame {

		final String prefix;

		final String localName;

		final List<String[]> declarations = new ArrayList<>(2);

		final List<String[]> bindings = new ArrayList<>(0);

		final List<String[]> required = new ArrayList<>(2);

		Frame(String prefix, String localName) {
			this.prefix = prefix;
			this.localName = localName;
		}

		@Nullable String namespaceOf(String prefix) {
			return XmlNames.namespaceOf(this.declarations, prefix);
		}

		String qualifiedName() {
			return XmlNames.qualifiedName(this.prefix, this.localName);
		}

	}

}
