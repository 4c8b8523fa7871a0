package org.negotiatetcp.stream;

import org.negotiatetcp.NegotiateException;

/**
 * The payload of a HandshakeError message: an error code in 8 bytes. .NET Framework writes it big-endian with the
 * 32-bit status in the last 4 bytes; current .NET writes a little-endian 64-bit integer. This side writes the .NET
 * Framework form, which both read as fatal, and reads either.
 */
public final class HandshakeErrorPayload {

	/** {@code ERROR_TRUST_FAILURE} (1790): the negotiated protection or impersonation level is below the requirement. */
	public static final int ERROR_TRUST_FAILURE = 0x000006FE;

	/** {@code SEC_E_LOGON_DENIED}: authentication failed. */
	public static final int SEC_E_LOGON_DENIED = 0x8009030C;

	/** {@code SEC_E_INVALID_TOKEN}: the token is malformed. */
	public static final int SEC_E_INVALID_TOKEN = 0x80090308;

	/** {@code SEC_E_UNSUPPORTED_FUNCTION}: the requested mechanism is not supported. */
	public static final int SEC_E_UNSUPPORTED_FUNCTION = 0x80090302;

	/** {@code SEC_E_TARGET_UNKNOWN}: the target principal is not known. */
	public static final int SEC_E_TARGET_UNKNOWN = 0x80090303;

	/** {@code E_FAIL}: unspecified failure. */
	public static final int E_FAIL = 0x80004005;

	private HandshakeErrorPayload() {
	}

	/**
	 * Encode an error code as .NET Framework does (8 bytes, big-endian).
	 * @param code the error code
	 * @return the payload
	 */
	public static byte[] encode(int code) {
		return new byte[] { 0, 0, 0, 0, (byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8), (byte) code };
	}

	/**
	 * Decode an error payload in either byte order.
	 * @param payload the payload
	 * @return the 32-bit error code, or {@link #E_FAIL} if the payload is too short to hold one
	 */
	public static int decode(byte[] payload) {
		if (payload.length >= 8) {
			if (payload[0] == 0 && payload[1] == 0 && payload[2] == 0 && payload[3] == 0) {
				return be(payload, 4);
			}
			return le(payload, 0);
		}
		if (payload.length >= 4) {
			return le(payload, 0);
		}
		return E_FAIL;
	}

	/**
	 * Choose the error code that tells a peer why its handshake was refused, as Windows would.
	 * @param failure the failure
	 * @return the code: invalid token, unsupported function, trust failure (policy), target unknown or logon denied
	 */
	public static int codeFor(Throwable failure) {
		if (failure instanceof NegotiateException ne) {
			return switch (ne.reason()) {
				case BAD_TOKEN, PROTOCOL -> SEC_E_INVALID_TOKEN;
				case UNSUPPORTED_MECHANISM -> SEC_E_UNSUPPORTED_FUNCTION;
				case POLICY -> ERROR_TRUST_FAILURE;
				case WRONG_TARGET -> SEC_E_TARGET_UNKNOWN;
				default -> SEC_E_LOGON_DENIED;
			};
		}
		return E_FAIL;
	}

	/**
	 * Describe an error code for people.
	 * @param code the code
	 * @return a short description
	 */
	public static String describe(int code) {
		String name = switch (code) {
			case ERROR_TRUST_FAILURE -> "ERROR_TRUST_FAILURE: the negotiated protection or impersonation level is below "
					+ "what the peer requires";
			case SEC_E_LOGON_DENIED -> "SEC_E_LOGON_DENIED: the logon attempt failed";
			case SEC_E_INVALID_TOKEN -> "SEC_E_INVALID_TOKEN: the token supplied to the peer is invalid";
			case SEC_E_UNSUPPORTED_FUNCTION -> "SEC_E_UNSUPPORTED_FUNCTION: the peer does not support the requested "
					+ "mechanism";
			case SEC_E_TARGET_UNKNOWN -> "SEC_E_TARGET_UNKNOWN: the target principal is unknown";
			case E_FAIL -> "E_FAIL: unspecified failure";
			default -> "error";
		};
		return String.format("0x%08X (%s)", code, name);
	}

	private static int be(byte[] b, int off) {
		return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
	}

	private static int le(byte[] b, int off) {
		return (b[off] & 0xff) | ((b[off + 1] & 0xff) << 8) | ((b[off + 2] & 0xff) << 16) | ((b[off + 3] & 0xff) << 24);
	}

}
