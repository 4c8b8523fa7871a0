package org.negotiatetcp.security;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.Mechanism;

/**
 * The authentication information of an established channel: the counterpart of {@code RpcBindingInqAuthClient} and of
 * .NET's {@code NegotiateStream} properties. A snapshot taken when the handshake completed.
 * @param peerName the authenticated peer: on a server the client's principal ({@code user@REALM} or
 * {@code DOMAIN\\user}); on a client the server's principal (the target name when the package cannot authenticate the
 * server)
 * @param targetName on a client the target name it asked for (SPN or UPN); on a server the target name the client
 * authenticated to when the mechanism tells it and the server checked it (NTLM's MsvAvTargetName; Kerberos's service
 * principal the ticket was issued for, which tells which keytab entry served it with service principal {@code *}),
 * otherwise {@code null}
 * @param authPackage the package as it appeared on the wire (SPNEGO, or raw Kerberos / NTLM tokens)
 * @param mechanism the mechanism that authenticated
 * @param protectionLevel the protection the data frames get
 * @param impersonationLevel what the client allowed the server to do with its identity
 * @param mutuallyAuthenticated whether the server was authenticated to the client
 * @param anonymous whether the client is anonymous
 * @param delegatedCredential on a server, the client's delegated Kerberos credential ({@code GSSCredential}) if it
 * allowed delegation
 * @param authorizationContext on a server, the client's authorization context (user and group SIDs from the PAC of an
 * Active Directory ticket, the counterpart of {@code RpcGetAuthorizationContextForClient});
 * {@link AuthorizationContext#none()} for NTLM, tickets without a PAC (MIT, Kerby) and on a client
 */
public record SecurityInfo(String peerName, @Nullable String targetName, AuthPackage authPackage, Mechanism mechanism,
		ProtectionLevel protectionLevel, ImpersonationLevel impersonationLevel, boolean mutuallyAuthenticated,
		boolean anonymous, @Nullable Object delegatedCredential, AuthorizationContext authorizationContext) {

	/**
	 * Create a snapshot without an authorization context ({@link AuthorizationContext#none()}).
	 * @param peerName the authenticated peer
	 * @param targetName on a client the target name it asked for
	 * @param authPackage the package as it appeared on the wire
	 * @param mechanism the mechanism that authenticated
	 * @param protectionLevel the protection the data frames get
	 * @param impersonationLevel what the client allowed the server to do with its identity
	 * @param mutuallyAuthenticated whether the server was authenticated to the client
	 * @param anonymous whether the client is anonymous
	 * @param delegatedCredential on a server, the client's delegated Kerberos credential
	 */
	public SecurityInfo(String peerName, @Nullable String targetName, AuthPackage authPackage, Mechanism mechanism,
			ProtectionLevel protectionLevel, ImpersonationLevel impersonationLevel, boolean mutuallyAuthenticated,
			boolean anonymous, @Nullable Object delegatedCredential) {
		this(peerName, targetName, authPackage, mechanism, protectionLevel, impersonationLevel, mutuallyAuthenticated,
				anonymous, delegatedCredential, AuthorizationContext.none());
	}

	@Override
	public String toString() {
		return "SecurityInfo[peer=" + this.peerName + ((this.targetName != null) ? ", target=" + this.targetName : "")
				+ ", package=" + this.authPackage + ", mechanism=" + this.mechanism + ", protection=" + this.protectionLevel
				+ ", impersonation=" + this.impersonationLevel + ", mutual=" + this.mutuallyAuthenticated
				+ ", anonymous=" + this.anonymous + ", delegated=" + (this.delegatedCredential != null)
				+ (this.authorizationContext.isPresent() ? ", " + this.authorizationContext : "") + "]";
	}

}
