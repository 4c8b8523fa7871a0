package org.negotiatetcp.channel;

import java.util.Objects;

import org.negotiatetcp.framing.KnownEncoding;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.DelegationPolicy;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;

/**
 * The security binding of a client, with the defaults of {@code WS_TCP_SSPI_TRANSPORT_SECURITY_BINDING}: SPNEGO,
 * server authentication required, encrypt-and-sign, identification. Each channel takes a snapshot when it opens.
 * @param authPackage the package ({@code windows-integrated-auth-package}), default SPNEGO
 * @param credential the client credential (required on the client)
 * @param requireServerAuth whether the server must authenticate itself ({@code require-server-auth}, default
 * {@code true}); NTLM is only possible when {@code false}
 * @param protectionLevel the protection level, default {@link ProtectionLevel#ENCRYPT_AND_SIGN}
 * @param allowedImpersonation what the server may do with the client's identity
 * ({@code allowed-impersonation-level}, default {@link ImpersonationLevel#IDENTIFICATION} as in WCF)
 * @param contentType the [MC-NMF] content type announced in {@code net.tcp} mode, default
 * {@code application/soap+msbinsession1}
 * @param limits the bounds
 * @param securityMode {@link SecurityMode#TRANSPORT} (the default: the {@code application/negotiate} upgrade) or,
 * explicitly, {@link SecurityMode#NONE}: {@code net.tcp} sessions without any security (WCF's
 * {@code SecurityMode.None}; no handshake, the credential is not used, a warning is logged per connection)
 * @param delegationPolicy with delegation allowed, whether a Kerberos client delegates only to services the KDC
 * marks ok-as-delegate ({@code delegation-policy}, default {@link DelegationPolicy#OK_AS_DELEGATE} as Windows does)
 * @param transferMode in {@code net.tcp} mode, {@link TransferMode#BUFFERED} (a duplex session, the default) or
 * {@link TransferMode#STREAMED} (one message per connection in [MC-NMF] singleton-unsized mode)
 */
