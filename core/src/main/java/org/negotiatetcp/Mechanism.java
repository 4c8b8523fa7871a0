package org.negotiatetcp;

import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;

/**
 * A concrete authentication mechanism and its object identifiers.
 */
public enum Mechanism {

	/** Kerberos V5 (RFC 4121). */
	KERBEROS("1.2.840.113554.1.2.2"),

	/** NTLM (MS-NLMP). */
	NTLM("1.3.6.1.4.1.311.2.2.10");

	/** The SPNEGO pseudo-mechanism (RFC 4178). */
	public static final String SPNEGO_OID = "1.3.6.1.5.5.2";

	/** Microsoft's legacy Kerberos OID that Windows lists first in SPNEGO (MS-KILE). */
	public static final String MS_KERBEROS_OID = "1.2.840.48018.1.2.2";

	private final String oid;

	Mechanism(String oid) {
		this.oid = oid;
	}

	/**
	 * Return the dotted object identifier of this mechanism.
	 * @return the OID
	 */
	public String oid() {
		return this.oid;
	}

	/**
	 * Return the object identifier as a JGSS {@link Oid}.
	 * @return the OID
	 */
	public Oid gssOid() {
		return toOid(this.oid);
	}

	/**
	 * Convert a dotted object identifier to a JGSS {@link Oid}.
	 * @param dotted the OID, for example {@code 1.3.6.1.5.5.2}
	 * @return the OID
	 */
	public static Oid toOid(String dotted) {
		try {
			return new Oid(dotted);
		}
		catch (GSSException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
