package org.negotiatetcp.mechanism.kerberos.pac;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.security.Sid;

/**
 * The UPN and DNS information of a PAC ([MS-PAC] 2.10, UPN_DNS_INFO).
 * @param userPrincipalName the user's UPN
 * @param dnsDomainName the DNS domain name
 * @param flags {@code 0x1} the UPN was built from the account name (no UPN set), {@code 0x2} the SAM name and SID
 * are present
 * @param samName the account name when flag {@code 0x2} is set, otherwise {@code null}
 * @param sid the user's SID when flag {@code 0x2} is set, otherwise {@code null}
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public record UpnDnsInfo(String userPrincipalName, String dnsDomainName, long flags, @Nullable String samName,
		@Nullable Sid sid) {

	/** The UPN was constructed from the account name. */
	public static final long UPN_CONSTRUCTED = 0x1;

	/** The SAM name and SID fields are present. */
	public static final long EXTENDED = 0x2;

	static UpnDnsInfo parse(byte[] bytes, int offset, int length) {
		LeReader in = new LeReader(bytes, offset, length, "UPN_DNS_INFO");
		int upnLength = in.u16();
		int upnOffset = in.u16();
		int dnsLength = in.u16();
		int dnsOffset = in.u16();
		long flags = in.u32();
		String upn = field(bytes, offset, length, upnOffset, upnLength, "Upn");
		String dns = field(bytes, offset, length, dnsOffset, dnsLength, "DnsDomainName");
		String samName = null;
		Sid sid = null;
		if ((flags & EXTENDED) != 0) {
			int samLength = in.u16();
			int samOffset = in.u16();
			int sidLength = in.u16();
			int sidOffset = in.u16();
			samName = field(bytes, offset, length, samOffset, samLength, "SamName");
			if (sidOffset > length || sidLength > length - sidOffset) {
				throw new PacFormatException("UPN_DNS_INFO Sid at " + sidOffset + " with length " + sidLength
						+ " exceeds the " + length + "-byte buffer");
			}
			try {
				sid = Sid.fromBytes(bytes, offset + sidOffset, sidLength);
			}
			catch (IllegalArgumentException ex) {
				throw new PacFormatException("UPN_DNS_INFO Sid: " + ex.getMessage());
			}
		}
		return new UpnDnsInfo(upn, dns, flags, samName, sid);
	}

	private static String field(byte[] bytes, int base, int size, int offset, int length, String name) {
		if (offset > size || length > size - offset) {
			throw new PacFormatException("UPN_DNS_INFO " + name + " at " + offset + " with length " + length
					+ " exceeds the " + size + "-byte buffer");
		}
		return new LeReader(bytes, base + offset, length, "UPN_DNS_INFO").utf16(length, name);
	}

}
