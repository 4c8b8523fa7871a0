package org.negotiatetcp.mechanism.kerberos;

import java.io.EOFException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * Recognises the KDC's answers (and its silence) in the JDK's exceptions, whose texts are the RFC 4120 error names,
 * and words the failures users meet at first use.
 */
final class KerberosFailures {

	/** The JDK's texts for a KDC that did not answer, or none to ask. */
	private static final List<String> UNREACHABLE = List.of("Receive timed out", "Connection refused",
			"Connection reset", "Cannot locate KDC", "Network is unreachable", "No route to host");

	/** {@code KDC_ERR_PREAUTH_FAILED} (24); MIT and Kerby KDCs may answer {@code KRB_AP_ERR_BAD_INTEGRITY} (31). */
	static final List<String> PREAUTH_FAILED = List.of("Pre-authentication information was invalid",
			"PREAUTH_FAILED", "Integrity check on decrypted field failed");

	/** {@code KDC_ERR_S_PRINCIPAL_UNKNOWN} (7). */
	static final List<String> SERVER_UNKNOWN = List.of("Server not found in Kerberos database",
			"S_PRINCIPAL_UNKNOWN");

	/** {@code KDC_ERR_C_PRINCIPAL_UNKNOWN} (6). */
	static final List<String> CLIENT_UNKNOWN = List.of("Client not found in Kerberos database",
			"C_PRINCIPAL_UNKNOWN");

	/** {@code KDC_ERR_CLIENT_REVOKED} (18). */
	static final List<String> REVOKED = List.of("Clients credentials have been revoked", "CLIENT_REVOKED");

	/** {@code KDC_ERR_KEY_EXPIRED} (23). */
	static final List<String> PASSWORD_EXPIRED = List.of("Password has expired", "KEY_EXPIRED");

	/**
	 * A refused S4U2Proxy request: {@code KDC_ERR_BADOPTION} (13, what Windows and Samba answer for a target outside
	 * {@code msDS-AllowedToDelegateTo} or a non-forwardable evidence ticket), {@code KDC_ERR_POLICY} (12), or the JDK's
	 * own check of the KDC's answer.
	 */
	static final List<String> DELEGATION_REFUSED = List.of("KDC cannot accommodate requested option",
			"KDC can't fulfill requested option", "BADOPTION", "KDC policy rejects request", "KDC_ERR_POLICY",
			"S4U2proxy", "S4U2Proxy", "not forwardable");

	/** {@code KRB_AP_ERR_SKEW} (37). */
	static final List<String> CLOCK_SKEW = List.of("Clock skew too great");

	private KerberosFailures() {
	}

