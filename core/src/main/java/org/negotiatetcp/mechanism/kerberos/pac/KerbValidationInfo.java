package org.negotiatetcp.mechanism.kerberos.pac;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.security.Sid;

/**
 * The logon information buffer of a PAC ([MS-PAC] 2.5, KERB_VALIDATION_INFO), read from its NDR type serialization
 * ([MS-RPCE] 2.2.6). Only the fields an authorization decision needs are kept.
 * @param logonTime the logon time (FILETIME)
 * @param effectiveName the account name ({@code sAMAccountName})
 * @param fullName the display name
 * @param userId the user's relative ID in {@code logonDomainId}
 * @param primaryGroupId the primary group's relative ID in {@code logonDomainId}
 * @param groupIds the domain groups (relative IDs in {@code logonDomainId})
 * @param userFlags the user flags ({@code 0x20} extra SIDs present, {@code 0x200} resource groups present)
 * @param logonServer the DC that issued the logon
 * @param logonDomainName the NetBIOS domain name
 * @param logonDomainId the domain SID
 * @param userAccountControl the account's control flags
 * @param extraSids the extra SIDs (other domains, well-known SIDs such as {@code S-1-18-1})
 * @param resourceGroupDomainSid the domain of the resource groups, or {@code null}
 * @param resourceGroupIds the resource groups (relative IDs in {@code resourceGroupDomainSid})
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public record KerbValidationInfo(long logonTime, @Nullable String effectiveName, @Nullable String fullName,
		long userId, long primaryGroupId, List<GroupMembership> groupIds, long userFlags, @Nullable String logonServer,
		@Nullable String logonDomainName, Sid logonDomainId, long userAccountControl, List<SidAndAttributes> extraSids,
		@Nullable Sid resourceGroupDomainSid, List<GroupMembership> resourceGroupIds) {

	private static final String NAME = "KERB_VALIDATION_INFO";

	/**
	 * Copy the lists.
	 * @param logonTime the logon time
	 * @param effectiveName the account name
	 * @param fullName the display name
	 * @param userId the user's relative ID
	 * @param primaryGroupId the primary group's relative ID
	 * @param groupIds the domain groups
	 * @param userFlags the user flags
	 * @param logonServer the DC
	 * @param logonDomainName the NetBIOS domain name
	 * @param logonDomainId the domain SID
	 * @param userAccountControl the account control flags
	 * @param extraSids the extra SIDs
	 * @param resourceGroupDomainSid the resource group domain
	 * @param resourceGroupIds the resource groups
	 */
	public KerbValidationInfo {
		groupIds = List.copyOf(groupIds);
		extraSids = List.copyOf(extraSids);
		resourceGroupIds = List.copyOf(resourceGroupIds);
	}

	/**
	 * Return the user's SID: the domain SID followed by the user's relative ID.
	 * @return the user's SID
	 */
	public Sid userSid() {
		return this.logonDomainId.append(this.userId);
	}

	/**
	 * Return the primary group's SID.
	 * @return the primary group's SID
	 */
	public Sid primaryGroupSid() {
		return this.logonDomainId.append(this.primaryGroupId);
	}

	/**
	 * Return every group SID: the domain groups, the extra SIDs, then the resource groups.
	 * @return the group SIDs in PAC order
	 */
	public List<Sid> groupSids() {
		List<Sid> sids = new ArrayList<>();
		for (GroupMembership group : this.groupIds) {
			sids.add(this.logonDomainId.append(group.relativeId()));
		}
		for (SidAndAttributes extra : this.extraSids) {
			sids.add(extra.sid());
		}
		Sid resourceDomain = this.resourceGroupDomainSid;
		if (resourceDomain != null) {
			for (GroupMembership group : this.resourceGroupIds) {
				sids.add(resourceDomain.append(group.relativeId()));
			}
		}
		return sids;
	}

	/**
	 * Parse the buffer: common and private NDR headers, the top-level pointer, the structure, then its deferred
	 * referents (strings, group arrays, SIDs) in declaration order.
	 * @param bytes the PAC
	 * @param offset where the buffer starts
	 * @param length the buffer's size
	 * @return the logon information
	 * @throws PacFormatException if the buffer is malformed or truncated
	 */
	static KerbValidationInfo parse(byte[] bytes, int offset, int length) {
		LeReader in = new LeReader(bytes, offset, length, NAME);
		int version = in.u8();
		int endianness = in.u8();
		int headerLength = in.u16();
		in.u32();
		if (version != 1 || endianness != 0x10 || headerLength != 8) {
			throw in.error("NDR common type header must be version 1, little-endian (0x10), length 8; got version "
					+ version + ", endianness 0x" + Integer.toHexString(endianness) + ", length " + headerLength);
		}
		long objectLength = in.u32();
		in.u32();
		if (objectLength > in.remaining()) {
			throw in.error("NDR object buffer length " + objectLength + " exceeds the " + in.remaining()
					+ " bytes of the buffer");
		}
		if (in.u32() == 0) {
			throw in.error("null top-level pointer");
		}
		long logonTime = filetime(in);
		for (int i = 0; i < 5; i++) {
			filetime(in);
		}
		UnicodeString effectiveName = UnicodeString.header(in, "EffectiveName");
		UnicodeString fullName = UnicodeString.header(in, "FullName");
		UnicodeString logonScript = UnicodeString.header(in, "LogonScript");
		UnicodeString profilePath = UnicodeString.header(in, "ProfilePath");
		UnicodeString homeDirectory = UnicodeString.header(in, "HomeDirectory");
		UnicodeString homeDirectoryDrive = UnicodeString.header(in, "HomeDirectoryDrive");
		in.u16();
		in.u16();
		long userId = in.u32();
		long primaryGroupId = in.u32();
		long groupCount = in.u32();
		boolean groupIdsPresent = in.u32() != 0;
		long userFlags = in.u32();
		in.skip(16);
		UnicodeString logonServer = UnicodeString.header(in, "LogonServer");
		UnicodeString logonDomainName = UnicodeString.header(in, "LogonDomainName");
		boolean logonDomainIdPresent = in.u32() != 0;
		in.u32();
		in.u32();
		long userAccountControl = in.u32();
		in.u32();
		filetime(in);
		filetime(in);
		in.u32();
		in.u32();
		long sidCount = in.u32();
		boolean extraSidsPresent = in.u32() != 0;
		boolean resourceDomainPresent = in.u32() != 0;
		long resourceGroupCount = in.u32();
		boolean resourceGroupsPresent = in.u32() != 0;

		String effective = effectiveName.read(in);
		String full = fullName.read(in);
		logonScript.read(in);
		profilePath.read(in);
		homeDirectory.read(in);
		homeDirectoryDrive.read(in);
		List<GroupMembership> groups = groupMemberships(in, "GroupIds", groupCount, groupIdsPresent);
		String server = logonServer.read(in);
		String domain = logonDomainName.read(in);
		if (!logonDomainIdPresent) {
			throw in.error("LogonDomainId is null");
		}
		Sid domainSid = rpcSid(in, "LogonDomainId");
		List<SidAndAttributes> extraSids = new ArrayList<>();
		if (extraSidsPresent) {
			in.align(4);
			int max = in.count("ExtraSids conformance", 8);
			if (max != sidCount) {
				throw in.error("ExtraSids array of " + max + " for SidCount " + sidCount);
			}
			boolean[] present = new boolean[max];
			long[] attributes = new long[max];
			for (int i = 0; i < max; i++) {
				present[i] = in.u32() != 0;
				attributes[i] = in.u32();
			}
			for (int i = 0; i < max; i++) {
				if (!present[i]) {
					throw in.error("ExtraSids[" + i + "] has a null SID");
				}
				extraSids.add(new SidAndAttributes(rpcSid(in, "ExtraSids[" + i + "]"), attributes[i]));
			}
		}
		else if (sidCount != 0) {
			throw in.error("SidCount " + sidCount + " with a null ExtraSids pointer");
		}
		Sid resourceDomain = resourceDomainPresent ? rpcSid(in, "ResourceGroupDomainSid") : null;
		List<GroupMembership> resourceGroups = groupMemberships(in, "ResourceGroupIds", resourceGroupCount,
				resourceGroupsPresent);
		if (resourceDomain == null && !resourceGroups.isEmpty()) {
			throw in.error(resourceGroups.size() + " resource groups without a ResourceGroupDomainSid");
		}
		return new KerbValidationInfo(logonTime, effective, full, userId, primaryGroupId, groups, userFlags, server,
				domain, domainSid, userAccountControl, extraSids, resourceDomain, resourceGroups);
	}

	private static long filetime(LeReader in) {
		in.align(4);
		return in.u64();
	}

	private static List<GroupMembership> groupMemberships(LeReader in, String field, long count, boolean present) {
		if (!present) {
			if (count != 0) {
				throw in.error(field + " count " + count + " with a null pointer");
			}
			return List.of();
		}
		in.align(4);
		int max = in.count(field + " conformance", 8);
		if (max != count) {
			throw in.error(field + " array of " + max + " for a count of " + count);
		}
		List<GroupMembership> groups = new ArrayList<>(max);
		for (int i = 0; i < max; i++) {
			groups.add(new GroupMembership(in.u32(), in.u32()));
		}
		return groups;
	}

	private static Sid rpcSid(LeReader in, String field) {
		in.align(4);
		long max = in.u32();
		int revision = in.u8();
		int count = in.u8();
		if (max != count || revision != 1 || count > Sid.MAX_SUB_AUTHORITIES) {
			throw in.error(field + " RPC_SID has revision " + revision + ", " + count
					+ " sub-authorities and conformance " + max);
		}
		byte[] sid = new byte[8 + 4 * count];
		sid[0] = 1;
		sid[1] = (byte) count;
		byte[] rest = in.bytes(6 + 4 * count);
		System.arraycopy(rest, 0, sid, 2, rest.length);
		return Sid.fromBytes(sid, 0, sid.length);
	}

	/** An RPC_UNICODE_STRING: its header in the structure, its characters deferred. */
	private record UnicodeString(String field, int length, int maximumLength, boolean present) {

		static UnicodeString header(LeReader in, String field) {
			in.align(4);
			int length = in.u16();
			int maximumLength = in.u16();
			boolean present = in.u32() != 0;
			if (length > maximumLength || (length & 1) != 0) {
				throw in.error(field + " Length " + length + " and MaximumLength " + maximumLength
						+ " are not a valid UTF-16 string header");
			}
			if (!present && length != 0) {
				throw in.error(field + " has Length " + length + " and a null Buffer");
			}
			return new UnicodeString(field, length, maximumLength, present);
		}

		@Nullable String read(LeReader in) {
			if (!this.present) {
				return null;
			}
			in.align(4);
			long max = in.u32();
			long offset = in.u32();
			long actual = in.u32();
			if (offset != 0 || actual > max || actual * 2 != this.length) {
				throw in.error(this.field + " conformant varying array (max " + max + ", offset " + offset
						+ ", actual " + actual + ") does not match Length " + this.length);
			}
			return in.utf16(this.length, this.field);
		}

	}

	/**
	 * A GROUP_MEMBERSHIP: a relative ID and its SE_GROUP attributes.
	 * @param relativeId the group's relative ID in its domain
	 * @param attributes the SE_GROUP attributes ({@code 0x7} mandatory, enabled by default, enabled)
	 */
	public record GroupMembership(long relativeId, long attributes) {
	}

	/**
	 * A KERB_SID_AND_ATTRIBUTES: a full SID and its SE_GROUP attributes.
	 * @param sid the SID
	 * @param attributes the SE_GROUP attributes
	 */
	public record SidAndAttributes(Sid sid, long attributes) {
	}

}
