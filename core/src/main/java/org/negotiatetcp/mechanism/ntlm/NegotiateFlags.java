package org.negotiatetcp.mechanism.ntlm;

import java.util.StringJoiner;

/**
 * The {@code NegotiateFlags} bits of [MS-NLMP] 2.2.2.5, as they appear (little-endian) in the NEGOTIATE, CHALLENGE and
 * AUTHENTICATE messages.
 */
final class NegotiateFlags {

	/** A: Unicode (UTF-16LE) strings. */
	public static final int NTLMSSP_NEGOTIATE_UNICODE = 0x00000001;

	/** B: OEM code page strings. */
	public static final int NTLM_NEGOTIATE_OEM = 0x00000002;

	/** C: the server must return its TargetName in the CHALLENGE. */
	public static final int NTLMSSP_REQUEST_TARGET = 0x00000004;

	/** D: message integrity (signing). */
	public static final int NTLMSSP_NEGOTIATE_SIGN = 0x00000010;

	/** E: message confidentiality (sealing). */
	public static final int NTLMSSP_NEGOTIATE_SEAL = 0x00000020;

	/** F: connectionless (datagram) NTLM. Never negotiated here. */
	public static final int NTLMSSP_NEGOTIATE_DATAGRAM = 0x00000040;

	/** G: LAN Manager session key. Never negotiated here. */
	public static final int NTLMSSP_NEGOTIATE_LM_KEY = 0x00000080;

	/** H: NTLM v1 session security; set by every client and server for historical reasons. */
	public static final int NTLMSSP_NEGOTIATE_NTLM = 0x00000200;

	/** J: an anonymous connection. */
	public static final int NTLMSSP_ANONYMOUS = 0x00000800;

	/** K: the NEGOTIATE carries an OEM domain name. */
	public static final int NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED = 0x00001000;

	/** L: the NEGOTIATE carries an OEM workstation name. */
	public static final int NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED = 0x00002000;

	/** M: a signature block on every message (dummy signature when not signing). */
	public static final int NTLMSSP_NEGOTIATE_ALWAYS_SIGN = 0x00008000;

	/** N: the CHALLENGE's TargetName is a domain name. */
	public static final int NTLMSSP_TARGET_TYPE_DOMAIN = 0x00010000;

	/** O: the CHALLENGE's TargetName is a server name. */
	public static final int NTLMSSP_TARGET_TYPE_SERVER = 0x00020000;

	/** P: NTLM v2 session security ("extended session security"). Required here. */
	public static final int NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000;

	/** Q: the client grants an identify-level token only. */
	public static final int NTLMSSP_NEGOTIATE_IDENTIFY = 0x00100000;

	/** R: LMOWF-based session key. Never negotiated here. */
	public static final int NTLMSSP_REQUEST_NON_NT_SESSION_KEY = 0x00400000;

	/** S: the CHALLENGE carries TargetInfo (AV pairs). */
	public static final int NTLMSSP_NEGOTIATE_TARGET_INFO = 0x00800000;

	/** T: the VERSION field is populated. */
	public static final int NTLMSSP_NEGOTIATE_VERSION = 0x02000000;

	/** U: 128-bit session keys. Required here whenever signing or sealing. */
	public static final int NTLMSSP_NEGOTIATE_128 = 0x20000000;

	/** V: explicit key exchange (a random exported session key sent encrypted in the AUTHENTICATE). */
	public static final int NTLMSSP_NEGOTIATE_KEY_EXCH = 0x40000000;

	/** W: 56-bit session keys. */
	public static final int NTLMSSP_NEGOTIATE_56 = 0x80000000;

	private static final int[] ALL = { NTLMSSP_NEGOTIATE_UNICODE, NTLM_NEGOTIATE_OEM, NTLMSSP_REQUEST_TARGET,
			NTLMSSP_NEGOTIATE_SIGN, NTLMSSP_NEGOTIATE_SEAL, NTLMSSP_NEGOTIATE_DATAGRAM, NTLMSSP_NEGOTIATE_LM_KEY,
			NTLMSSP_NEGOTIATE_NTLM, NTLMSSP_ANONYMOUS, NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED,
			NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED, NTLMSSP_NEGOTIATE_ALWAYS_SIGN, NTLMSSP_TARGET_TYPE_DOMAIN,
			NTLMSSP_TARGET_TYPE_SERVER, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY, NTLMSSP_NEGOTIATE_IDENTIFY,
			NTLMSSP_REQUEST_NON_NT_SESSION_KEY, NTLMSSP_NEGOTIATE_TARGET_INFO, NTLMSSP_NEGOTIATE_VERSION,
			NTLMSSP_NEGOTIATE_128, NTLMSSP_NEGOTIATE_KEY_EXCH, NTLMSSP_NEGOTIATE_56 };

	private static final String[] NAMES = { "UNICODE", "OEM", "REQUEST_TARGET", "SIGN", "SEAL", "DATAGRAM", "LM_KEY",
			"NTLM", "ANONYMOUS", "OEM_DOMAIN_SUPPLIED", "OEM_WORKSTATION_SUPPLIED", "ALWAYS_SIGN", "TARGET_TYPE_DOMAIN",
			"TARGET_TYPE_SERVER", "EXTENDED_SESSIONSECURITY", "IDENTIFY", "REQUEST_NON_NT_SESSION_KEY", "TARGET_INFO",
			"VERSION", "128", "KEY_EXCH", "56" };

	private NegotiateFlags() {
	}

	/**
	 * Whether every bit of {@code flag} is set in {@code flags}.
	 * @param flags the flags word
	 * @param flag one or more flag bits
	 * @return {@code true} if all are set
	 */
	public static boolean isSet(int flags, int flag) {
		return (flags & flag) == flag;
	}

	/**
	 * Render a flags word for logs and error messages, for example {@code 0xe2888235[UNICODE|SIGN|...]}.
	 * @param flags the flags word
	 * @return a readable form
	 */
	public static String toString(int flags) {
		StringJoiner names = new StringJoiner("|", String.format("0x%08x[", flags), "]");
		for (int i = 0; i < ALL.length; i++) {
			if ((flags & ALL[i]) != 0) {
				names.add(NAMES[i]);
			}
		}
		return names.toString();
	}

}
