package org.negotiatetcp.boot.security;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.ietf.jgss.GSSCredential;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import org.negotiatetcp.Mechanism;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;

/**
 * The {@code Authentication} of a client that authenticated a Negotiate TCP session (Kerberos, SPNEGO or NTLM). The
 * unauthenticated form carries the handshake's {@link SecurityInfo}; the authenticated form adds the principal (a
 * {@link UserDetails} when one was loaded, otherwise the client's name) and its authorities.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class NegotiateAuthenticationToken extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final Object principal;

	private final transient SecurityInfo securityInfo;

	/**
	 * Create an unauthenticated token for a client the handshake authenticated, to be passed to an
	 * {@link org.springframework.security.authentication.AuthenticationManager}.
	 * @param securityInfo the handshake's result
	 */
	public NegotiateAuthenticationToken(SecurityInfo securityInfo) {
		super(List.of());
		this.securityInfo = Objects.requireNonNull(securityInfo, "securityInfo");
		this.principal = securityInfo.peerName();
		setAuthenticated(false);
	}

	/**
	 * Create an authenticated token.
	 * @param principal the principal: a {@link UserDetails} or the client's name
	 * @param securityInfo the handshake's result
	 * @param authorities the authorities granted
	 */
	public NegotiateAuthenticationToken(Object principal, SecurityInfo securityInfo,
			Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.principal = Objects.requireNonNull(principal, "principal");
		this.securityInfo = Objects.requireNonNull(securityInfo, "securityInfo");
		super.setAuthenticated(true);
	}

	@Override
	public Object getPrincipal() {
		return this.principal;
	}

	/**
	 * Return no credentials: the client proved its identity in the handshake; see {@link #getDelegatedCredential()}.
	 * @return an empty string
	 */
	@Override
	public Object getCredentials() {
		return "";
	}

	/**
	 * Return the client's name as the handshake authenticated it ({@code user@REALM} or {@code DOMAIN\\user}).
	 * @return the client's name
	 */
	public String getClientName() {
		return this.securityInfo.peerName();
	}

	/**
	 * Return the handshake's result.
	 * @return the security information
	 */
	public SecurityInfo getSecurityInfo() {
		return this.securityInfo;
	}

	/**
	 * Return the package the client used.
	 * @return the package
	 */
	public AuthPackage getAuthPackage() {
		return this.securityInfo.authPackage();
	}

	/**
	 * Return the mechanism that authenticated the client.
	 * @return the mechanism
	 */
	public Mechanism getMechanism() {
		return this.securityInfo.mechanism();
	}

	/**
	 * Return the protection of the session's messages.
	 * @return the protection level
	 */
	public ProtectionLevel getProtectionLevel() {
		return this.securityInfo.protectionLevel();
	}

	/**
	 * Return what the client allows this server to do with its identity.
	 * @return the impersonation level
	 */
	public ImpersonationLevel getImpersonationLevel() {
		return this.securityInfo.impersonationLevel();
	}

	/**
	 * Return the client's delegated Kerberos credential, present only when the client allowed delegation and its
	 * ticket was forwardable.
	 * @return the credential or {@code null}
	 */
	public @Nullable GSSCredential getDelegatedCredential() {
		return (this.securityInfo.delegatedCredential() instanceof GSSCredential credential) ? credential : null;
	}

	@Override
	public void setAuthenticated(boolean authenticated) {
		if (authenticated) {
			throw new IllegalArgumentException(
					"Cannot mark this token trusted; use the constructor that takes authorities instead");
		}
		super.setAuthenticated(false);
	}

	@Override
	public boolean equals(Object obj) {
		return super.equals(obj) && obj instanceof NegotiateAuthenticationToken other
				&& this.securityInfo.equals(other.securityInfo);
	}

	@Override
	public int hashCode() {
		return super.hashCode() * 31 + this.securityInfo.hashCode();
	}

}
