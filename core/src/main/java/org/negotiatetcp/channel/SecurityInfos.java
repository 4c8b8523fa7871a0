package org.negotiatetcp.channel;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.InitialToken;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.mechanism.MechanismContext.NegotiatedContext;
import org.negotiatetcp.mechanism.ntlm.NtlmAcceptorContext;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;

/**
 * Builds the {@link SecurityInfo} snapshot of an established context.
 */
final class SecurityInfos {

	private SecurityInfos() {
	}

	static SecurityInfo of(MechanismContext context, InitialToken firstToken, @Nullable String targetName) {
		NegotiatedContext negotiated = context.negotiated();
		AuthPackage authPackage = switch (firstToken) {
			case SPNEGO -> AuthPackage.SPNEGO;
			case NTLM -> AuthPackage.NTLM;
			default -> AuthPackage.KERBEROS;
		};
		ImpersonationLevel impersonation = negotiated.anonymous() ? ImpersonationLevel.ANONYMOUS
				: negotiated.impersonationLevel();
		return new SecurityInfo(negotiated.peerName(),
				(targetName != null) ? targetName : negotiated.acceptedTargetName(), authPackage, negotiated.mechanism(),
				protectionOf(negotiated), impersonation, negotiated.mutual(), negotiated.anonymous(),
				negotiated.delegatedCredential(), negotiated.authorizationContext());
	}

	/**
	 * The snapshot of an unsecured {@code net.tcp} session ({@link SecurityMode#NONE}): nobody was authenticated, so the
	 * peer is anonymous ({@code NT AUTHORITY\\ANONYMOUS LOGON}, as Windows names anonymous clients), at protection
	 * level none and impersonation level anonymous. No package ran: the package and mechanism fields say NTLM, the
	 * package of Windows' anonymous logons, and must not be read as proof of anything.
	 * @return the snapshot
	 */
	static SecurityInfo unsecured() {
		return new SecurityInfo(NtlmAcceptorContext.ANONYMOUS_NAME, null, AuthPackage.NTLM, Mechanism.NTLM,
				ProtectionLevel.NONE, ImpersonationLevel.ANONYMOUS, false, true, null);
	}

	static ProtectionLevel protectionOf(NegotiatedContext negotiated) {
		if (negotiated.confidentiality()) {
			return ProtectionLevel.ENCRYPT_AND_SIGN;
		}
		return negotiated.integrity() ? ProtectionLevel.SIGN : ProtectionLevel.NONE;
	}

}
