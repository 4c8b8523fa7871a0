package org.negotiatetcp.mechanism;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;

/**
 * The KDC refused a service to act as a user through Kerberos constrained delegation ([MS-SFU]): either the ticket in
 * the user's name to the service itself (S4U2Self) or the one to the target (S4U2Proxy). The fix is in the directory:
 * the target's SPN must be in the service account's {@code msDS-AllowedToDelegateTo}, and the account needs protocol
 * transition ({@code TRUSTED_TO_AUTH_FOR_DELEGATION}), without which the S4U2Self ticket is not forwardable and cannot
 * be used for S4U2Proxy.
 * Its reason is {@link FailureReason#POLICY}.
 */
public class ConstrainedDelegationException extends MechanismException {

	private static final long serialVersionUID = 1L;

	private final String service;

	private final String user;

	private final @Nullable String target;

	/**
	 * Create the exception.
	 * @param service the acting service's principal
	 * @param user the user it acts as
	 * @param target the target SPN the KDC refused (S4U2Proxy), or {@code null} if S4U2Self failed
	 * @param detail the KDC's answer
	 * @param cause the failure
	 */
	public ConstrainedDelegationException(String service, String user, @Nullable String target, String detail,
			@Nullable Throwable cause) {
		super(FailureReason.POLICY, message(service, user, target, detail), cause);
		this.service = Objects.requireNonNull(service, "service");
		this.user = Objects.requireNonNull(user, "user");
		this.target = target;
	}

	private static String message(String service, String user, @Nullable String target, String detail) {
		if (target == null) {
			return "The KDC refused " + service + " a ticket in the name of " + user + " (S4U2Self): " + detail
					+ ". Constrained delegation needs the user to exist in the service's realm, and the service account "
					+ "to be allowed protocol transition, without which the KDC's S4U2Self ticket is not forwardable "
					+ "and cannot be used for S4U2Proxy (TRUSTED_TO_AUTH_FOR_DELEGATION; ADUC: \"Trust this user for "
					+ "delegation to specified services only\" with \"Use any authentication protocol\"; samba-tool "
					+ "delegation for-any-protocol <account> on)";
		}
		String spn = target.contains("@") ? target.substring(0, target.lastIndexOf('@')) : target;
		return "The KDC refused " + service + " to act as " + user + " towards " + target
				+ " (constrained delegation, S4U2Proxy): " + detail + ". The service account may delegate only to the "
				+ "SPNs in its msDS-AllowedToDelegateTo, and only with a forwardable ticket from S4U2Self, which the KDC "
				+ "issues only to accounts allowed protocol transition: add " + spn + " to msDS-AllowedToDelegateTo of "
				+ "the account of " + service + " (ADUC: Delegation tab, \"Trust this user for delegation to specified "
				+ "services only\", add the service; samba-tool delegation add-service <account> " + spn + "), and "
				+ "choose \"Use any authentication protocol\" (TRUSTED_TO_AUTH_FOR_DELEGATION; samba-tool delegation "
				+ "for-any-protocol <account> on)";
	}

	/**
	 * Return the principal of the service that tried to act as the user.
	 * @return the service principal
	 */
	public String service() {
		return this.service;
	}

	/**
	 * Return the user the service tried to act as.
	 * @return the user principal
	 */
	public String user() {
		return this.user;
	}

	/**
	 * Return the target SPN the KDC refused the service to delegate to, or {@code null} if the KDC refused the ticket
	 * to the service itself (S4U2Self).
	 * @return the target, with realm where known
	 */
	public @Nullable String target() {
		return this.target;
	}

}