public record ClientSettings(AuthPackage authPackage, ClientCredential credential, boolean requireServerAuth,
		ProtectionLevel protectionLevel, ImpersonationLevel allowedImpersonation, String contentType,
		ChannelLimits limits, SecurityMode securityMode, DelegationPolicy delegationPolicy, TransferMode transferMode) {

	public ClientSettings {
		Objects.requireNonNull(authPackage, "authPackage");
		Objects.requireNonNull(credential, "credential: a client credential is required on the client");
		Objects.requireNonNull(protectionLevel, "protectionLevel");
		Objects.requireNonNull(allowedImpersonation, "allowedImpersonation");
		Objects.requireNonNull(contentType, "contentType");
		Objects.requireNonNull(limits, "limits");
		Objects.requireNonNull(securityMode, "securityMode");
		Objects.requireNonNull(delegationPolicy, "delegationPolicy");
		Objects.requireNonNull(transferMode, "transferMode");
		if (allowedImpersonation == ImpersonationLevel.ANONYMOUS) {
			throw new IllegalArgumentException("allowed-impersonation-level must be identification, impersonation "
					+ "or delegation; use an anonymous client credential for an anonymous client");
		}
	}

	/**
	 * Settings with {@link SecurityMode#TRANSPORT}.
	 * @param authPackage the package
	 * @param credential the client credential
	 * @param requireServerAuth whether the server must authenticate itself
	 * @param protectionLevel the protection level
	 * @param allowedImpersonation what the server may do with the client's identity
	 * @param contentType the [MC-NMF] content type announced in {@code net.tcp} mode
	 * @param limits the bounds
	 */
	public ClientSettings(AuthPackage authPackage, ClientCredential credential, boolean requireServerAuth,
			ProtectionLevel protectionLevel, ImpersonationLevel allowedImpersonation, String contentType,
			ChannelLimits limits) {
		this(authPackage, credential, requireServerAuth, protectionLevel, allowedImpersonation, contentType, limits,
				SecurityMode.TRANSPORT);
	}

	/**
	 * Settings that delegate only to services marked ok-as-delegate ({@link DelegationPolicy#OK_AS_DELEGATE}).
	 * @param authPackage the package
	 * @param credential the client credential
	 * @param requireServerAuth whether the server must authenticate itself
	 * @param protectionLevel the protection level
	 * @param allowedImpersonation what the server may do with the client's identity
	 * @param contentType the [MC-NMF] content type announced in {@code net.tcp} mode
	 * @param limits the bounds
	 * @param securityMode the security mode
	 */
	public ClientSettings(AuthPackage authPackage, ClientCredential credential, boolean requireServerAuth,
			ProtectionLevel protectionLevel, ImpersonationLevel allowedImpersonation, String contentType,
			ChannelLimits limits, SecurityMode securityMode) {
		this(authPackage, credential, requireServerAuth, protectionLevel, allowedImpersonation, contentType, limits,
				securityMode, DelegationPolicy.OK_AS_DELEGATE);
	}

	/**
	 * Buffered settings ({@link TransferMode#BUFFERED}).
	 * @param authPackage the package
	 * @param credential the client credential
	 * @param requireServerAuth whether the server must authenticate itself
	 * @param protectionLevel the protection level
	 * @param allowedImpersonation what the server may do with the client's identity
	 * @param contentType the [MC-NMF] content type announced in {@code net.tcp} mode
	 * @param limits the bounds
	 * @param securityMode the security mode
	 * @param delegationPolicy the delegation policy
	 */
	public ClientSettings(AuthPackage authPackage, ClientCredential credential, boolean requireServerAuth,
			ProtectionLevel protectionLevel, ImpersonationLevel allowedImpersonation, String contentType,
			ChannelLimits limits, SecurityMode securityMode, DelegationPolicy delegationPolicy) {
		this(authPackage, credential, requireServerAuth, protectionLevel, allowedImpersonation, contentType, limits,
				securityMode, delegationPolicy, TransferMode.BUFFERED);
	}

	/**
	 * Return a copy with another transfer mode. With {@link TransferMode#STREAMED} every channel opened carries one
	 * message (sent as an [MC-NMF] UnsizedEnvelope in chunks of
	 * {@link org.negotiatetcp.framing.UnsizedEnvelopeRecord#DEFAULT_CHUNK_SIZE} bytes, then End) and at most one reply;
	 * the server must allow streamed transfer or it refuses the preamble with the {@code UnsupportedMode} fault.
	 * @param transferMode the transfer mode
	 * @return the settings
	 */
	public ClientSettings withTransferMode(TransferMode transferMode) {
		return new ClientSettings(this.authPackage, this.credential, this.requireServerAuth, this.protectionLevel,
				this.allowedImpersonation, this.contentType, this.limits, this.securityMode, this.delegationPolicy,
				transferMode);
	}

	/**
	 * Return a copy with another delegation policy.
	 * @param policy whether to delegate only to services the KDC marks ok-as-delegate
	 * @return the settings
	 */
	public ClientSettings withDelegationPolicy(DelegationPolicy policy) {
		return new ClientSettings(this.authPackage, this.credential, this.requireServerAuth, this.protectionLevel,
				this.allowedImpersonation, this.contentType, this.limits, this.securityMode, policy, this.transferMode);
	}

	/**
	 * Return a copy with another security mode; {@link SecurityMode#NONE} opens {@code net.tcp} sessions without any
	 * security (WCF's {@code SecurityMode.None}), only for servers that allow it, and logs a warning per connection.
	 * @param securityMode the security mode
	 * @return the settings
	 */
	public ClientSettings withSecurityMode(SecurityMode securityMode) {
		return new ClientSettings(this.authPackage, this.credential, this.requireServerAuth, this.protectionLevel,
				this.allowedImpersonation, this.contentType, this.limits, securityMode, this.delegationPolicy, this.transferMode);
	}

	/**
	 * Settings with the defaults and the given credential.
	 * @param credential the client credential
	 * @return the settings
	 */
	public static ClientSettings of(ClientCredential credential) {
		return new ClientSettings(AuthPackage.SPNEGO, credential, true, ProtectionLevel.ENCRYPT_AND_SIGN,
				ImpersonationLevel.IDENTIFICATION, KnownEncoding.BINARY_SESSION.contentType(), ChannelLimits.DEFAULTS);
	}

	/**
	 * Return a copy with another credential, for example {@link ClientCredential.Delegated} to open an onward channel
	 * as a client that delegated its credential.
	 * @param credential the credential
	 * @return the settings
	 */
	public ClientSettings withCredential(ClientCredential credential) {
		return new ClientSettings(this.authPackage, credential, this.requireServerAuth, this.protectionLevel,
				this.allowedImpersonation, this.contentType, this.limits,
				this.securityMode, this.delegationPolicy, this.transferMode);
	}

	/**
	 * Return a copy with another package.
	 * @param authPackage the package
	 * @return the settings
	 */
	public ClientSettings withAuthPackage(AuthPackage authPackage) {
		return new ClientSettings(authPackage, this.credential, this.requireServerAuth, this.protectionLevel,
				this.allowedImpersonation, this.contentType, this.limits, this.securityMode,
				this.delegationPolicy, this.transferMode);
	}

	/**
	 * Return a copy with another server-authentication requirement.
	 * @param required whether the server must authenticate itself
	 * @return the settings
	 */
	public ClientSettings withRequireServerAuth(boolean required) {
		return new ClientSettings(this.authPackage, this.credential, required, this.protectionLevel,
				this.allowedImpersonation, this.contentType, this.limits,
				this.securityMode, this.delegationPolicy, this.transferMode);
	}

	/**
	 * Return a copy with another protection level.
	 * @param protectionLevel the level
	 * @return the settings
	 */
	public ClientSettings withProtectionLevel(ProtectionLevel protectionLevel) {
		return new ClientSettings(this.authPackage, this.credential, this.requireServerAuth, protectionLevel,
				this.allowedImpersonation, this.contentType, this.limits,
				this.securityMode, this.delegationPolicy, this.transferMode);
	}

	/**
	 * Return a copy with another allowed impersonation level.
	 * @param level the level
	 * @return the settings
	 */
	public ClientSettings withAllowedImpersonation(ImpersonationLevel level) {
		return new ClientSettings(this.authPackage, this.credential, this.requireServerAuth, this.protectionLevel,
				level, this.contentType, this.limits,
				this.securityMode, this.delegationPolicy, this.transferMode);
	}

	/**
	 * Return a copy that announces another [MC-NMF] content type in {@code net.tcp} mode.
	 * @param contentType the content type
	 * @return the settings
	 */
	public ClientSettings withContentType(String contentType) {
		return new ClientSettings(this.authPackage, this.credential, this.requireServerAuth, this.protectionLevel,
				this.allowedImpersonation, contentType, this.limits,
				this.securityMode, this.delegationPolicy, this.transferMode);
	}

	/**
	 * Return a copy with other limits.
	 * @param limits the limits
	 * @return the settings
	 */
	public ClientSettings withLimits(ChannelLimits limits) {
		return new ClientSettings(this.authPackage, this.credential, this.requireServerAuth, this.protectionLevel,
				this.allowedImpersonation, this.contentType, limits,
				this.securityMode, this.delegationPolicy, this.transferMode);
	}

}
