package org.negotiatetcp.security;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The client's authorization context, as a Windows server gets it from {@code RpcGetAuthorizationContextForClient}:
 * the user's SID and the SIDs of its groups, read from the Privilege Attribute Certificate ([MS-PAC]) that an Active
 * Directory KDC puts in the service ticket. Empty when the client authenticated without a PAC (a Kerby KDC's ticket,
 * NTLM against a local account store) or with a PAC that has no logon information (MIT krb5 1.20+ KDCs sign a PAC
 * without SIDs into every ticket).
 * @param source where the context comes from
 * @param userSid the user's SID ({@code null} when {@link Source#NONE})
 * @param primaryGroupSid the user's primary group ({@code null} when unknown)
 * @param groupSids the SIDs of the groups the user is a member of (domain groups, extra SIDs and resource groups, in
 * PAC order, without duplicates; the primary group included)
 * @param logonName the account name ({@code sAMAccountName}) from the PAC, or {@code null}
 * @param logonDomain the NetBIOS domain name from the PAC, or {@code null}
 * @param userPrincipalName the UPN from the PAC, or {@code null}
 * @param signatureVerified whether the PAC's server signature was verified with the service key; {@code false} means
 * the context was read from a ticket the JDK decrypted with the service key (so it came from the KDC or from someone
 * holding the service key) but its PAC checksum was not checked
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public record AuthorizationContext(Source source, @Nullable Sid userSid, @Nullable Sid primaryGroupSid,
		List<Sid> groupSids, @Nullable String logonName, @Nullable String logonDomain,
		@Nullable String userPrincipalName, boolean signatureVerified) {

	private static final AuthorizationContext NONE = new AuthorizationContext(Source.NONE, null, null, List.of(), null,
			null, null, false);

	/**
	 * Create a context.
	 * @param source where the context comes from
	 * @param userSid the user's SID
	 * @param primaryGroupSid the user's primary group
	 * @param groupSids the group SIDs
	 * @param logonName the account name
	 * @param logonDomain the NetBIOS domain name
	 * @param userPrincipalName the UPN
	 * @param signatureVerified whether the PAC's server signature was verified
	 */
	public AuthorizationContext {
		groupSids = List.copyOf(new ArrayList<>(new java.util.LinkedHashSet<>(groupSids)));
		if (source == Source.PAC && userSid == null) {
			throw new IllegalArgumentException("An authorization context from a PAC needs the user's SID");
		}
	}

	/**
	 * The empty context of a client authenticated without a PAC.
	 * @return the empty context
	 */
	public static AuthorizationContext none() {
		return NONE;
	}

	/**
	 * Whether there is a context (a PAC was present).
	 * @return {@code true} unless {@link Source#NONE}
	 */
	public boolean isPresent() {
		return this.source != Source.NONE;
	}

	/**
	 * Whether the user is, or is a member of, the group designated by {@code nameOrSid} (a SID's string form or a
	 * {@link Sid#wellKnownName() well-known name} such as {@code Domain Admins}).
	 * @param nameOrSid the SID or well-known name
	 * @return {@code true} if the user's SID or one of its group SIDs matches
	 */
	public boolean hasSid(String nameOrSid) {
		return allSids().stream().anyMatch((sid) -> sid.matches(nameOrSid));
	}

	/**
	 * Return the user's SID followed by its group SIDs.
	 * @return all SIDs of the context
	 */
	public List<Sid> allSids() {
		List<Sid> all = new ArrayList<>(this.groupSids.size() + 1);
		if (this.userSid != null) {
			all.add(this.userSid);
		}
		all.addAll(this.groupSids);
		return all;
	}

	@Override
	public String toString() {
		if (this.source == Source.NONE) {
			return "AuthorizationContext[none]";
		}
		return "AuthorizationContext[source=" + this.source + ", user=" + this.userSid + ", groups=" + this.groupSids
				+ ", verified=" + this.signatureVerified + "]";
	}

	/**
	 * Where an authorization context comes from.
	 */
	public enum Source {

		/** No authorization data: a ticket without a PAC, or NTLM. */
		NONE,

		/** The Privilege Attribute Certificate of an Active Directory service ticket. */
		PAC

	}

}
