package org.negotiatetcp.mechanism.spnego;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.mechanism.MechanismException;

/**
 * When SPNEGO may move on to the next mechanism after one failed to start. Like Windows Negotiate, it falls back when a
 * mechanism is impossible (no ticket or credential, no KDC, unknown client or SPN) but not when the KDC refused the
 * credential itself (wrong password, revoked or expired account): the next mechanism would present the same secret,
 * and the user needs to hear what is wrong.
 */
final class FallbackRules {

	/** The JDK's texts of the KDC errors that refute the credential (RFC 4120 codes 18, 23, 24, 31). */
	private static final List<String> CREDENTIAL_REFUTED = List.of("Pre-authentication information was invalid",
			"Integrity check on decrypted field failed", "Clients credentials have been revoked",
			"Password has expired");

	private FallbackRules() {
	}

	static boolean allowsFallback(MechanismException failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (refutes(t.getMessage())) {
				return false;
			}
		}
		return true;
	}

	private static boolean refutes(@Nullable String message) {
		if (message == null) {
			return false;
		}
		for (String text : CREDENTIAL_REFUTED) {
			if (message.contains(text)) {
				return true;
			}
		}
		return false;
	}

}
