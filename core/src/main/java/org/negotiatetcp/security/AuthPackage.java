package org.negotiatetcp.security;

/**
 * The Windows Integrated Authentication package a client asks for
 * ({@code WS_SECURITY_BINDING_PROPERTY_WINDOWS_INTEGRATED_AUTH_PACKAGE}).
 */
public enum AuthPackage {

	/** SPNEGO (RFC 4178 / MS-SPNG): Kerberos when possible, NTLM otherwise if policy allows. The default. */
	SPNEGO,

	/** Kerberos only (RFC 4121 raw tokens). */
	KERBEROS,

	/** NTLM only (MS-NLMP). Requires {@code require-server-auth: false} because NTLM cannot authenticate the server. */
	NTLM

}
