package org.negotiatetcp.boot.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import org.negotiatetcp.security.AuthorizationContext;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.security.Sid;

/**
 * Grants roles from the client's group SIDs ({@link SecurityInfo#authorizationContext()}, read from the PAC of an
 * Active Directory ticket), so that {@code hasRole("ORDERS")} works on an AD group without an LDAP round trip. The
 * mapping ({@code negotiate.tcp.server.authorities.sid-map}) goes from a SID ({@code S-1-5-21-...-1105}) or a
 * well-known name ({@code Domain Admins}, {@code Authenticated Users}, ...) to a role; a role without the
 * {@code ROLE_} prefix gets it. The user's own SID matches too. Clients without a PAC (NTLM, MIT or Kerby tickets) get
 * no role from it.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class SidAuthorityMapper {

	/** The property holding the mapping. */
	public static final String PROPERTY = "negotiate.tcp.server.authorities.sid-map";

	private final Map<String, String> mapping;

	/**
	 * Create a mapper.
	 * @param mapping SID or well-known name to role
	 * @throws IllegalArgumentException if a key is neither a valid SID nor a well-known name, or a role is empty
	 */
	public SidAuthorityMapper(Map<String, String> mapping) {
		Map<String, String> checked = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		mapping.forEach((key, role) -> {
			String name = key.trim();
			if (name.regionMatches(true, 0, "S-", 0, 2)) {
				try {
					Sid.parse(name);
				}
				catch (IllegalArgumentException ex) {
					problems.add("'" + key + "' is not a SID (" + ex.getMessage() + ")");
					return;
				}
			}
			else if (!Sid.isWellKnownName(name)) {
				problems.add("'" + key + "' is neither a SID (S-1-...) nor a well-known name such as Domain Admins, "
						+ "Domain Users, Authenticated Users or Administrators");
				return;
			}
			if (role == null || role.isBlank()) {
				problems.add("'" + key + "' maps to an empty role");
				return;
			}
			String trimmed = role.trim();
			checked.put(name, trimmed.startsWith("ROLE_") ? trimmed : "ROLE_" + trimmed);
		});
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(PROPERTY + ": " + String.join("; ", problems)
					+ ". Use a group's SID (Get-ADGroup <name> | Select SID, or samba-tool group show) or a well-known "
					+ "name; write keys with brackets: " + PROPERTY + ".[S-1-5-21-...-1105]=ORDERS");
		}
		this.mapping = Map.copyOf(checked);
	}

	/**
	 * Return the roles the client's SIDs map to.
	 * @param info the client's security information
	 * @return the authorities, in no particular order; empty without a PAC
	 */
	public Collection<GrantedAuthority> authorities(SecurityInfo info) {
		AuthorizationContext context = info.authorizationContext();
		if (!context.isPresent()) {
			return List.of();
		}
		Set<GrantedAuthority> authorities = new LinkedHashSet<>();
		this.mapping.forEach((key, role) -> {
			if (context.hasSid(key)) {
				authorities.add(new SimpleGrantedAuthority(role));
			}
		});
		return authorities;
	}

	@Override
	public String toString() {
		return "SidAuthorityMapper" + this.mapping;
	}

}
