package org.negotiatetcp.mechanism;

/**
 * When a Kerberos client that allows delegation ({@code allowed-impersonation-level: delegation}) forwards its
 * ticket-granting ticket to the server ({@code delegation-policy}).
 */
public enum DelegationPolicy {

	/**
	 * Delegate only to services the KDC marks ok-as-delegate (the default): the realm's administrators decide which
	 * services are trusted for delegation, as Windows clients do and MIT krb5's {@code GSS_C_DELEG_POLICY_FLAG} does.
	 */
	OK_AS_DELEGATE,

	/**
	 * Delegate to any service the client authenticates to, whatever the KDC says (MIT's {@code GSS_C_DELEG_FLAG}).
	 */
	ALWAYS

}
