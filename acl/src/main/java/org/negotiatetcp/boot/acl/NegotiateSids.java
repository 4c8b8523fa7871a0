package org.negotiatetcp.boot.acl;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.acls.domain.GrantedAuthoritySid;
import org.springframework.security.acls.domain.PrincipalSid;
import org.springframework.security.acls.model.Sid;
import org.springframework.security.acls.model.SidRetrievalStrategy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import org.negotiatetcp.boot.security.NegotiateAuthenticationToken;
import org.negotiatetcp.security.AuthorizationContext;

/**
 * The {@link Sid}s of a client, as Windows' access token holds a user SID and group SIDs: the client's
 * {@link PrincipalSid} (its name, {@code alice@EXAMPLE.COM}), a {@link GrantedAuthoritySid} per authority,
 * {@link #AUTHENTICATED_USERS} and {@link #EVERYONE}. An anonymous client has {@link #EVERYONE} only: it owns nothing
 * and passes only entries granted to everyone.
 * <p>
 * Well-known SIDs are authority SIDs named by their Windows SID strings, so that a SID authority (once the client's
 * authorization context gives them) matches the same entries.
 * <p>
 * A client whose {@link NegotiateAuthenticationToken} carries an authorization context (the user and group SIDs of
 * an Active Directory ticket's PAC, {@code SecurityInfo.authorizationContext()}) is, like a Windows access token, its
 * SIDs: a {@link PrincipalSid} named by its user SID ({@code S-1-5-21-...-1104}), which is also the owner of the
 * objects it creates; its name's {@link PrincipalSid} as an alias of the same account (so entries written for
 * {@code principal:alice@EXAMPLE.COM} still match); a {@link GrantedAuthoritySid} named by each group SID; its
 * authorities; {@link #AUTHENTICATED_USERS} and {@link #EVERYONE}. The PAC's {@code S-1-1-0} and {@code S-1-5-11}
 * are these two constants (one representation: authority SIDs named by the SID string). Clients without a context
 * (NTLM, MIT or Kerby tickets) keep their name as principal and owner.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class NegotiateSids implements SidRetrievalStrategy {

	/**
	 * Everyone, anonymous clients included ({@code S-1-1-0}).
	 */
	public static final Sid EVERYONE = new GrantedAuthoritySid("S-1-1-0");

	/**
	 * Every authenticated (not anonymous) client ({@code S-1-5-11}).
	 */
	public static final Sid AUTHENTICATED_USERS = new GrantedAuthoritySid("S-1-5-11");

	/**
	 * Placeholder in an inheritable entry: the creator of the object that inherits it ({@code S-1-3-0}).
	 */
	public static final Sid CREATOR_OWNER = new GrantedAuthoritySid("S-1-3-0");

	private static final String PRINCIPAL_PREFIX = "principal:";

	@Override
	public List<Sid> getSids(Authentication authentication) {
		if (isAnonymous(authentication)) {
			return List.of(EVERYONE);
		}
		Set<Sid> sids = new LinkedHashSet<>();
		AuthorizationContext context = authorizationContext(authentication);
		if (context != null) {
			sids.add(new PrincipalSid(String.valueOf(context.userSid())));
			sids.add(new PrincipalSid(authentication));
			for (org.negotiatetcp.security.Sid group : context.groupSids()) {
				sids.add(new GrantedAuthoritySid(group.toString()));
			}
		}
		else {
			sids.add(new PrincipalSid(authentication));
		}
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null) {
				sids.add(new GrantedAuthoritySid(name));
			}
		}
		sids.add(AUTHENTICATED_USERS);
		sids.add(EVERYONE);
		return List.copyOf(sids);
	}

	/**
	 * Return the owner a client's objects get: the {@link PrincipalSid} named by its user SID where its
	 * authorization context has one, otherwise the one named by its name.
	 * @param authentication the client
	 * @return its principal SID
	 * @throws org.springframework.security.access.AccessDeniedException for no client or an anonymous one, which own
	 * nothing
	 */
	public static Sid owner(@Nullable Authentication authentication) {
		if (authentication == null || isAnonymous(authentication)) {
			throw new org.springframework.security.access.AccessDeniedException(
					"An anonymous client owns nothing: it cannot create objects or take ownership; authenticate the "
							+ "client (a named Kerberos or NTLM account)");
		}
		AuthorizationContext context = authorizationContext(authentication);
		return (context != null) ? new PrincipalSid(String.valueOf(context.userSid()))
				: new PrincipalSid(authentication);
	}

	/**
	 * Whether a SID is one of the names of the client as a principal: its owner SID, or (with an authorization
	 * context) its name, an alias of the same account.
	 * @param sid the SID, for example an ACL's owner
	 * @param authentication the client
	 * @return {@code true} if the SID designates the client; never for an anonymous client
	 */
	public static boolean isClient(@Nullable Sid sid, Authentication authentication) {
		if (!(sid instanceof PrincipalSid) || isAnonymous(authentication)) {
			return false;
		}
		return sid.equals(owner(authentication)) || sid.equals(new PrincipalSid(authentication));
	}

	/**
	 * Return the client's authorization context with a user SID, from its {@link NegotiateAuthenticationToken}.
	 * @param authentication the client
	 * @return the context, or {@code null} for another kind of {@code Authentication} or a client authenticated
	 * without a PAC
	 */
	public static @Nullable AuthorizationContext authorizationContext(Authentication authentication) {
		if (authentication instanceof NegotiateAuthenticationToken token) {
			AuthorizationContext context = token.getSecurityInfo().authorizationContext();
			if (context.isPresent() && context.userSid() != null) {
				return context;
			}
		}
		return null;
	}

	/**
	 * Whether a client is anonymous.
	 * @param authentication the client
	 * @return {@code true} for an {@link AnonymousAuthenticationToken} (NTLM anonymous clients) or an
	 * unauthenticated one
	 */
	public static boolean isAnonymous(Authentication authentication) {
		return authentication instanceof AnonymousAuthenticationToken || !authentication.isAuthenticated();
	}

	/**
	 * Parse a SID as configuration writes it: {@code everyone}, {@code authenticated-users}, {@code creator-owner}
	 * (or their SID strings), {@code principal:alice@EXAMPLE.COM} for a client, anything else an authority such as
	 * {@code ROLE_AUDITORS}.
	 * @param text the SID
	 * @return the SID
	 */
	public static Sid parse(String text) {
		String trimmed = text.trim();
		if (trimmed.isEmpty()) {
			throw new IllegalArgumentException("Empty SID: write everyone, authenticated-users, creator-owner, "
					+ "principal:<client name> or an authority such as ROLE_AUDITORS");
		}
		switch (trimmed.toLowerCase(Locale.ROOT)) {
			case "everyone", "s-1-1-0":
				return EVERYONE;
			case "authenticated-users", "s-1-5-11":
				return AUTHENTICATED_USERS;
			case "creator-owner", "s-1-3-0":
				return CREATOR_OWNER;
			default:
				break;
		}
		if (trimmed.regionMatches(true, 0, PRINCIPAL_PREFIX, 0, PRINCIPAL_PREFIX.length())) {
			return new PrincipalSid(normalized(trimmed.substring(PRINCIPAL_PREFIX.length()).trim()));
		}
		return new GrantedAuthoritySid(normalized(trimmed));
	}

	/**
	 * A Windows SID as its canonical string ({@code s-1-5-21-...} becomes {@code S-1-5-21-...}), so it matches the
	 * client's SIDs; any other name unchanged.
	 */
	private static String normalized(String name) {
		if (!name.regionMatches(true, 0, "S-1-", 0, 4)) {
			return name;
		}
		try {
			return org.negotiatetcp.security.Sid.parse(name).toString();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + name + "' starts like a Windows SID but is not one ("
					+ ex.getMessage() + "): write S-1-5-21-<domain>-<rid>, principal:S-1-... for a user", ex);
		}
	}

	/**
	 * Format a SID as {@link #parse} reads it.
	 * @param sid the SID
	 * @return its text
	 */
	public static String format(Sid sid) {
		if (sid.equals(EVERYONE)) {
			return "everyone";
		}
		if (sid.equals(AUTHENTICATED_USERS)) {
			return "authenticated-users";
		}
		if (sid.equals(CREATOR_OWNER)) {
			return "creator-owner";
		}
		if (sid instanceof PrincipalSid principal) {
			return PRINCIPAL_PREFIX + principal.getPrincipal();
		}
		return ((GrantedAuthoritySid) sid).getGrantedAuthority();
	}

}
