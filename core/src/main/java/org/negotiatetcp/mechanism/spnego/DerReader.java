package org.negotiatetcp.mechanism.spnego;

import java.util.Arrays;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * Reads a run of DER TLVs from a slice of a byte array. Every tag and length is checked against the slice before
 * anything is read or copied: a malformed input gives a {@link MechanismException} with
 * {@link FailureReason#BAD_TOKEN}, never an unchecked exception. Definite lengths only (no BER indefinite form), and
 * single-octet tags only (SPNEGO uses no others); non-minimal length octets are accepted.
 */
final class DerReader {

	private final byte[] data;

	private final int end;

	private int position;

	/**
	 * Read a whole array.
	 * @param data the encoding
	 */
	public DerReader(byte[] data) {
		this(data, 0, data.length);
	}

	/**
	 * Read a slice of an array.
	 * @param data the array
	 * @param offset where the slice starts
	 * @param length the slice's length
	 */
	public DerReader(byte[] data, int offset, int length) {
		if (offset < 0 || length < 0 || offset > data.length - length) {
			throw new IllegalArgumentException("Slice [" + offset + ", +" + length + ") outside " + data.length + " bytes");
		}
		this.data = data;
		this.position = offset;
		this.end = offset + length;
	}

	/**
	 * Whether more TLVs follow.
	 * @return {@code true} if the slice is not exhausted
	 */
	public boolean hasMore() {
		return this.position < this.end;
	}

	/**
	 * Return the identifier octet of the next TLV without consuming it.
	 * @return the tag, or -1 at the end of the slice
	 */
	public int peekTag() {
		return hasMore() ? (this.data[this.position] & 0xff) : -1;
	}

	/**
	 * Read the next TLV.
	 * @return the element
	 * @throws MechanismException if no well-formed TLV fits in the rest of the slice
	 */
	public Tlv read() {
		int start = this.position;
		if (start >= this.end) {
			throw Der.bad("a field is missing (input ends early)");
		}
		int tag = this.data[start] & 0xff;
		if ((tag & 0x1f) == 0x1f) {
			throw Der.bad("multi-octet tag 0x" + Integer.toHexString(tag) + " is not used by SPNEGO");
		}
		int p = start + 1;
		if (p >= this.end) {
			throw Der.bad("length octet missing after tag 0x" + Integer.toHexString(tag));
		}
		int first = this.data[p++] & 0xff;
		long length;
		if (first < 0x80) {
			length = first;
		}
		else {
			int count = first & 0x7f;
			if (count == 0) {
				throw Der.bad("indefinite length (BER) is not DER");
			}
			if (count > 4) {
				throw Der.bad("length takes " + count + " octets");
			}
			if (count > this.end - p) {
				throw Der.bad("length octets run past the end of the input");
			}
			length = 0;
			for (int i = 0; i < count; i++) {
				length = (length << 8) | (this.data[p++] & 0xff);
			}
		}
		if (length > this.end - p) {
			throw Der.bad("a field of tag 0x" + Integer.toHexString(tag) + " claims " + length + " octets but only "
					+ (this.end - p) + " remain");
		}
		this.position = p + (int) length;
		return new Tlv(tag, this.data, start, p, (int) length);
	}

	/**
	 * Read the next TLV and check its tag.
	 * @param expectedTag the identifier octet it must have
	 * @param what what the field is, for the error message
	 * @return the element
	 * @throws MechanismException if the tag differs or the TLV is malformed
	 */
	public Tlv read(int expectedTag, String what) {
		int tag = peekTag();
		if (tag != expectedTag) {
			throw Der.bad(what + " expected (tag 0x" + Integer.toHexString(expectedTag) + ") but found "
					+ ((tag < 0) ? "the end of the input" : "tag 0x" + Integer.toHexString(tag)));
		}
		return read();
	}

	/**
	 * Check that the slice is exhausted.
	 * @param what what was being read, for the error message
	 * @throws MechanismException if bytes are left
	 */
	public void expectEnd(String what) {
		if (hasMore()) {
			throw Der.bad((this.end - this.position) + " unexpected trailing octets after " + what);
		}
	}

	/**
	 * One DER element: identifier, length and contents, located in its source array.
	 * @param tag the identifier octet
	 * @param source the array it was read from (not copied)
	 * @param start where its identifier octet is
	 * @param contentOffset where its contents start
	 * @param contentLength the length of its contents
	 */
	public record Tlv(int tag, byte[] source, int start, int contentOffset, int contentLength) {

		/**
		 * Whether the element is constructed (contains other elements).
		 * @return {@code true} for constructed encodings
		 */
		public boolean constructed() {
			return (this.tag & 0x20) != 0;
		}

		/**
		 * Return a copy of the contents.
		 * @return the content octets
		 */
		public byte[] content() {
			return Arrays.copyOfRange(this.source, this.contentOffset, this.contentOffset + this.contentLength);
		}

		/**
		 * Return a copy of the whole encoding, identifier and length octets included, exactly as received.
		 * @return the encoding
		 */
		public byte[] encoded() {
			return Arrays.copyOfRange(this.source, this.start, this.contentOffset + this.contentLength);
		}

		/**
		 * Return a reader over the contents.
		 * @return the reader
		 */
		public DerReader contents() {
			return new DerReader(this.source, this.contentOffset, this.contentLength);
		}

		/**
		 * Return the single element inside this (explicitly tagged) element, which must contain exactly one.
		 * @param expectedTag the identifier octet of the inner element
		 * @param what what the field is, for the error message
		 * @return the inner element
		 */
		public Tlv inner(int expectedTag, String what) {
			DerReader reader = contents();
			Tlv inner = reader.read(expectedTag, what);
			reader.expectEnd(what);
			return inner;
		}

		/**
		 * Decode the contents as an OBJECT IDENTIFIER.
		 * @return the dotted identifier
		 */
		public String oid() {
			return Der.decodeOid(content());
		}

		/**
		 * Decode the contents as a small ENUMERATED or INTEGER value (at most four octets).
		 * @return the value
		 */
		public int smallInteger() {
			if (this.contentLength < 1 || this.contentLength > 4) {
				throw Der.bad("an ENUMERATED value of " + this.contentLength + " octets");
			}
			int value = this.source[this.contentOffset];
			for (int i = 1; i < this.contentLength; i++) {
				value = (value << 8) | (this.source[this.contentOffset + i] & 0xff);
			}
			return value;
		}

		@Override
		public boolean equals(Object other) {
			return (this == other) || (other instanceof Tlv that && Arrays.equals(encoded(), that.encoded()));
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(encoded());
		}

		@Override
		public String toString() {
			return "Tlv[tag=0x" + Integer.toHexString(this.tag) + ", length=" + this.contentLength + "]";
		}

	}

}
