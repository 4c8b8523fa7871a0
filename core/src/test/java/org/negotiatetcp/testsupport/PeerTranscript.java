package org.negotiatetcp.testsupport;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a peer printed, parsed. Both peers print one event per line: a word, then {@code key=value} fields whose
 * values are either plain tokens or JSON strings, for example
 * {@code AUTHENTICATED mech=krb5 peer="alice@EXAMPLE.TEST" mutual=true} or
 * {@code RECEIVED len=5 hex=68656c6c6f text="hello"}.
 *
 * @param name the peer's name
 * @param stdout the standard output lines
 * @param stderr the standard error lines
 * @param exitCode the exit code, or {@code -1} if the peer had not exited
 */
public record PeerTranscript(String name, List<String> stdout, List<String> stderr, int exitCode) {

	/**
	 * Fails unless the peer exited with 0 and reported no error.
	 * @return this transcript
	 * @throws AssertionError with the whole output otherwise
	 */
	public PeerTranscript requireSuccess() {
		if (this.exitCode != 0 || error().isPresent()) {
			throw new AssertionError("Peer " + this.name + " failed (exit code " + this.exitCode + "):\n" + this);
		}
		return this;
	}

	/**
	 * Fails unless the peer exited with a non-zero code.
	 * @return this transcript
	 * @throws AssertionError with the whole output otherwise
	 */
	public PeerTranscript requireFailure() {
		if (this.exitCode <= 0) {
			throw new AssertionError("Peer " + this.name + " was expected to fail (exit code " + this.exitCode
					+ "):\n" + this);
		}
		return this;
	}

	/**
	 * The text after the first {@code ERROR} line's keyword.
	 * @return the error message, if the peer reported one
	 */
	public Optional<String> error() {
		return this.stdout.stream()
			.filter((line) -> line.startsWith("ERROR "))
			.map((line) -> line.substring("ERROR ".length()))
			.findFirst();
	}

	/**
	 * The fields of every event line with the given keyword, in order.
	 * @param event the keyword, for example {@code FRAME_RECV}
	 * @return one map per line (insertion ordered)
	 */
	public List<Map<String, String>> events(String event) {
		List<Map<String, String>> events = new ArrayList<>();
		for (String line : this.stdout) {
			if (line.equals(event) || line.startsWith(event + " ")) {
				events.add(fields(line.substring(event.length())));
			}
		}
		return events;
	}

	/**
	 * The fields of the single event line with the given keyword.
	 * @param event the keyword
	 * @return its fields
	 * @throws AssertionError unless there is exactly one such line
	 */
	public Map<String, String> event(String event) {
		List<Map<String, String>> events = events(event);
		if (events.size() != 1) {
			throw new AssertionError("Expected one " + event + " line from " + this.name + " but found "
					+ events.size() + ":\n" + this);
		}
		return events.get(0);
	}

	/**
	 * Whether a line with this keyword was printed.
	 * @param event the keyword
	 * @return {@code true} if present
	 */
	public boolean has(String event) {
		return !events(event).isEmpty();
	}

	/**
	 * The fields of the {@code AUTHENTICATED} line: mechanism, peer name and flags.
	 * @return the fields
	 */
	public Map<String, String> authenticated() {
		return event("AUTHENTICATED");
	}

	/**
	 * The application data the peer received, one entry per {@code RECEIVED} line.
	 * @return the byte arrays
	 */
	public List<byte[]> received() {
		return events("RECEIVED").stream().map((fields) -> HexFormat.of().parseHex(fields.get("hex"))).toList();
	}

	/**
	 * The application data the peer received, decoded as UTF-8 by the peer ({@code null} entries become
	 * {@code "<binary>"}).
	 * @return the texts
	 */
	public List<String> receivedTexts() {
		return events("RECEIVED").stream().map((fields) -> {
			String text = fields.get("text");
			return (text != null) ? text : "<binary>";
		}).toList();
	}

	/**
	 * The NNS handshake messages the peer sent.
	 * @return the messages in order
	 */
	public List<HandshakeMessage> handshakeSent() {
		return handshake("HANDSHAKE_SENT");
	}

	/**
	 * The NNS handshake messages the peer received.
	 * @return the messages in order
	 */
	public List<HandshakeMessage> handshakeReceived() {
		return handshake("HANDSHAKE_RECV");
	}

	private List<HandshakeMessage> handshake(String event) {
		return events(event).stream()
			.map((fields) -> new HandshakeMessage(Integer.decode(fields.get("id")), HexFormat.of().parseHex(fields.get("hex"))))
			.toList();
	}

	/**
	 * The NNS data frames the peer sent.
	 * @return the frames in order
	 */
	public List<DataFrame> framesSent() {
		return frames("FRAME_SENT");
	}

