package org.negotiatetcp.mechanism.kerberos.crypto;

/**
 * An RFC 4121 per-message token was refused.
 */
public class PerMessageTokenException extends RuntimeException {

	private final Kind kind;

	/**
	 * Create an exception.
	 * @param kind why the token was refused
	 * @param message what was wrong
	 */
	public PerMessageTokenException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	/**
	 * Return why the token was refused.
	 * @return the kind
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * Why a token was refused.
	 */
	public enum Kind {

		/** Not a well-formed token of the expected type (truncated, wrong token ID, filler, EC, or direction). */
		MALFORMED,

		/** The checksum does not verify: tampered, or protected with another key. */
		INTEGRITY,

		/** The sequence number was already seen: a replay. */
		REPLAY,

		/** The sequence number is ahead of the expected one: a token was lost, removed or reordered. */
		OUT_OF_SEQUENCE

	}

}
