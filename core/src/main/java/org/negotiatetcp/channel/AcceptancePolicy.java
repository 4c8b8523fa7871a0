package org.negotiatetcp.channel;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.SecurityInfo;

/**
 * The server's own rules for an authenticated client, checked before the final HandshakeDone (a refusal is answered
 * with the [MS-NNS] policy error): the negotiated protection must reach the required level, anonymous clients need
 * {@code allow-anonymous-clients}, and a named client must allow at least identification.
 */
final class AcceptancePolicy {

	private AcceptancePolicy() {
	}

	/**
	 * Check a client.
	 * @param info the client's authentication information
	 * @param acceptor what the server accepts
	 * @return why the client is refused, or {@code null} if it is accepted
	 */
	static @Nullable String refusal(SecurityInfo info, AcceptorSettings acceptor) {
		if (!info.protectionLevel().isAtLeast(acceptor.requiredProtectionLevel())) {
			return "the client negotiated protection level " + info.protectionLevel() + " but "
					+ acceptor.requiredProtectionLevel() + " is required";
		}
		if (info.anonymous() && !acceptor.allowAnonymousClients()) {
			return "anonymous clients are not allowed (allow-anonymous-clients is false)";
		}
		if (!info.anonymous() && !info.impersonationLevel().isAtLeast(ImpersonationLevel.IDENTIFICATION)) {
			return "the client allows impersonation level " + info.impersonationLevel()
					+ " but at least IDENTIFICATION is required";
		}
		return null;
	}

}
