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
 * authorities. Kerberos clients get a {@link KerberosNegotiateAuthenticationToken} when
 * {@code spring-security-kerberos-core} is on the class path, every other client (and every client without that
 * library) a plain {@link NegotiateAuthenticationToken}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class NegotiateAuthenticationProvider implements AuthenticationProvider {

	private static final String KERBEROS_AUTHENTICATION = "org.springframework.security.kerberos.authentication.KerberosAuthentication";

	private final @Nullable AuthenticationUserDetailsService<NegotiateAuthenticationToken> userDetailsService;

	private boolean kerberosAuthentication = isKerberosAuthenticationPresent(
			NegotiateAuthenticationProvider.class.getClassLoader());

	private UserDetailsChecker userDetailsChecker = new AccountStatusUserDetailsChecker();

	private @Nullable SidAuthorityMapper sidAuthorityMapper;

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
	 * Decide from a class loader whether Kerberos clients get a {@link KerberosNegotiateAuthenticationToken}: only
	 * when {@code spring-security-kerberos-core} is visible to it (by default this class's loader is asked). The
	 * check never loads Spring Security Kerberos classes, so the provider works without that library.
	 * @param classLoader the application's class loader, or {@code null} for this class's
	 */
	public void setClassLoader(@Nullable ClassLoader classLoader) {
		this.kerberosAuthentication = isKerberosAuthenticationPresent(classLoader);
	}

	private static boolean isKerberosAuthenticationPresent(@Nullable ClassLoader classLoader) {
		return ClassUtils.isPresent(KERBEROS_AUTHENTICATION,
				(classLoader != null) ? classLoader : NegotiateAuthenticationProvider.class.getClassLoader());
	}

	/**
	 * Set the checks applied to loaded user details (default: account status).
	 * @param userDetailsChecker the checker
	 */
	public void setUserDetailsChecker(UserDetailsChecker userDetailsChecker) {
		this.userDetailsChecker = userDetailsChecker;
	}

	/**
	 * Also grant the roles that the client's group SIDs map to (from the PAC of an Active Directory ticket), beside
	 * the authorities of the user details service if there is one.
	 * @param sidAuthorityMapper the mapper, or {@code null} for none
	 */
	public void setSidAuthorityMapper(@Nullable SidAuthorityMapper sidAuthorityMapper) {
		this.sidAuthorityMapper = sidAuthorityMapper;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		NegotiateAuthenticationToken token = (NegotiateAuthenticationToken) authentication;
		SecurityInfo info = token.getSecurityInfo();
		if (this.userDetailsService == null) {
			return authenticated(info.peerName(), info, withSidAuthorities(info, List.of()));
		}
		UserDetails user = this.userDetailsService.loadUserDetails(token);
		this.userDetailsChecker.check(user);
		return authenticated(user, info, withSidAuthorities(info, user.getAuthorities()));
	}

	private Collection<? extends GrantedAuthority> withSidAuthorities(SecurityInfo info,
			Collection<? extends GrantedAuthority> authorities) {
		SidAuthorityMapper mapper = this.sidAuthorityMapper;
		if (mapper == null) {
			return authorities;
		}
		java.util.Set<GrantedAuthority> all = new java.util.LinkedHashSet<>(authorities);
		all.addAll(mapper.authorities(info));
		return all;
	}

	private NegotiateAuthenticationToken authenticated(Object principal, SecurityInfo info,
			Collection<? extends GrantedAuthority> authorities) {
		if (this.kerberosAuthentication && info.mechanism() == Mechanism.KERBEROS) {
			return KerberosTokens.create(principal, info, authorities);
		}
		return new NegotiateAuthenticationToken(principal, info, authorities);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return NegotiateAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/**
	 * Creates Kerberos tokens. A class of its own: the JVM verifies (and so loads)
	 * {@link KerberosNegotiateAuthenticationToken} and its {@code KerberosAuthentication} interface only when this
	 * class is first used, which is only when that interface is present. A method of the provider returning it would
	 * fail the provider's own verification with a {@code NoClassDefFoundError} when
	 * {@code spring-security-kerberos-core} is absent.
	 */
	private static final class KerberosTokens {

		static NegotiateAuthenticationToken create(Object principal, SecurityInfo info,
				Collection<? extends GrantedAuthority> authorities) {
			return new KerberosNegotiateAuthenticationToken(principal, info, authorities);
		}

	}

}
