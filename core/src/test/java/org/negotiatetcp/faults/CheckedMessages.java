package org.negotiatetcp.faults;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Messages that show any cut or change: a key ({@code client:sequence}), then a pattern derived from the key, up to
 * {@link #SIZE} bytes. The fault suites send them and check what the handler and the sender got back.
 */
final class CheckedMessages {

	/** The size of every message. */
	static final int SIZE = 2048;

	private CheckedMessages() {
	}

	/**
	 * Make the message of a key.
	 * @param key the key, ASCII, at most 64 characters
	 * @return the message
	 */
	static byte[] message(String key) {
		byte[] bytes = new byte[SIZE];
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		byte[] id = key.getBytes(StandardCharsets.US_ASCII);
		buffer.putShort((short) id.length).put(id);
		int seed = key.hashCode();
		while (buffer.hasRemaining()) {
			seed = seed * 1103515245 + 12345;
			buffer.put((byte) (seed >>> 16));
		}
		return bytes;
	}

	/**
	 * Return the key of a message.
	 * @param bytes what arrived
	 * @return the key, or {@code null} if the bytes are not exactly what {@link #message(String)} made
	 */
	static @Nullable String keyOf(byte[] bytes) {
		if (bytes.length != SIZE) {
			return null;
		}
		int length = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
		if (length > 64) {
			return null;
		}
		String key = new String(bytes, 2, length, StandardCharsets.US_ASCII);
		return Arrays.equals(bytes, message(key)) ? key : null;
	}

}
