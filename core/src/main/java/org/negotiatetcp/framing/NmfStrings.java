package org.negotiatetcp.framing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * The length-prefixed UTF-8 strings of [MC-NMF] records (Via, ExtensibleEncoding, UpgradeRequest, Fault).
 */
final class NmfStrings {

	private NmfStrings() {
	}

	/**
	 * Return the UTF-8 length of {@code value}.
	 * @param value the string
	 * @return its length in bytes
	 */
	static int utf8Length(String value) {
		return ByteBufUtil.utf8Bytes(value);
	}

	/**
	 * Append the multi-byte int31 UTF-8 length of {@code value} and its UTF-8 bytes.
	 * @param value the string
	 * @param out the buffer to write to
	 */
	static void write(String value, ByteBuf out) {
		MultiByteInt31.encode(utf8Length(value), out);
		ByteBufUtil.writeUtf8(out, value);
	}

	/**
	 * Decode {@code length} bytes of strict UTF-8 at the reader index of {@code in} and move past them.
	 * @param in the buffer, with at least {@code length} readable bytes
	 * @param length the number of bytes
	 * @param field the name of the field, for the error message
	 * @return the string
	 * @throws FramingException if the bytes are not well-formed UTF-8
	 */
	static String read(ByteBuf in, int length, String field) {
		ByteBuffer bytes = in.nioBuffer(in.readerIndex(), length);
		try {
			String value = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes)
				.toString();
			in.skipBytes(length);
			return value;
		}
		catch (CharacterCodingException ex) {
			throw FramingException.protocol("The " + field + " of an [MC-NMF] record is not valid UTF-8 ("
					+ ex.getMessage() + "); the peer sent corrupt framing");
		}
	}

}
