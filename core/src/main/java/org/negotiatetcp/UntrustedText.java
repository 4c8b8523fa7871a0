package org.negotiatetcp;

import org.jspecify.annotations.Nullable;

/**
 * Makes text a peer controls (user and domain names, vias, strings from tokens) safe to log or put in an exception
 * message: at most {@value #MAX_LENGTH} characters, and control characters, line and paragraph separators and
 * bidirectional overrides escaped as {@code \n}, {@code \r}, {@code \t} or {@code \\uXXXX}, so that a peer cannot
 * forge log lines or hide text. Clean text of ordinary length comes back unchanged.
 */
public final class UntrustedText {

	/** The most characters of peer text kept; the rest is replaced by a count. */
	public static final int MAX_LENGTH = 256;

	/** The most characters kept of a whole message (an exception's) that embeds peer text. */
	public static final int MAX_MESSAGE_LENGTH = 1024;

	private UntrustedText() {
	}

	/**
	 * Return text bounded and escaped for a log line or an exception message.
	 * @param text the peer's text, or {@code null}
	 * @return the safe form ({@code "null"} for {@code null})
	 */
	public static String safe(@Nullable CharSequence text) {
		return safe(text, MAX_LENGTH);
	}

	/**
	 * Return text bounded to {@code maxLength} characters and escaped, for messages longer than a name (for example an
	 * exception message whose peer parts were bounded where it was built).
	 * @param text the text, or {@code null}
	 * @param maxLength the most characters kept
	 * @return the safe form ({@code "null"} for {@code null})
	 */
	public static String safe(@Nullable CharSequence text, int maxLength) {
		if (text == null) {
			return "null";
		}
		int length = text.length();
		int kept = Math.min(length, maxLength);
		if (kept == length && isClean(text)) {
			return text.toString();
		}
		StringBuilder out = new StringBuilder(kept + 16);
		for (int i = 0; i < kept; i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (needsEscape(c)) {
						out.append(String.format("\\u%04X", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		if (kept < length) {
			out.append("...(").append(length - kept).append(" more characters)");
		}
		return out.toString();
	}

	private static boolean isClean(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			if (needsEscape(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean needsEscape(char c) {
		int type = Character.getType(c);
		return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
				|| (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
	}

}
