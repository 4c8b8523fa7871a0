package org.negotiatetcp.framing;

import org.jspecify.annotations.Nullable;

/**
 * The well-known envelope encodings of [MC-NMF] 2.2.3.4.1 (KnownEncoding record value) with their content types.
 */
public enum KnownEncoding {

	/** {@code 0x00}: SOAP 1.1, UTF-8 text. */
	SOAP11_UTF8(0x00, "text/xml; charset=utf-8"),

	/** {@code 0x01}: SOAP 1.1, UTF-16 text. */
	SOAP11_UTF16(0x01, "text/xml; charset=utf16"),

	/** {@code 0x02}: SOAP 1.1, big-endian UTF-16 text. */
	SOAP11_UTF16_FFFE(0x02, "text/xml; charset=unicodeFFFE"),

	/** {@code 0x03}: SOAP 1.2, UTF-8 text. */
	SOAP12_UTF8(0x03, "application/soap+xml; charset=utf-8"),

	/** {@code 0x04}: SOAP 1.2, UTF-16 text. */
	SOAP12_UTF16(0x04, "application/soap+xml; charset=utf16"),

	/** {@code 0x05}: SOAP 1.2, big-endian UTF-16 text. */
	SOAP12_UTF16_FFFE(0x05, "application/soap+xml; charset=unicodeFFFE"),

	/** {@code 0x06}: MTOM. */
	MTOM(0x06, "multipart/related"),

	/** {@code 0x07}: [MC-NBFS] binary XML without a session dictionary. */
	BINARY(0x07, "application/soap+msbin1"),

	/** {@code 0x08}: [MC-NBFSE] binary XML with an in-band session dictionary; the NetTcpBinding default. */
	BINARY_SESSION(0x08, "application/soap+msbinsession1");

	private final int code;

	private final String contentType;

	KnownEncoding(int code, String contentType) {
		this.code = code;
		this.contentType = contentType;
	}

	/**
	 * Return the encoding byte.
	 * @return {@code 0x00..0x08}
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Return the content type this byte stands for.
	 * @return the content type, e.g. {@code application/soap+msbinsession1}
	 */
	public String contentType() {
		return this.contentType;
	}

	/**
	 * Look up an encoding by its byte.
	 * @param code the byte read from the wire
	 * @return the encoding, or {@code null} if the byte names none
	 */
	public static @Nullable KnownEncoding fromCode(int code) {
		for (KnownEncoding encoding : values()) {
			if (encoding.code == code) {
				return encoding;
			}
		}
		return null;
	}

	/**
	 * Look up an encoding by its exact content type string (as .NET does when it chooses between a KnownEncoding
	 * and an ExtensibleEncoding record).
	 * @param contentType the content type
	 * @return the encoding, or {@code null} if none has exactly this content type
	 */
	public static @Nullable KnownEncoding fromContentType(String contentType) {
		for (KnownEncoding encoding : values()) {
			if (encoding.contentType.equals(contentType)) {
				return encoding;
			}
		}
		return null;
	}

}
