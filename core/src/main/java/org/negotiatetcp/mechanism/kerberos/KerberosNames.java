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
