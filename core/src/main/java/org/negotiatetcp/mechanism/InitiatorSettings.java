package org.negotiatetcp.mechanism;

import java.util.Objects;

import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;

/**
 * What a client asks of its security package for one channel (the binding's security properties).
 * @param authPackage the package ({@code windows-integrated-auth-package})
 * @param target the server's name
 * @param credential the client's credential
 * @param requireServerAuth whether the server must authenticate itself ({@code require-server-auth}); when
 * {@code true}, NTLM is refused
 * @param protectionLevel the protection level to request
 * @param allowedImpersonation how far the server may act as the client ({@code allowed-impersonation-level})
 */
public record InitiatorSettings(AuthPackage authPackage, TargetName target, ClientCredential credential,
		boolean requireServerAuth, ProtectionLevel protectionLevel, ImpersonationLevel allowedImpersonation) {

	public InitiatorSettings {
		Objects.requireNonNull(authPackage, "authPackage");
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(credential, "credential");
		Objects.requireNonNull(protectionLevel, "protectionLevel");
		Objects.requireNonNull(allowedImpersonation, "allowedImpersonation");
	}

}