	/**
	 * Whether a failure, or one of its causes, says one of the texts.
	 * @param failure the failure
	 * @param texts the texts
	 * @return {@code true} if any message of the chain contains one
	 */
	static boolean says(Throwable failure, List<String> texts) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			String message = t.getMessage();
			if (message != null) {
				for (String text : texts) {
					if (message.contains(text)) {
						return true;
					}
				}
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

	/**
	 * Return the failure that says no KDC could be reached, if the chain has one.
	 * @param failure the failure
	 * @return the network failure or the JDK's "cannot locate KDC", or {@code null}
	 */
	static @Nullable Throwable unreachable(Throwable failure) {
		Throwable said = null;
		for (Throwable t = failure; t != null; t = t.getCause()) {
			// SocketException: refused (ConnectException), and also reset: a KDC that crashes or whose host (or a
			// firewall) resets the connection is as unreachable as one that is down
			if (t instanceof SocketException || t instanceof SocketTimeoutException || t instanceof UnknownHostException
					|| t instanceof NoRouteToHostException || t instanceof PortUnreachableException) {
				return t;
			}
			String message = t.getMessage();
			if (message != null && UNREACHABLE.stream().anyMatch(message::contains)) {
				said = t;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return said;
	}

	/**
	 * Return the failure that says the KDC's reply could not be decoded (cut short, or not DER at all), if the chain
	 * has one. Only for failures of exchanges with the KDC alone (the login), where no other peer's bytes are decoded.
	 * @param failure the failure
	 * @return the decoding failure, or {@code null}
	 */
	static @Nullable Throwable malformedReply(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			// the JDK's DER decoder throws EOFException ("not enough content") and its Kerberos decoder
			// sun.security.krb5.Asn1Exception; the latter is named, not imported (an internal class)
			if (t instanceof EOFException || t.getClass().getName().equals("sun.security.krb5.Asn1Exception")) {
				return t;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return null;
	}

	/**
	 * Describe a KDC that answered with bytes that are not a Kerberos reply: the realm, the KDCs tried, the krb5.conf
	 * in use and the likely causes.
	 * @param realm the realm whose KDC was asked, or {@code null} if unknown
	 * @param purpose what the KDC was asked for, for example {@code "to log in alice@EXAMPLE.COM"}
	 * @param decoding the decoding failure
	 * @param cause the failure to keep as cause
	 * @return the exception, {@link FailureReason#CONNECTION}
	 */
	static MechanismException kdcAnsweredNonsense(@Nullable String realm, String purpose, Throwable decoding,
			Throwable cause) {
		List<String> kdcs = (realm != null) ? KerberosEnvironment.kdcs(realm) : List.of();
		String what = (decoding.getMessage() != null) ? decoding.getMessage() : decoding.getClass().getSimpleName();
		return new MechanismException(FailureReason.CONNECTION, "The KDC" + ((realm != null) ? " of realm " + realm : "")
				+ " answered the request " + purpose + " with bytes that are not a Kerberos reply (" + what + ")"
				+ (kdcs.isEmpty() ? "" : ": tried " + String.join(", ", kdcs)) + ". The krb5.conf in use is "
				+ KerberosEnvironment.describeKrb5Conf() + ". Check that its kdc entries name a KDC and its Kerberos "
				+ "port (88 unless given), not another service, and that nothing between this host and the KDC alters "
				+ "its answers", cause);
	}

	/**
	 * Describe a KDC that could not be reached: the realm, the KDCs tried, the krb5.conf in use and the fix.
	 * @param realm the realm whose KDC was asked, or {@code null} if unknown
	 * @param purpose what the KDC was asked for, for example {@code "to log in alice@EXAMPLE.COM"}
	 * @param network the network failure
	 * @param cause the failure to keep as cause
	 * @return the exception, {@link FailureReason#CONNECTION}
	 */
	static MechanismException kdcUnreachable(@Nullable String realm, String purpose, Throwable network,
			Throwable cause) {
		String conf = KerberosEnvironment.describeKrb5Conf();
		StringBuilder message = new StringBuilder("Cannot reach a KDC")
			.append((realm != null) ? " of realm " + realm : "")
			.append(' ')
			.append(purpose)
			.append(": ");
		List<String> kdcs = (realm != null) ? KerberosEnvironment.kdcs(realm) : List.of();
		String what = (network instanceof UnknownHostException) ? "unknown host " + network.getMessage()
				: (network.getMessage() != null) ? network.getMessage() : network.getClass().getSimpleName();
		if (kdcs.isEmpty()) {
			message.append(what)
				.append(". The krb5.conf in use, ")
				.append(conf)
				.append(", lists no kdc for ")
				.append((realm != null) ? "realm " + realm : "the realm (and has no default_realm)")
				.append(". Add [realms] ")
				.append((realm != null) ? realm : "<REALM>")
				.append(" = { kdc = <host>:88 } to it, or point ")
				.append(KerberosEnvironment.KRB5_CONF_PROPERTY)
				.append(" at the right krb5.conf");
		}
		else {
			message.append("tried ")
				.append(String.join(", ", kdcs))
				.append(" (")
				.append(what)
				.append("). The krb5.conf in use is ")
				.append(conf)
				.append(". Check that the KDC runs and that this host reaches it (TCP and UDP port 88, or the port "
						+ "given), that the kdc entries of [realms] ")
				.append(realm)
				.append(" in that file are right, or point ")
				.append(KerberosEnvironment.KRB5_CONF_PROPERTY)
				.append(" at the right krb5.conf");
		}
		return new MechanismException(FailureReason.CONNECTION, message.toString(), cause);
	}

	/**
	 * Return the target name with the default realm added when it has none, as the KDC sees it.
	 * @param name the target name
	 * @return {@code name@REALM}
	 */
	static String withRealm(String name) {
		if (name.contains("@")) {
			return name;
		}
		String realm = KerberosEnvironment.defaultRealm();
		return (realm != null) ? name + "@" + realm : name;
	}

}
