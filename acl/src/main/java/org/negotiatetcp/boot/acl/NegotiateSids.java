package org.negotiatetcp.boot.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.security.acls.domain.GrantedAuthoritySid;
import org.springframework.security.acls.domain.PrincipalSid;
import org.springframework.security.acls.model.Sid;
import org.springframework.security.acls.model.SidRetrievalStrategy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The {@link Sid}s of a client, as Windows' access token holds a user SID and group SIDs: the client's
 * {@link PrincipalSid} (its name, {@code alice@EXAMPLE.COM}), a {@link GrantedAuthoritySid} per authority,
 * {@link #AUTHENTICATED_USERS} and {@link #EVERYONE}. An anonymous client has {@link #EVERYONE} only: it owns nothing
 * and passes only entries granted to everyone.
 * <p>
 * Well-known SIDs are authority SIDs named by their Windows SID strings, so that a SID authority (once the client's
 * authorization context gives them) matches the same entries.
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
		List<Sid> sids = new ArrayList<>();
		sids.add(new PrincipalSid(authentication));
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
	 * Return the owner a client's objects get: its {@link PrincipalSid}.
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
		return new PrincipalSid(authentication);
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
			return new PrincipalSid(trimmed.substring(PRINCIPAL_PREFIX.length()));
		}
		return new GrantedAuthoritySid(trimmed);
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
