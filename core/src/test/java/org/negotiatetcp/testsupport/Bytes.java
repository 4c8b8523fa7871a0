package org.negotiatetcp.testsupport;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Byte array helpers for tests.
 */
public final class Bytes {

	private Bytes() {
	}

	/**
	 * Join byte arrays.
	 * @param parts the arrays, in order
	 * @return one array with the bytes of all parts
	 */
	public static byte[] concat(byte[]... parts) {
		return concat(List.of(parts));
	}

	/**
	 * Join byte arrays.
	 * @param parts the arrays, in order
	 * @return one array with the bytes of all parts
	 */
	public static byte[] concat(List<byte[]> parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		parts.forEach(out::writeBytes);
		return out.toByteArray();
	}

}
