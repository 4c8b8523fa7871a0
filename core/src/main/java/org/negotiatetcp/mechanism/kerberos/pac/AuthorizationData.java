package org.negotiatetcp.mechanism.kerberos.pac;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Finds the PAC in a ticket's authorization data (RFC 4120 5.2.6): an AD-WIN2K-PAC (128) element inside an
 * AD-IF-RELEVANT (1) container, whose {@code ad-data} is the DER encoding of
 * {@code AuthorizationData ::= SEQUENCE OF SEQUENCE { ad-type [0] Int32, ad-data [1] OCTET STRING }}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class AuthorizationData {

	/** The AD-IF-RELEVANT container type. */
	public static final int AD_IF_RELEVANT = 1;

	/** The AD-WIN2K-PAC element type. */
	public static final int AD_WIN2K_PAC = 128;

	private static final int MAX_DEPTH = 4;

	private AuthorizationData() {
	}

	/**
	 * Return the PAC among the top-level authorization data elements of a ticket, searching AD-IF-RELEVANT containers.
	 * @param elements the elements as {@code (type, data)} pairs, as the JDK's {@code KRB5_GET_AUTHZ_DATA} gives them
	 * @return the PAC's bytes, or {@code null} if the ticket has no PAC
	 * @throws PacFormatException if a container is malformed or there is more than one PAC
	 */
	public static byte @Nullable [] findPac(List<Element> elements) {
		List<byte[]> found = new ArrayList<>();
		collect(elements, found, 0);
		if (found.size() > 1) {
			throw new PacFormatException("the ticket carries " + found.size() + " AD-WIN2K-PAC elements");
		}
		return found.isEmpty() ? null : found.get(0);
	}

	/**
	 * Decode the DER {@code AuthorizationData} of an AD-IF-RELEVANT element.
	 * @param der the DER bytes
	 * @return the elements
	 * @throws PacFormatException if the encoding is malformed
	 */
	public static List<Element> decode(byte[] der) {
		Der in = new Der(der, 0, der.length);
		Der sequence = in.next(0x30, "AuthorizationData");
		if (in.hasMore()) {
			throw new PacFormatException("trailing bytes after AuthorizationData");
		}
		List<Element> elements = new ArrayList<>();
		while (sequence.hasMore()) {
			Der element = sequence.next(0x30, "AuthorizationData element");
			Der typeField = element.next(0xA0, "ad-type");
			Der integer = typeField.next(0x02, "ad-type INTEGER");
			Der dataField = element.next(0xA1, "ad-data");
			Der octets = dataField.next(0x04, "ad-data OCTET STRING");
			elements.add(new Element(integer.int32(), octets.content()));
		}
		return elements;
	}

	private static void collect(List<Element> elements, List<byte[]> found, int depth) {
		for (Element element : elements) {
			if (element.type() == AD_WIN2K_PAC) {
				found.add(element.data());
			}
			else if (element.type() == AD_IF_RELEVANT) {
				if (depth >= MAX_DEPTH) {
					throw new PacFormatException("AD-IF-RELEVANT nested more than " + MAX_DEPTH + " deep");
				}
				collect(decode(element.data()), found, depth + 1);
			}
		}
	}

	/**
	 * One authorization data element.
	 * @param type the {@code ad-type}
	 * @param data the {@code ad-data}
	 */
	public record Element(int type, byte[] data) {

		/**
		 * Copy the data.
		 * @param type the type
		 * @param data the data
		 */
		public Element {
			data = data.clone();
		}

		/**
		 * Return the data.
		 * @return a copy
		 */
		@Override
		public byte[] data() {
			return this.data.clone();
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return (this == other) || (other instanceof Element that && this.type == that.type
					&& java.util.Arrays.equals(this.data, that.data));
		}

		@Override
		public int hashCode() {
			return 31 * this.type + java.util.Arrays.hashCode(this.data);
		}

		@Override
		public String toString() {
			return "Element[type=" + this.type + ", " + this.data.length + " bytes]";
		}

	}

	/** A bounded DER reader over one content range. */
	private static final class Der {

		private final byte[] bytes;

		private int position;

		private final int end;

		Der(byte[] bytes, int start, int end) {
			this.bytes = bytes;
			this.position = start;
			this.end = end;
		}

		boolean hasMore() {
			return this.position < this.end;
		}

		Der next(int tag, String what) {
			if (this.position + 2 > this.end) {
				throw new PacFormatException("authorization data ends before " + what);
			}
			int actual = this.bytes[this.position++] & 0xFF;
			if (actual != tag) {
				throw new PacFormatException(what + " has tag 0x" + Integer.toHexString(actual) + ", expected 0x"
						+ Integer.toHexString(tag));
			}
			int first = this.bytes[this.position++] & 0xFF;
			long length;
			if (first < 0x80) {
				length = first;
			}
			else {
				int octets = first & 0x7F;
				if (octets == 0 || octets > 4 || this.position + octets > this.end) {
					throw new PacFormatException(what + " has an invalid DER length");
				}
				length = 0;
				for (int i = 0; i < octets; i++) {
					length = (length << 8) | (this.bytes[this.position++] & 0xFF);
				}
			}
			if (length > this.end - this.position) {
				throw new PacFormatException(what + " length " + length + " exceeds the " + (this.end - this.position)
						+ " bytes left");
			}
			Der content = new Der(this.bytes, this.position, this.position + (int) length);
			this.position += (int) length;
			return content;
		}

		byte[] content() {
			byte[] out = new byte[this.end - this.position];
			System.arraycopy(this.bytes, this.position, out, 0, out.length);
			return out;
		}

		int int32() {
			int length = this.end - this.position;
			if (length < 1 || length > 4) {
				throw new PacFormatException("ad-type INTEGER of " + length + " bytes");
			}
			int value = this.bytes[this.position];
			for (int i = 1; i < length; i++) {
				value = (value << 8) | (this.bytes[this.position + i] & 0xFF);
			}
			return value;
		}

	}

}
