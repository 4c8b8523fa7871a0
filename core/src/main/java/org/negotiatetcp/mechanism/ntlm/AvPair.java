package org.negotiatetcp.mechanism.ntlm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One AV_PAIR of [MS-NLMP] 2.2.2.1: an attribute id and its value, as carried in the CHALLENGE's TargetInfo and in the
 * client's NTLMv2 response.
 * @param avId the attribute id ({@link #MSV_AV_EOL} ... {@link #MSV_AV_CHANNEL_BINDINGS})
 * @param value the raw value (not copied)
 */
record AvPair(int avId, byte[] value) {

	/** MsvAvEOL: the end of the list. */
	public static final int MSV_AV_EOL = 0x0000;

	/** MsvAvNbComputerName: the server's NetBIOS computer name (UTF-16LE). */
	public static final int MSV_AV_NB_COMPUTER_NAME = 0x0001;

	/** MsvAvNbDomainName: the server's NetBIOS domain name (UTF-16LE). */
	public static final int MSV_AV_NB_DOMAIN_NAME = 0x0002;

	/** MsvAvDnsComputerName: the server's FQDN (UTF-16LE). */
	public static final int MSV_AV_DNS_COMPUTER_NAME = 0x0003;

	/** MsvAvDnsDomainName: the FQDN of the server's domain (UTF-16LE). */
	public static final int MSV_AV_DNS_DOMAIN_NAME = 0x0004;

	/** MsvAvDnsTreeName: the FQDN of the forest (UTF-16LE). */
	public static final int MSV_AV_DNS_TREE_NAME = 0x0005;

	/** MsvAvFlags: a 32-bit flags word ({@link #MSV_AV_FLAGS_MIC_PRESENT} ...). */
	public static final int MSV_AV_FLAGS = 0x0006;

	/** MsvAvTimestamp: the server's time as a FILETIME (64-bit little-endian). */
	public static final int MSV_AV_TIMESTAMP = 0x0007;

	/** MsvAvSingleHost: a Single_Host_Data structure. */
	public static final int MSV_AV_SINGLE_HOST = 0x0008;

	/** MsvAvTargetName: the SPN the client authenticates to (UTF-16LE). */
	public static final int MSV_AV_TARGET_NAME = 0x0009;

	/** MsvAvChannelBindings: the MD5 hash of the gss_channel_bindings_struct (16 bytes). */
	public static final int MSV_AV_CHANNEL_BINDINGS = 0x000A;

	/** MsvAvFlags bit: the account authentication is constrained. */
	public static final int MSV_AV_FLAGS_CONSTRAINED = 0x00000001;

	/** MsvAvFlags bit: the AUTHENTICATE message carries a MIC. */
	public static final int MSV_AV_FLAGS_MIC_PRESENT = 0x00000002;

	/** MsvAvFlags bit: the client's target name came from an untrusted source. */
	public static final int MSV_AV_FLAGS_UNTRUSTED_SPN = 0x00000004;

	public AvPair {
		if (avId < 0 || avId > 0xFFFF) {
			throw new IllegalArgumentException("AvId " + avId + " is out of range 0..65535");
		}
		if (value.length > 0xFFFF) {
			throw new IllegalArgumentException("AV pair value of " + value.length + " bytes exceeds 65535 bytes");
		}
	}

	/**
	 * A pair whose value is a string, encoded UTF-16LE as [MS-NLMP] requires.
	 * @param avId the attribute id
	 * @param value the string
	 * @return the pair
	 */
	public static AvPair ofString(int avId, String value) {
		return new AvPair(avId, value.getBytes(StandardCharsets.UTF_16LE));
	}

	/**
	 * An MsvAvFlags pair.
	 * @param flags the flags word
	 * @return the pair
	 */
	public static AvPair ofFlags(int flags) {
		byte[] value = new byte[4];
		NtlmWire.putLe32(value, 0, flags);
		return new AvPair(MSV_AV_FLAGS, value);
	}

	/**
	 * An MsvAvTimestamp pair.
	 * @param fileTime the time in 100-nanosecond intervals since 1601-01-01 UTC
	 * @return the pair
	 */
	public static AvPair ofTimestamp(long fileTime) {
		byte[] value = new byte[8];
		NtlmWire.putLe64(value, 0, fileTime);
		return new AvPair(MSV_AV_TIMESTAMP, value);
	}

	/**
	 * Return the value decoded as UTF-16LE.
	 * @return the string
	 */
	public String stringValue() {
		return NtlmWire.decode(this.value, true, "AV pair " + this.avId);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AvPair pair && pair.avId == this.avId && Arrays.equals(pair.value, this.value);
	}

	@Override
	public int hashCode() {
		return 31 * this.avId + Arrays.hashCode(this.value);
	}

	@Override
	public String toString() {
		return "AvPair[" + this.avId + "=" + HexFormat.of().formatHex(this.value) + "]";
	}

}
