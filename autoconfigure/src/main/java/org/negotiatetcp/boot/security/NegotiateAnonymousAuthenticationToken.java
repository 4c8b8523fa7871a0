package org.negotiatetcp.boot.security;

import java.util.List;
import java.util.Objects;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import org.negotiatetcp.security.SecurityInfo;

/**
 * The {@code Authentication} of an anonymous client (NTLM anonymous authentication, accepted only when the server
 * allows anonymous clients). Spring Security treats it as anonymous: {@code authenticated()} rules refuse it, so it
 * only gets through where a rule permits anonymous clients ({@code permitAll()} or {@code anonymous()}).
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class NegotiateAnonymousAuthenticationToken extends AnonymousAuthenticationToken {

	private static final long serialVersionUID = 1L;

	/** The key of anonymous Negotiate TCP tokens. */
	public static final String KEY = "negotiate-tcp-anonymous";

	private final transient SecurityInfo securityInfo;

	/**
	 * Create the token.
	 * @param securityInfo the handshake's result
	 */
	public NegotiateAnonymousAuthenticationToken(SecurityInfo securityInfo) {
		super(KEY, "anonymous", List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS")));
		this.securityInfo = Objects.requireNonNull(securityInfo, "securityInfo");
	}

	/**
	 * Return the handshake's result.
	 * @return the security information
	 */
	public SecurityInfo getSecurityInfo() {
		return this.securityInfo;
	}

	@Override
	public boolean equals(Object obj) {
		return super.equals(obj);
	}

	@Override
	public int hashCode() {
		return super.hashCode();
	}

}
