package org.negotiatetcp.mechanism.spnego;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * The small part of ASN.1 DER (ITU-T X.690) SPNEGO needs: identifier octets, and object identifiers converted between
 * their dotted form and their DER content octets. {@link DerReader} parses, {@link DerWriter} generates.
 */
final class Der {

	/** Universal tag of an ENUMERATED value. */
	public static final int ENUMERATED = 0x0a;

	/** Universal tag of a BIT STRING. */
	public static final int BIT_STRING = 0x03;

	/** Universal tag of an OCTET STRING. */
	public static final int OCTET_STRING = 0x04;

	/** Universal tag of an OBJECT IDENTIFIER. */
	public static final int OBJECT_IDENTIFIER = 0x06;

	/** Universal tag of a SEQUENCE (constructed). */
	public static final int SEQUENCE = 0x30;

	/** Tag of the GSS-API InitialContextToken: [APPLICATION 0] constructed (RFC 2743 3.1). */
	public static final int GSS_INITIAL_CONTEXT_TOKEN = 0x60;

	/** The most subidentifiers an object identifier may have here; real ones have fewer than 20. */
	static final int MAX_OID_ARCS = 64;

	private Der() {
	}

	/**
	 * Return the identifier octet of a constructed context-specific tag {@code [n]} (n below 31).
	 * @param number the tag number
	 * @return the identifier octet, for example {@code 0xa1} for {@code [1]}
	 */
	public static int contextTag(int number) {
		if (number < 0 || number > 30) {
			throw new IllegalArgumentException("Context tag number out of range: " + number);
		}
		return 0xa0 | number;
	}

	/**
	 * Encode a dotted object identifier as DER content octets (without tag and length).
	 * @param dotted the identifier, for example {@code 1.3.6.1.5.5.2}
	 * @return the content octets
	 * @throws IllegalArgumentException if the identifier is malformed
	 */
	public static byte[] encodeOid(String dotted) {
		String[] parts = dotted.split("\\.", -1);
		if (parts.length < 2 || parts.length > MAX_OID_ARCS) {
			throw new IllegalArgumentException("Malformed object identifier '" + dotted + "'");
		}
		long[] arcs = new long[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				arcs[i] = Long.parseLong(parts[i]);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("Malformed object identifier '" + dotted + "'", ex);
			}
			if (arcs[i] < 0 || parts[i].startsWith("+") || arcs[i] > 0xFFFFFFFFL) {
				throw new IllegalArgumentException("Malformed object identifier '" + dotted + "'");
			}
		}
		if (arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39)) {
			throw new IllegalArgumentException("Malformed object identifier '" + dotted + "'");
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		writeBase128(out, arcs[0] * 40 + arcs[1]);
		for (int i = 2; i < arcs.length; i++) {
			writeBase128(out, arcs[i]);
		}
		return out.toByteArray();
	}

	private static void writeBase128(ByteArrayOutputStream out, long value) {
		int groups = 1;
		for (long v = value >>> 7; v != 0; v >>>= 7) {
			groups++;
		}
		for (int i = groups - 1; i >= 0; i--) {
			int b = (int) ((value >>> (7 * i)) & 0x7f);
			out.write((i > 0) ? (b | 0x80) : b);
		}
	}

	/**
	 * Decode DER content octets of an object identifier to its dotted form.
	 * @param content the content octets (without tag and length)
	 * @return the dotted identifier
	 * @throws MechanismException with {@link FailureReason#BAD_TOKEN} if the octets are not a valid identifier
	 */
	public static String decodeOid(byte[] content) {
		if (content.length == 0) {
			throw bad("empty OBJECT IDENTIFIER");
		}
		StringBuilder dotted = new StringBuilder();
		int arcs = 0;
		long value = 0;
		boolean first = true;
		boolean startOfArc = true;
		for (int i = 0; i < content.length; i++) {
			int b = content[i] & 0xff;
			if (startOfArc && b == 0x80) {
				throw bad("OBJECT IDENTIFIER subidentifier has a leading 0x80 octet");
			}
			startOfArc = false;
			if (value > (0xFFFFFFFFL >>> 7)) {
				throw bad("OBJECT IDENTIFIER subidentifier is too large");
			}
			value = (value << 7) | (b & 0x7f);
			if ((b & 0x80) == 0) {
				if (first) {
					long top = (value < 80) ? value / 40 : 2;
					dotted.append(top).append('.').append(value - top * 40);
					arcs += 2;
					first = false;
				}
				else {
					dotted.append('.').append(value);
					arcs++;
				}
				if (arcs > MAX_OID_ARCS) {
					throw bad("OBJECT IDENTIFIER has too many arcs");
				}
				value = 0;
				startOfArc = true;
			}
		}
		if (!startOfArc) {
			throw bad("OBJECT IDENTIFIER ends inside a subidentifier");
		}
		return dotted.toString();
	}

	/**
	 * Compare two byte ranges in constant time with respect to their content.
	 * @param a the first
	 * @param b the second
	 * @return whether they are equal
	 */
	static boolean equal(byte[] a, byte[] b) {
		return java.security.MessageDigest.isEqual(a, b);
	}

	static byte[] copy(byte[] data, int offset, int length) {
		return Arrays.copyOfRange(data, offset, offset + length);
	}

	/**
	 * Describe optional octets for a {@code toString()} without showing them.
	 * @param octets the octets, or {@code null}
	 * @return {@code "<n> bytes"} or {@code "none"}
	 */
	static String describe(byte @Nullable [] octets) {
		return (octets != null) ? octets.length + " bytes" : "none";
	}

	static MechanismException bad(String what) {
		return new MechanismException(FailureReason.BAD_TOKEN, "Malformed SPNEGO token: " + what);
	}

}
