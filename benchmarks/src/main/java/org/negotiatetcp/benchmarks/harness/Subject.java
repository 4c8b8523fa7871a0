package org.negotiatetcp.benchmarks.harness;

/**
 * Who does the work of a cell: the anchors and the project's variants.
 */
enum Subject {

	/** Plain Reactor Netty TCP; in the open+close row a TCP connect. */
	PLAIN("plain Reactor Netty TCP", "plain TCP"),

	/** TLS 1.3 with the JDK provider; in the open+close row a full handshake. */
	TLS("TLS 1.3 (JDK)", "TLS 1.3"),

	/** JGSS's own wrap and unwrap; in the open+close row a bare JGSS context pair. */
	JGSS("raw JGSS", "JGSS"),

	/** The project's RFC 4121 wrap and unwrap, without a connection. */
	OWN("project's RFC 4121 wrap+unwrap", "RFC 4121 (own)"),

	/** The project, Kerberos (SPNEGO) encrypt-and-sign. */
	KERBEROS("project, Kerberos encrypt-and-sign", "Kerberos E&S"),

	/** The project, Kerberos (SPNEGO) sign-only. */
	KERBEROS_SIGN("project, Kerberos sign-only", "Kerberos sign"),

	/** The project, NTLM encrypt-and-sign. */
	NTLM("project, NTLM encrypt-and-sign", "NTLM E&S");

	private final String title;

	private final String shortTitle;

	Subject(String title, String shortTitle) {
		this.title = title;
		this.shortTitle = shortTitle;
	}

	String shortTitle() {
		return this.shortTitle;
	}

	String title() {
		return this.title;
	}

}
