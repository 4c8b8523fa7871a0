package org.negotiatetcp.mechanism.kerberos;

import java.util.Locale;

import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

import org.negotiatetcp.identity.TargetName;

/**
 * Maps names onto Kerberos principal names without any DNS canonicalisation: a target SPN {@code host/d} becomes the
 * principal {@code host/d} (default realm unless one is given), a UPN {@code u@d} the principal {@code u@d}, and a
 * Windows-style {@code DOMAIN\\user} the principal {@code user@DOMAIN}.
 */
final class KerberosNames {

	/** The RFC 1964 name type for a Kerberos principal name ({@code GSS_KRB5_NT_PRINCIPAL_NAME}). */
	static final Oid KRB5_PRINCIPAL_NAME = oid("1.2.840.113554.1.2.2.1");

	private KerberosNames() {
	}

	/**
	 * Return the Kerberos principal for a user name as configured.
	 * @param name {@code user}, {@code user@REALM} or {@code DOMAIN\\user}
	 * @return the principal name in {@code user[@REALM]} form
	 */
	public static String principalOf(String name) {
		int backslash = name.indexOf('\\');
		if (backslash > 0 && name.indexOf('@') < 0) {
			return name.substring(backslash + 1) + "@" + name.substring(0, backslash).toUpperCase(Locale.ROOT);
		}
		return name;
	}

	/** The anonymous principal name of RFC 8062 (and RFC 6112 before it). */
	public static final String ANONYMOUS_PRINCIPAL = "WELLKNOWN/ANONYMOUS";

	/** The realm of a fully anonymous ticket (RFC 8062 section 3). */
	public static final String ANONYMOUS_REALM = "WELLKNOWN:ANONYMOUS";

	/**
	 * Whether a client principal is the anonymous principal: {@code WELLKNOWN/ANONYMOUS@WELLKNOWN:ANONYMOUS} (fully
	 * anonymous) or {@code WELLKNOWN/ANONYMOUS@REALM} (partially anonymous: the realm is known, the client is not).
	 * MIT krb5 ({@code krb5_principal_compare_any_realm} with the anonymous principal) and Windows treat both as
	 * anonymous; Kerberos names are case-sensitive, so only this spelling matches.
	 * @param principal the principal name in {@code name[@REALM]} form
	 * @return {@code true} for the anonymous principal in any realm
	 */
	public static boolean isAnonymous(String principal) {
		int at = principal.lastIndexOf('@');
		String name = (at >= 0) ? principal.substring(0, at) : principal;
		return ANONYMOUS_PRINCIPAL.equals(name);
	}

	static GSSName targetName(GSSManager manager, TargetName target) throws GSSException {
		Oid type = (target.type() == TargetName.Type.USER_PRINCIPAL) ? GSSName.NT_USER_NAME : KRB5_PRINCIPAL_NAME;
		return manager.createName(target.name(), type);
	}

	static GSSName principalName(GSSManager manager, String principal) throws GSSException {
		return manager.createName(principalOf(principal), KRB5_PRINCIPAL_NAME);
	}

	private static Oid oid(String dotted) {
		try {
			return new Oid(dotted);
		}
		catch (GSSException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
