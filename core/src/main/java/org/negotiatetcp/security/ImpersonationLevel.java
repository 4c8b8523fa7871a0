package org.negotiatetcp.security;

/**
 * How far a server may act as the client ({@code WS_SECURITY_BINDING_PROPERTY_ALLOWED_IMPERSONATION_LEVEL},
 * .NET {@code TokenImpersonationLevel}). Ordered from weakest to strongest.
 */
public enum ImpersonationLevel {

	/** The client is anonymous: the server learns nothing about it. */
	ANONYMOUS,

	/** The server may learn the client's identity and groups but not act as the client. WCF's default. */
	IDENTIFICATION,

	/** The server may act as the client on the server's own machine. */
	IMPERSONATION,

	/** The server may act as the client towards other services (Kerberos credential delegation). */
	DELEGATION;

	/**
	 * Whether this level is the same as or stronger than {@code other}.
	 * @param other the level to compare with
	 * @return {@code true} if this level allows at least what {@code other} allows
	 */
	public boolean isAtLeast(ImpersonationLevel other) {
		return ordinal() >= other.ordinal();
	}

}
