package org.negotiatetcp.boot.security;

import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.AuthenticationUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsByNameServiceWrapper;
import org.springframework.security.core.userdetails.UserDetailsChecker;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.util.ClassUtils;

import org.negotiatetcp.Mechanism;
import org.negotiatetcp.security.SecurityInfo;

/**
 * Completes the {@link NegotiateAuthenticationToken} of a client the handshake authenticated: the handshake already
 * proved who the client is, so this only loads its authorities. With an {@link AuthenticationUserDetailsService} (or a
 * {@link UserDetailsService}, looked up by the client's name such as {@code alice@EXAMPLE.COM} or
 * {@code EXAMPLE\\alice}) the principal is the loaded {@link UserDetails} with its authorities, after the account
 * status checks (an unknown, disabled or locked account is refused); without one the client is authenticated with no
 * authorities.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class NegotiateAuthenticationProvider implements AuthenticationProvider {

	private static final boolean KERBEROS_TYPES_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.kerberos.authentication.KerberosAuthentication",
			NegotiateAuthenticationProvider.class.getClassLoader());

	private final @Nullable AuthenticationUserDetailsService<NegotiateAuthenticationToken> userDetailsService;

	private UserDetailsChecker userDetailsChecker = new AccountStatusUserDetailsChecker();

	/**
	 * Create a provider that grants no authorities.
	 */
	public NegotiateAuthenticationProvider() {
		this.userDetailsService = null;
	}

	/**
	 * Create a provider that loads the client's details with the token.
	 * @param userDetailsService the service
	 */
	public NegotiateAuthenticationProvider(
			AuthenticationUserDetailsService<NegotiateAuthenticationToken> userDetailsService) {
		this.userDetailsService = userDetailsService;
	}

	/**
	 * Create a provider that loads the client's details by its name.
	 * @param userDetailsService the service
	 * @return the provider
	 */
	public static NegotiateAuthenticationProvider withUserDetailsService(UserDetailsService userDetailsService) {
		return new NegotiateAuthenticationProvider(new UserDetailsByNameServiceWrapper<>(userDetailsService));
	}

	/**
	 * Set the checks applied to loaded user details (default: account status).
	 * @param userDetailsChecker the checker
	 */
	public void setUserDetailsChecker(UserDetailsChecker userDetailsChecker) {
		this.userDetailsChecker = userDetailsChecker;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		NegotiateAuthenticationToken token = (NegotiateAuthenticationToken) authentication;
		SecurityInfo info = token.getSecurityInfo();
		if (this.userDetailsService == null) {
			return authenticated(info.peerName(), info, List.of());
		}
		UserDetails user = this.userDetailsService.loadUserDetails(token);
		this.userDetailsChecker.check(user);
		return authenticated(user, info, user.getAuthorities());
	}

	private static NegotiateAuthenticationToken authenticated(Object principal, SecurityInfo info,
			Collection<? extends GrantedAuthority> authorities) {
		if (KERBEROS_TYPES_PRESENT && info.mechanism() == Mechanism.KERBEROS) {
			return new KerberosNegotiateAuthenticationToken(principal, info, authorities);
		}
		return new NegotiateAuthenticationToken(principal, info, authorities);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return NegotiateAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
