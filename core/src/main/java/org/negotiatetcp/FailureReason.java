package org.negotiatetcp;

/**
 * Why a channel failed, in low-cardinality terms suitable for logs, metrics and observations.
 */
public enum FailureReason {

	/** A token from the peer could not be parsed or verified (defective, garbage or tampered). */
	BAD_TOKEN,

	/** The peer presented a token for a service principal this side does not hold, or the target name is unknown. */
	WRONG_TARGET,

	/** Credentials were missing, wrong, expired or refused by the KDC / account store. */
	BAD_CREDENTIALS,

	/** The same authentication token or data frame was seen twice, or frames arrived out of order. */
	REPLAY,

	/** Authentication succeeded but a policy refused the result (protection level, impersonation level, anonymous, NTLM). */
	POLICY,

	/** The peer offered or required an authentication mechanism this side does not support or does not allow. */
	UNSUPPORTED_MECHANISM,

	/** The peer violated [MC-NMF] or [MS-NNS] (unexpected record, bad length, oversized field). */
	PROTOCOL,

	/** The peer sent a [MC-NMF] framing fault. */
	FAULT,

	/** The peer sent an [MS-NNS] HandshakeError message. */
	PEER_ERROR,

	/** A configured limit was exceeded (message size, handshake token size, pending handshakes). */
	LIMIT,

	/** The channel did not finish initialization in time. */
	TIMEOUT,

	/** The connection closed or failed underneath. */
	CONNECTION,

	/** Anything else (a bug or an unexpected runtime failure). */
	INTERNAL

}
