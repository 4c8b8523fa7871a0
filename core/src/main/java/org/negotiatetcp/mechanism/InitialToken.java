package org.negotiatetcp.mechanism;

/**
 * Recognises what kind of token a client opened with, so the server can answer in the same form: a GSS-framed SPNEGO
 * token ({@code 0x60} + OID 1.3.6.1.5.5.2), a GSS-framed raw Kerberos token ({@code 0x60} + a Kerberos OID), or a
 * raw NTLMSSP message ({@code NTLMSSP\0}).
 */
public enum InitialToken {

	/** SPNEGO NegTokenInit. */
	SPNEGO,

	/** Raw Kerberos AP-REQ (RFC 4121 framing). */
	KERBEROS,

	/** Raw NTLMSSP NEGOTIATE message. */
	NTLM,

	/** Anything else. */
	UNKNOWN;

	private static final byte[] NTLMSSP = { 'N', 'T', 'L', 'M', 'S', 'S', 'P', 0 };

	// DER-encoded OID bodies (after tag 0x06 and length)
	private static final byte[] SPNEGO_OID = { 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 };

	private static final byte[] KRB5_OID = { 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02 };

	private static final byte[] MS_KRB5_OID = { 0x2a, (byte) 0x86, 0x48, (byte) 0x82, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02 };

	/**
	 * Classify a client's first token.
	 * @param token the token
	 * @return what it is
	 */
	public static InitialToken detect(byte[] token) {
		if (startsWith(token, 0, NTLMSSP)) {
			return NTLM;
		}
		if (token.length < 2 || (token[0] & 0xff) != 0x60) {
			return UNKNOWN;
		}
		int pos = 1;
		int first = token[pos++] & 0xff;
		if (first >= 0x80) {
			pos += first & 0x7f;
		}
		if (pos + 2 > token.length || token[pos] != 0x06) {
			return UNKNOWN;
		}
		int oidLength = token[pos + 1] & 0xff;
		int oidStart = pos + 2;
		if (oidStart + oidLength > token.length) {
			return UNKNOWN;
		}
		if (oidLength == SPNEGO_OID.length && startsWith(token, oidStart, SPNEGO_OID)) {
			return SPNEGO;
		}
		if (oidLength == KRB5_OID.length
				&& (startsWith(token, oidStart, KRB5_OID) || startsWith(token, oidStart, MS_KRB5_OID))) {
			return KERBEROS;
		}
		return UNKNOWN;
	}

	private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
		if (data.length - offset < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (data[offset + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

}
