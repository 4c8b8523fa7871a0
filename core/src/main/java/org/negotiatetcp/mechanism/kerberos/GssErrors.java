package org.negotiatetcp.mechanism.kerberos;

import org.ietf.jgss.GSSException;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.mechanism.ConstrainedDelegationException;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.UnknownTargetException;

/**
 * Translates JGSS major status codes into {@link MechanismException}s with a {@link FailureReason} and a message
 * that suggests a fix.
 */
final class GssErrors {

	private GssErrors() {
	}

	/**
	 * Translate a failure of an initiator's step: besides {@link #translate(GSSException, String)}, it recognises
	 * the KDC's answers to the service ticket request (unknown target name, KDC unreachable), which name the target.
	 * @param ex the JGSS failure
	 * @param where what failed, for the message
	 * @param target the target name the client asked a ticket for
	 * @return the exception to throw
	 */
	static MechanismException translateInitiator(GSSException ex, String where, TargetName target) {
		if (KerberosFailures.says(ex, KerberosFailures.SERVER_UNKNOWN)) {
			return new UnknownTargetException(KerberosFailures.withRealm(target.name()),
					UnknownTargetException.ENDPOINT_IDENTITY, ex);
		}
		Throwable network = KerberosFailures.unreachable(ex);
		if (network != null) {
			String name = KerberosFailures.withRealm(target.name());
			return KerberosFailures.kdcUnreachable(KerberosEnvironment.realmOf(name),
					"for a service ticket to " + name, network, ex);
		}
		// NO_CRED wraps the service ticket request: a reply that does not decode there came from the KDC (a server
		// token that does not decode is DEFECTIVE_TOKEN)
		Throwable malformed = (ex.getMajor() == GSSException.NO_CRED) ? KerberosFailures.malformedReply(ex) : null;
		if (malformed != null) {
			String name = KerberosFailures.withRealm(target.name());
			return KerberosFailures.kdcAnsweredNonsense(KerberosEnvironment.realmOf(name),
					"for a service ticket to " + name, malformed, ex);
		}
		if (KerberosFailures.says(ex, KerberosFailures.CLOCK_SKEW)) {
			return new MechanismException(FailureReason.BAD_CREDENTIALS, where + " failed: " + ex.getMessage()
					+ " (the clocks of this host and the KDC differ by more than the allowed skew, usually 5 minutes; "
					+ "synchronise them, for example with NTP)", ex);
		}
		return translate(ex, where);
	}

	/**
	 * Translate a failure of the first step of a service acting as a user (constrained delegation): a KDC refusal of
	 * the S4U2Proxy request becomes a {@link ConstrainedDelegationException} naming the target and
	 * {@code msDS-AllowedToDelegateTo}; other failures as {@link #translateInitiator}.
	 * @param ex the JGSS failure
	 * @param where what failed, for the message
	 * @param target the target name
	 * @param service the service principal acting as the user
	 * @param user the user principal
	 * @return the exception to throw
	 */
	static MechanismException translateImpersonating(GSSException ex, String where, TargetName target, String service,
			String user) {
		if (KerberosFailures.says(ex, KerberosFailures.SERVER_UNKNOWN) || KerberosFailures.unreachable(ex) != null
				|| KerberosFailures.says(ex, KerberosFailures.CLOCK_SKEW)) {
			return translateInitiator(ex, where, target);
		}
		if (KerberosFailures.says(ex, KerberosFailures.DELEGATION_REFUSED)) {
			return new ConstrainedDelegationException(service, user, KerberosFailures.withRealm(target.name()),
					String.valueOf(ex.getMessage()), ex);
		}
		return translateInitiator(ex, where, target);
	}

	static MechanismException translate(GSSException ex, String where) {
		String text = ex.getMessage();
		String lower = String.valueOf(text).toLowerCase(java.util.Locale.ROOT);
		FailureReason reason;
		String hint;
		switch (ex.getMajor()) {
			case GSSException.DUPLICATE_TOKEN, GSSException.OLD_TOKEN, GSSException.UNSEQ_TOKEN, GSSException.GAP_TOKEN -> {
				reason = FailureReason.REPLAY;
				hint = "a token was replayed or arrived out of order";
			}
			case GSSException.CREDENTIALS_EXPIRED, GSSException.NO_CRED -> {
				reason = FailureReason.BAD_CREDENTIALS;
				hint = "the client has no usable Kerberos credential: obtain a fresh ticket (kinit) or check the keytab";
			}
			case GSSException.BAD_NAME, GSSException.BAD_NAMETYPE -> {
				reason = FailureReason.WRONG_TARGET;
				hint = "check the endpoint identity (SPN/UPN)";
			}
			case GSSException.BAD_MECH -> {
				reason = FailureReason.UNSUPPORTED_MECHANISM;
				hint = "the peer used a mechanism this side does not support";
			}
			default -> {
				if (lower.contains("replay")) {
					reason = FailureReason.REPLAY;
					hint = "the same authenticator was presented twice; a client must create a fresh token for each attempt";
				}
				else if (lower.contains("server not found") || lower.contains("unknown_principal")
						|| lower.contains("s_principal_unknown") || lower.contains("no key") || lower.contains("cannot find key")
						|| lower.contains("checksum failed") || lower.contains("integrity check")) {
					reason = FailureReason.WRONG_TARGET;
					hint = "the ticket is not for a service principal this server holds, or the SPN is not registered; "
							+ "check the endpoint identity and the server's keytab";
				}
				else if (lower.contains("clock skew")) {
					reason = FailureReason.BAD_CREDENTIALS;
					hint = "synchronise the clocks of client, server and KDC";
				}
				else if (lower.contains("expired")) {
					reason = FailureReason.BAD_CREDENTIALS;
					hint = "the ticket has expired; obtain a fresh one";
				}
				else if (lower.contains("defective") || lower.contains("invalid") || lower.contains("token")
						|| ex.getMajor() == GSSException.DEFECTIVE_TOKEN || ex.getMajor() == GSSException.BAD_MIC) {
					reason = FailureReason.BAD_TOKEN;
					hint = "the peer's token is malformed or was tampered with";
				}
				else {
					reason = FailureReason.BAD_CREDENTIALS;
					hint = "check the credentials, the SPN and krb5.conf";
				}
			}
		}
		return new MechanismException(reason, where + " failed: " + text + " (" + hint + ")", ex);
	}

}
