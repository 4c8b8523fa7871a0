package org.negotiatetcp.boot.security;

import org.springframework.security.authorization.AuthorizationDecision;

/**
 * The decision of one of the bridge's session policies, with the reason for a refusal phrased to follow the client's
 * description ({@code "Client alice@EXAMPLE.COM on via ... <reason>"}), so that the refusal logged names the policy
 * and the fix.
 *
 * @author Negotiate TCP
 */
final class NegotiateAuthorizationDecision extends AuthorizationDecision {

	private static final NegotiateAuthorizationDecision GRANTED = new NegotiateAuthorizationDecision(true,
			"is granted");

	private final String reason;

	private NegotiateAuthorizationDecision(boolean granted, String reason) {
		super(granted);
		this.reason = reason;
	}

	static NegotiateAuthorizationDecision granted() {
		return GRANTED;
	}

	static NegotiateAuthorizationDecision denied(String reason) {
		return new NegotiateAuthorizationDecision(false, reason);
	}

	String reason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return "NegotiateAuthorizationDecision [granted=" + isGranted() + ", " + this.reason + "]";
	}

}
