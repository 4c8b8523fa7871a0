package org.negotiatetcp.mechanism.spnego;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Generates strict DER: definite, minimal lengths, single-octet tags, elements in the order written.
 */
final class DerWriter {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	/**
	 * Write one element.
	 * @param tag the identifier octet
	 * @param content the contents
	 * @return this writer
	 */
	public DerWriter writeTlv(int tag, byte[] content) {
		if (tag < 0 || tag > 0xff || (tag & 0x1f) == 0x1f) {
			throw new IllegalArgumentException("Unsupported tag 0x" + Integer.toHexString(tag));
		}
		this.out.write(tag);
		writeLength(this.out, content.length);
		this.out.writeBytes(content);
		return this;
	}

	/**
	 * Write a constructed element whose contents the given callback writes.
	 * @param tag the identifier octet (a constructed one, for example {@link Der#SEQUENCE} or {@code 0xa0})
	 * @param contents writes the contents
	 * @return this writer
	 */
	public DerWriter writeConstructed(int tag, Consumer<DerWriter> contents) {
		DerWriter inner = new DerWriter();
		contents.accept(inner);
		return writeTlv(tag, inner.toByteArray());
	}

	/**
	 * Write an already encoded element verbatim.
	 * @param encoded the complete encoding
	 * @return this writer
	 */
	public DerWriter writeEncoded(byte[] encoded) {
		this.out.writeBytes(encoded);
		return this;
	}

	/**
	 * Write an OBJECT IDENTIFIER.
	 * @param dotted the identifier
	 * @return this writer
	 */
	public DerWriter writeOid(String dotted) {
		return writeTlv(Der.OBJECT_IDENTIFIER, Der.encodeOid(dotted));
	}

	/**
	 * Write an OCTET STRING.
	 * @param value the octets
	 * @return this writer
	 */
	public DerWriter writeOctetString(byte[] value) {
		return writeTlv(Der.OCTET_STRING, value);
	}

	/**
	 * Write an OCTET STRING explicitly tagged {@code [number]}, or nothing for an absent (OPTIONAL) value.
	 * @param number the context tag number
	 * @param value the octets, or {@code null} to write nothing
	 * @return this writer
	 */
	public DerWriter writeOptionalOctetString(int number, byte @Nullable [] value) {
		if (value == null) {
			return this;
		}
		return writeConstructed(Der.contextTag(number), (field) -> field.writeOctetString(value));
	}

	/**
	 * Write a non-negative ENUMERATED value in its minimal encoding.
	 * @param value the value
	 * @return this writer
	 */
	public DerWriter writeEnumerated(int value) {
		if (value < 0) {
			throw new IllegalArgumentException("Negative ENUMERATED " + value);
		}
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		int bytes = 1;
		while (bytes < 4 && (value >>> (8 * bytes - 1)) != 0) {
			bytes++;
		}
		if ((value >>> (8 * bytes - 1)) != 0) {
			content.write(0);
		}
		for (int i = bytes - 1; i >= 0; i--) {
			content.write(value >>> (8 * i));
		}
		return writeTlv(Der.ENUMERATED, content.toByteArray());
	}

	/**
	 * Return what was written.
	 * @return the encoding
	 */
	public byte[] toByteArray() {
		return this.out.toByteArray();
	}

	static void writeLength(ByteArrayOutputStream out, int length) {
		if (length < 0x80) {
			out.write(length);
			return;
		}
		int count = (length > 0xffffff) ? 4 : (length > 0xffff) ? 3 : (length > 0xff) ? 2 : 1;
		out.write(0x80 | count);
		for (int i = count - 1; i >= 0; i--) {
			out.write(length >>> (8 * i));
		}
	}

}
