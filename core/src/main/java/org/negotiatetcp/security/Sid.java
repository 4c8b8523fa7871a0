package org.negotiatetcp.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A Windows security identifier ([MS-DTYP] 2.4.2): revision 1, a 48-bit identifier authority and up to 15
 * sub-authorities, written {@code S-1-5-21-...-1104}. Well-known SIDs have a {@link #wellKnownName() name}, including
 * the well-known relative IDs of a domain ({@code 512} Domain Admins, {@code 513} Domain Users, ...).
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class Sid {

	/** Most sub-authorities a SID can have. */
	public static final int MAX_SUB_AUTHORITIES = 15;

	/** {@code S-1-1-0}, Everyone. */
	public static final Sid EVERYONE = parse("S-1-1-0");

	/** {@code S-1-5-11}, Authenticated Users. */
	public static final Sid AUTHENTICATED_USERS = parse("S-1-5-11");

	/** {@code S-1-5-32-544}, BUILTIN\Administrators. */
	public static final Sid BUILTIN_ADMINISTRATORS = parse("S-1-5-32-544");

	/** {@code S-1-5-32-545}, BUILTIN\Users. */
	public static final Sid BUILTIN_USERS = parse("S-1-5-32-545");

	private static final Map<String, String> WELL_KNOWN = Map.ofEntries(Map.entry("S-1-0-0", "Nobody"),
			Map.entry("S-1-1-0", "Everyone"), Map.entry("S-1-2-0", "Local"), Map.entry("S-1-2-1", "Console Logon"),
			Map.entry("S-1-3-0", "Creator Owner"), Map.entry("S-1-3-1", "Creator Group"),
			Map.entry("S-1-5-1", "Dialup"), Map.entry("S-1-5-2", "Network"), Map.entry("S-1-5-3", "Batch"),
			Map.entry("S-1-5-4", "Interactive"), Map.entry("S-1-5-6", "Service"),
			Map.entry("S-1-5-7", "Anonymous Logon"), Map.entry("S-1-5-9", "Enterprise Domain Controllers"),
			Map.entry("S-1-5-10", "Principal Self"), Map.entry("S-1-5-11", "Authenticated Users"),
			Map.entry("S-1-5-12", "Restricted Code"), Map.entry("S-1-5-13", "Terminal Server Users"),
			Map.entry("S-1-5-14", "Remote Interactive Logon"), Map.entry("S-1-5-15", "This Organization"),
			Map.entry("S-1-5-18", "Local System"), Map.entry("S-1-5-19", "Local Service"),
			Map.entry("S-1-5-20", "Network Service"), Map.entry("S-1-5-32-544", "Administrators"),
			Map.entry("S-1-5-32-545", "Users"), Map.entry("S-1-5-32-546", "Guests"),
			Map.entry("S-1-5-32-547", "Power Users"), Map.entry("S-1-5-32-548", "Account Operators"),
			Map.entry("S-1-5-32-549", "Server Operators"), Map.entry("S-1-5-32-550", "Print Operators"),
			Map.entry("S-1-5-32-551", "Backup Operators"), Map.entry("S-1-5-32-552", "Replicator"),
			Map.entry("S-1-5-32-554", "Pre-Windows 2000 Compatible Access"),
			Map.entry("S-1-5-32-555", "Remote Desktop Users"), Map.entry("S-1-5-32-559",
					"Performance Log Users"),
			Map.entry("S-1-5-64-10", "NTLM Authentication"), Map.entry("S-1-5-64-14", "SChannel Authentication"),
			Map.entry("S-1-5-64-21", "Digest Authentication"), Map.entry("S-1-5-1000", "Other Organization"),
			Map.entry("S-1-16-0", "Untrusted Mandatory Level"), Map.entry("S-1-16-4096", "Low Mandatory Level"),
			Map.entry("S-1-16-8192", "Medium Mandatory Level"), Map.entry("S-1-16-12288", "High Mandatory Level"),
			Map.entry("S-1-16-16384", "System Mandatory Level"),
			Map.entry("S-1-18-1", "Authentication Authority Asserted Identity"),
			Map.entry("S-1-18-2", "Service Asserted Identity"));

	private static final Map<Long, String> DOMAIN_RIDS = Map.ofEntries(Map.entry(500L, "Administrator"),
			Map.entry(501L, "Guest"), Map.entry(502L, "krbtgt"), Map.entry(512L, "Domain Admins"),
			Map.entry(513L, "Domain Users"), Map.entry(514L, "Domain Guests"), Map.entry(515L, "Domain Computers"),
			Map.entry(516L, "Domain Controllers"), Map.entry(517L, "Cert Publishers"),
			Map.entry(518L, "Schema Admins"), Map.entry(519L, "Enterprise Admins"),
			Map.entry(520L, "Group Policy Creator Owners"), Map.entry(521L, "Read-only Domain Controllers"),
			Map.entry(522L, "Cloneable Domain Controllers"), Map.entry(525L, "Protected Users"),
			Map.entry(526L, "Key Admins"), Map.entry(527L, "Enterprise Key Admins"),
			Map.entry(553L, "RAS and IAS Servers"), Map.entry(571L, "Allowed RODC Password Replication Group"),
			Map.entry(572L, "Denied RODC Password Replication Group"));

	private final long identifierAuthority;

	private final long[] subAuthorities;

	private Sid(long identifierAuthority, long[] subAuthorities) {
		if (identifierAuthority < 0 || identifierAuthority > 0xFFFF_FFFF_FFFFL) {
			throw new IllegalArgumentException("SID identifier authority out of range: " + identifierAuthority);
		}
		if (subAuthorities.length > MAX_SUB_AUTHORITIES) {
			throw new IllegalArgumentException("A SID has at most 15 sub-authorities, not " + subAuthorities.length);
		}
		for (long sub : subAuthorities) {
			if (sub < 0 || sub > 0xFFFF_FFFFL) {
				throw new IllegalArgumentException("SID sub-authority out of range: " + sub);
			}
		}
		this.identifierAuthority = identifierAuthority;
		this.subAuthorities = subAuthorities;
	}

	/**
	 * Create a SID from its parts.
	 * @param identifierAuthority the 48-bit identifier authority (5 for NT Authority)
	 * @param subAuthorities the sub-authorities, each an unsigned 32-bit value
	 * @return the SID
	 * @throws IllegalArgumentException if a part is out of range or there are more than 15 sub-authorities
	 */
	public static Sid of(long identifierAuthority, long... subAuthorities) {
		return new Sid(identifierAuthority, subAuthorities.clone());
	}

	/**
	 * Parse the string form {@code S-1-<authority>-<sub>...}.
	 * @param text the SID as text, for example {@code S-1-5-32-544}
	 * @return the SID
	 * @throws IllegalArgumentException if the text is not a revision 1 SID
	 */
	public static Sid parse(String text) {
		String[] parts = text.trim().split("-", -1);
		if (parts.length < 3 || !parts[0].equalsIgnoreCase("S") || !parts[1].equals("1")) {
			throw new IllegalArgumentException("Not a SID (expected S-1-<authority>-...): '" + text + "'");
		}
		try {
			long authority = parts[2].regionMatches(true, 0, "0x", 0, 2) ? Long.parseLong(parts[2].substring(2), 16)
					: Long.parseLong(parts[2]);
			long[] subs = new long[parts.length - 3];
			for (int i = 0; i < subs.length; i++) {
				if (parts[i + 3].isEmpty() || !parts[i + 3].chars().allMatch(Character::isDigit)) {
					throw new IllegalArgumentException("Not a SID: '" + text + "'");
				}
				subs[i] = Long.parseLong(parts[i + 3]);
			}
			return new Sid(authority, subs);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a SID: '" + text + "'", ex);
		}
	}

	/**
	 * Read the binary form ([MS-DTYP] 2.4.2.2): revision, sub-authority count, 6-byte big-endian authority, then
	 * little-endian 32-bit sub-authorities.
	 * @param bytes the buffer
	 * @param offset where the SID starts
	 * @param length how many bytes are available from {@code offset}
	 * @return the SID
	 * @throws IllegalArgumentException if the bytes are not a complete revision 1 SID
	 */
	public static Sid fromBytes(byte[] bytes, int offset, int length) {
		if (offset < 0 || length < 8 || offset > bytes.length - length) {
			throw new IllegalArgumentException("A binary SID needs at least 8 bytes, " + length + " available");
		}
		int revision = bytes[offset] & 0xFF;
		int count = bytes[offset + 1] & 0xFF;
		if (revision != 1 || count > MAX_SUB_AUTHORITIES) {
			throw new IllegalArgumentException(
					"Binary SID has revision " + revision + " and " + count + " sub-authorities (expected 1 and <= 15)");
		}
		if (length < 8 + 4 * count) {
			throw new IllegalArgumentException(
					"Binary SID with " + count + " sub-authorities needs " + (8 + 4 * count) + " bytes, has " + length);
		}
		long authority = 0;
		for (int i = 0; i < 6; i++) {
			authority = (authority << 8) | (bytes[offset + 2 + i] & 0xFF);
		}
		long[] subs = new long[count];
		for (int i = 0; i < count; i++) {
			int p = offset + 8 + 4 * i;
			subs[i] = (bytes[p] & 0xFFL) | (bytes[p + 1] & 0xFFL) << 8 | (bytes[p + 2] & 0xFFL) << 16
					| (bytes[p + 3] & 0xFFL) << 24;
		}
		return new Sid(authority, subs);
	}

	/**
	 * Return the binary form ([MS-DTYP] 2.4.2.2).
	 * @return a new array
	 */
	public byte[] toBytes() {
		byte[] out = new byte[8 + 4 * this.subAuthorities.length];
		out[0] = 1;
		out[1] = (byte) this.subAuthorities.length;
		for (int i = 0; i < 6; i++) {
			out[2 + i] = (byte) (this.identifierAuthority >>> (8 * (5 - i)));
		}
		for (int i = 0; i < this.subAuthorities.length; i++) {
			long sub = this.subAuthorities[i];
			for (int b = 0; b < 4; b++) {
				out[8 + 4 * i + b] = (byte) (sub >>> (8 * b));
			}
		}
		return out;
	}

	/**
	 * Return this SID followed by one more sub-authority: a domain SID plus a relative ID gives an account's SID.
	 * @param rid the relative ID (unsigned 32-bit)
	 * @return the SID {@code <this>-<rid>}
	 * @throws IllegalArgumentException if this SID already has 15 sub-authorities
	 */
	public Sid append(long rid) {
		long[] subs = Arrays.copyOf(this.subAuthorities, this.subAuthorities.length + 1);
		subs[subs.length - 1] = rid;
		return new Sid(this.identifierAuthority, subs);
	}

	/**
	 * Return the identifier authority.
	 * @return the 48-bit authority
	 */
	public long identifierAuthority() {
		return this.identifierAuthority;
	}

	/**
	 * Return the sub-authorities.
	 * @return a copy of the sub-authorities
	 */
	public long[] subAuthorities() {
		return this.subAuthorities.clone();
	}

	/**
	 * Return the last sub-authority (the relative ID of an account in a domain), or {@code -1} if there is none.
	 * @return the relative ID
	 */
	public long rid() {
		return (this.subAuthorities.length > 0) ? this.subAuthorities[this.subAuthorities.length - 1] : -1;
	}

	/**
	 * Whether this is an account of a Windows domain or machine ({@code S-1-5-21-<a>-<b>-<c>-<rid>}).
	 * @return {@code true} for a domain account SID
	 */
	public boolean isDomainAccount() {
		return this.identifierAuthority == 5 && this.subAuthorities.length == 5 && this.subAuthorities[0] == 21;
	}

	/**
	 * Return the well-known name of this SID: the universal and NT Authority names ({@code Everyone},
	 * {@code Authenticated Users}, {@code Administrators}, ...) and, for a domain account SID, the name of a
	 * well-known relative ID ({@code Domain Admins}, {@code Domain Users}, ...).
	 * @return the name, or {@code null} if this SID is not well known
	 */
	public @Nullable String wellKnownName() {
		String name = WELL_KNOWN.get(toString());
		if (name == null && isDomainAccount()) {
			name = DOMAIN_RIDS.get(rid());
		}
		return name;
	}

	/**
	 * Whether {@code nameOrSid} designates this SID: its string form ({@code S-1-5-...}) or its
	 * {@link #wellKnownName() well-known name}, compared ignoring case.
	 * @param nameOrSid a SID's string form or a well-known name
	 * @return {@code true} on a match
	 */
	public boolean matches(String nameOrSid) {
		String key = nameOrSid.trim();
		if (key.regionMatches(true, 0, "S-1-", 0, 4)) {
			return key.equalsIgnoreCase(toString());
		}
		String name = wellKnownName();
		return name != null && name.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT));
	}

	/**
	 * Whether {@code name} is a well-known name that {@link #matches(String)} can recognise ({@code Everyone},
	 * {@code Domain Admins}, ...), ignoring case.
	 * @param name the name
	 * @return {@code true} for a well-known name
	 */
	public static boolean isWellKnownName(String name) {
		String key = name.trim();
		return WELL_KNOWN.values().stream().anyMatch(key::equalsIgnoreCase)
				|| DOMAIN_RIDS.values().stream().anyMatch(key::equalsIgnoreCase);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof Sid sid && this.identifierAuthority == sid.identifierAuthority
				&& Arrays.equals(this.subAuthorities, sid.subAuthorities));
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.identifierAuthority) * 31 + Arrays.hashCode(this.subAuthorities);
	}

	/**
	 * Return the string form, {@code S-1-<authority>-<sub>...} (an authority of 2^32 or more in hexadecimal).
	 * @return the SID as text
	 */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("S-1-");
		text.append((this.identifierAuthority < (1L << 32)) ? Long.toString(this.identifierAuthority)
				: String.format("0x%012X", this.identifierAuthority));
		for (long sub : this.subAuthorities) {
			text.append('-').append(sub);
		}
		return text.toString();
	}

}
