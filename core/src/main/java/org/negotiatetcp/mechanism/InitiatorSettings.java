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
 * @param delegationPolicy with delegation allowed, whether a Kerberos client delegates only to services the KDC marks
 * ok-as-delegate ({@code delegation-policy})
 */
public record InitiatorSettings(AuthPackage authPackage, TargetName target, ClientCredential credential,
		boolean requireServerAuth, ProtectionLevel protectionLevel, ImpersonationLevel allowedImpersonation,
		DelegationPolicy delegationPolicy) {

	/**
	 * Settings that delegate only to services marked ok-as-delegate ({@link DelegationPolicy#OK_AS_DELEGATE}).
	 * @param authPackage the package
	 * @param target the server's name
	 * @param credential the client's credential
	 * @param requireServerAuth whether the server must authenticate itself
	 * @param protectionLevel the protection level to request
	 * @param allowedImpersonation how far the server may act as the client
	 */
	public InitiatorSettings(AuthPackage authPackage, TargetName target, ClientCredential credential,
			boolean requireServerAuth, ProtectionLevel protectionLevel, ImpersonationLevel allowedImpersonation) {
		this(authPackage, target, credential, requireServerAuth, protectionLevel, allowedImpersonation,
				DelegationPolicy.OK_AS_DELEGATE);
	}

	public InitiatorSettings {
		Objects.requireNonNull(delegationPolicy, "delegationPolicy");
		Objects.requireNonNull(authPackage, "authPackage");
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(credential, "credential");
		Objects.requireNonNull(protectionLevel, "protectionLevel");
		Objects.requireNonNull(allowedImpersonation, "allowedImpersonation");
	}

}