	/**
	 * The NNS data frames the peer received.
	 * @return the frames in order
	 */
	public List<DataFrame> framesReceived() {
		return frames("FRAME_RECV");
	}

	private List<DataFrame> frames(String event) {
		return events(event).stream()
			.map((fields) -> new DataFrame(Integer.parseInt(fields.get("len")), Integer.parseInt(fields.get("plain")),
					HexFormat.of().parseHex(fields.get("head"))))
			.toList();
	}

	/**
	 * Parses {@code key=value} fields; values are plain tokens or JSON strings (JSON {@code null} becomes a missing
	 * key).
	 * @param text the text after the event keyword
	 * @return the fields in order
	 */
	static Map<String, String> fields(String text) {
		Map<String, String> fields = new LinkedHashMap<>();
		int index = 0;
		int length = text.length();
		while (index < length) {
			while (index < length && text.charAt(index) == ' ') {
				index++;
			}
			if (index >= length) {
				break;
			}
			int equals = text.indexOf('=', index);
			int space = text.indexOf(' ', index);
			if (equals < 0 || (space >= 0 && space < equals)) {
				int end = (space < 0) ? length : space;
				fields.put("_" + fields.size(), text.substring(index, end));
				index = end;
				continue;
			}
			String key = text.substring(index, equals);
			index = equals + 1;
			if (index < length && text.charAt(index) == '"') {
				StringBuilder value = new StringBuilder();
				index = readJsonString(text, index, value);
				fields.put(key, value.toString());
			}
			else {
				int end = text.indexOf(' ', index);
				end = (end < 0) ? length : end;
				String value = text.substring(index, end);
				if (!value.equals("null")) {
					fields.put(key, value);
				}
				index = end;
			}
		}
		return fields;
	}

	private static int readJsonString(String text, int start, StringBuilder value) {
		int index = start + 1;
		while (index < text.length()) {
			char c = text.charAt(index++);
			if (c == '"') {
				return index;
			}
			if (c != '\\') {
				value.append(c);
				continue;
			}
			char escape = text.charAt(index++);
			switch (escape) {
				case 'n' -> value.append('\n');
				case 't' -> value.append('\t');
				case 'r' -> value.append('\r');
				case 'b' -> value.append('\b');
				case 'f' -> value.append('\f');
				case 'u' -> {
					value.append((char) Integer.parseInt(text.substring(index, index + 4), 16));
					index += 4;
				}
				default -> value.append(escape);
			}
		}
		throw new IllegalArgumentException("Unterminated JSON string in: " + text);
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		this.stdout.forEach((line) -> text.append("  ").append(line).append('\n'));
		this.stderr.forEach((line) -> text.append("  (stderr) ").append(line).append('\n'));
		return text.append("  exit code: ").append(this.exitCode).toString();
	}

	/**
	 * An NNS handshake message as a peer saw it.
	 *
	 * @param id the message id: 0x16 in progress, 0x14 done, 0x15 error
	 * @param payload the payload (a security token, or the error code for 0x15)
	 */
	public record HandshakeMessage(int id, byte[] payload) {

		/** HandshakeDone. */
		public static final int DONE = 0x14;

		/** HandshakeError. */
		public static final int ERROR = 0x15;

		/** HandshakeInProgress. */
		public static final int IN_PROGRESS = 0x16;

		@Override
		public String toString() {
			return String.format("0x%02x[%d bytes]", this.id, this.payload.length);
		}

		/**
		 * The payload in lower case hex.
		 * @return the hex string
		 */
		public String hex() {
			return HexFormat.of().formatHex(this.payload);
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof HandshakeMessage that && this.id == that.id
					&& java.util.Arrays.equals(this.payload, that.payload);
		}

		@Override
		public int hashCode() {
			return 31 * this.id + java.util.Arrays.hashCode(this.payload);
		}

	}

	/**
	 * An NNS data frame as a peer saw it.
	 *
	 * @param length the frame's payload size (the wrap token length, without the 4-byte length prefix)
	 * @param plainLength the plaintext length inside it
	 * @param head the first (up to) 16 bytes of the wrap token
	 */
	public record DataFrame(int length, int plainLength, byte[] head) {

		/**
		 * The head in lower case hex.
		 * @return the hex string
		 */
		public String headHex() {
			return HexFormat.of().formatHex(this.head);
		}

		@Override
		public String toString() {
			return "frame[" + this.length + " bytes, " + this.plainLength + " plain, head " + headHex() + "]";
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof DataFrame that && this.length == that.length
					&& this.plainLength == that.plainLength && java.util.Arrays.equals(this.head, that.head);
		}

		@Override
		public int hashCode() {
			return 31 * (31 * this.length + this.plainLength) + java.util.Arrays.hashCode(this.head);
		}

	}

}
