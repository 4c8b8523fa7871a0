package org.negotiatetcp.boot.security;

import java.util.Collection;

import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.kerberos.authentication.JaasSubjectHolder;
import org.springframework.security.kerberos.authentication.KerberosAuthentication;

import org.negotiatetcp.security.SecurityInfo;

/**
 * A {@link NegotiateAuthenticationToken} of a Kerberos client that is also a Spring Security Kerberos
 * {@link KerberosAuthentication}, so code written for web SPNEGO (for example for {@code KerberosServiceRequestToken})
 * finds the client's principal, and its delegated credential when there is one, in the JAAS subject. Created when
 * {@code spring-security-kerberos-core} is on the class path.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class KerberosNegotiateAuthenticationToken extends NegotiateAuthenticationToken
		implements KerberosAuthentication {

	private static final long serialVersionUID = 1L;

	private final JaasSubjectHolder subjectHolder;

	/**
	 * Create an authenticated token.
	 * @param principal the principal: a {@code UserDetails} or the client's name
	 * @param securityInfo the handshake's result
	 * @param authorities the authorities granted
	 */
	public KerberosNegotiateAuthenticationToken(Object principal, SecurityInfo securityInfo,
			Collection<? extends GrantedAuthority> authorities) {
		super(principal, securityInfo, authorities);
		Subject subject = new Subject();
		subject.getPrincipals().add(new KerberosPrincipal(securityInfo.peerName()));
		if (getDelegatedCredential() != null) {
			subject.getPrivateCredentials().add(getDelegatedCredential());
		}
		subject.setReadOnly();
		this.subjectHolder = new JaasSubjectHolder(subject, securityInfo.peerName());
	}

	@Override
	public JaasSubjectHolder getJaasSubjectHolder() {
		return this.subjectHolder;
	}

}
