package org.negotiatetcp.mechanism.ntlm;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * Checks on the names NTLM carries (user, domain, workstation): at most {@value #MAX_LENGTH} characters, no control
 * characters, line or paragraph separators,
 * or bidirectional overrides, which no Windows account name contains ([MS-ADTS] sAMAccountName excludes control
 * characters) and which would otherwise reach logs, rules and {@code UserDetailsService} lookups.
 */
final class NtlmNames {

	/** The longest name accepted from a peer: Windows' UNLEN (and more than DNS's 255 for domains). */
	static final int MAX_LENGTH = 256;

	private NtlmNames() {
	}

	/**
	 * Return the index of the first forbidden character of a name.
	 * @param name the name
	 * @return the index, or -1 if the name is clean
	 */
	static int firstForbidden(String name) {
		for (int i = 0; i < name.length(); i++) {
			if (isForbidden(name.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

	static boolean isForbidden(char c) {
		int type = Character.getType(c);
		return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
				|| (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
	}

	/**
	 * Refuse a name configured in an account store.
	 * @param name the name
	 * @param what what it is, for the message
	 * @return the name
	 * @throws IllegalArgumentException if it has a forbidden character
	 */
	static String requireClean(String name, String what) {
		int index = firstForbidden(name);
		if (index >= 0) {
			throw new IllegalArgumentException(what + " contains the control character U+"
					+ String.format("%04X", (int) name.charAt(index)) + " at index " + index);
		}
		return name;
	}

	/**
	 * Refuse a name a peer sent.
	 * @param name the name
	 * @param field the message and field, for example {@code AUTHENTICATE UserName}
	 * @throws MechanismException with {@link FailureReason#BAD_TOKEN} if it has a forbidden character
	 */
	static void checkReceived(String name, String field) {
		if (name.length() > MAX_LENGTH) {
			throw new MechanismException(FailureReason.BAD_TOKEN, "NTLM " + field + " is " + name.length()
					+ " characters long; names longer than " + MAX_LENGTH + " characters (Windows' UNLEN) are refused");
		}
		int index = firstForbidden(name);
		if (index >= 0) {
			throw new MechanismException(FailureReason.BAD_TOKEN, "NTLM " + field + " contains the control "
					+ "character U+" + String.format("%04X", (int) name.charAt(index)) + " at index " + index
					+ " (line breaks, control and bidirectional-override characters are refused in names)");
		}
	}

}
