package org.negotiatetcp.mechanism.ntlm;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * CHALLENGE_MESSAGE ([MS-NLMP] 2.2.1.2), the server's answer to the NEGOTIATE: the negotiated flags, an 8-byte server
 * challenge and the server's target information.
 * @param negotiateFlags the server's {@link NegotiateFlags}
 * @param targetName the server's NetBIOS domain or computer name (see the TARGET_TYPE flags); may be empty
 * @param serverChallenge the 8-byte nonce (not copied)
 * @param targetInfo the AV pairs (empty if the server sent none)
 * @param version the server's version, or {@code null} if absent
 */
record NtlmChallengeMessage(int negotiateFlags, String targetName, byte[] serverChallenge, AvPairs targetInfo,
		@Nullable NtlmVersion version) {

	/** MessageType 2. */
	public static final int MESSAGE_TYPE = 2;

	private static final int FIXED_LENGTH = 48;

	public NtlmChallengeMessage {
		if (serverChallenge.length != 8) {
			throw new IllegalArgumentException("ServerChallenge must be 8 bytes, not " + serverChallenge.length);
		}
	}

	/**
	 * Parse a CHALLENGE message. Lenient as Windows is (no TargetInfo descriptor in 32-byte legacy messages, no
	 * VERSION, payload in any order); every field is bounds-checked.
	 * @param token the token
	 * @return the message
	 * @throws org.negotiatetcp.mechanism.MechanismException with {@code BAD_TOKEN} if it is not a well-formed
	 * CHALLENGE message
	 */
	public static NtlmChallengeMessage parse(byte[] token) {
		NtlmWire wire = NtlmWire.open(token, MESSAGE_TYPE, 32, "CHALLENGE");
		int flags = wire.u32(20);
		boolean unicode = NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE);
		String targetName = wire.string(12, 32, "TargetName", unicode);
		byte[] challenge = wire.bytes(24, 8);
		byte[] info = wire.field(40, 32, "TargetInfo");
		AvPairs targetInfo = (info.length > 0) ? AvPairs.parse(info) : AvPairs.EMPTY;
		NtlmVersion version = null;
		int payloadStart = Math.min(Math.min(wire.payloadOffset(12), wire.payloadOffset(40)), wire.length());
		if (NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION)
				&& payloadStart >= FIXED_LENGTH + NtlmVersion.LENGTH) {
			version = NtlmVersion.read(wire, FIXED_LENGTH);
		}
		return new NtlmChallengeMessage(flags, targetName, challenge, targetInfo, version);
	}

	/**
	 * Encode the message: 56 bytes with a VERSION, 48 without, then TargetName and TargetInfo.
	 * @return the token
	 */
	public byte[] toBytes() {
		boolean unicode = NegotiateFlags.isSet(this.negotiateFlags, NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE);
		byte[] name = NtlmWire.encode(this.targetName, unicode);
		byte[] info = this.targetInfo.isEmpty() ? new byte[0] : this.targetInfo.toBytes();
		int header = FIXED_LENGTH + ((this.version != null) ? NtlmVersion.LENGTH : 0);
		NtlmWire.Writer writer = new NtlmWire.Writer(header, name.length + info.length, MESSAGE_TYPE);
		writer.field(12, name);
		writer.u32(20, this.negotiateFlags);
		writer.bytes(24, this.serverChallenge);
		writer.field(40, info);
		if (this.version != null) {
			writer.bytes(FIXED_LENGTH, this.version.toBytes());
		}
		return writer.toByteArray();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof NtlmChallengeMessage that && that.negotiateFlags == this.negotiateFlags
				&& that.targetName.equals(this.targetName) && Arrays.equals(that.serverChallenge, this.serverChallenge)
				&& that.targetInfo.equals(this.targetInfo) && Objects.equals(that.version, this.version);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.negotiateFlags, this.targetName, Arrays.hashCode(this.serverChallenge),
				this.targetInfo, this.version);
	}

	@Override
	public String toString() {
		return "NtlmChallengeMessage[flags=" + NegotiateFlags.toString(this.negotiateFlags) + ", targetName="
				+ this.targetName + ", serverChallenge=" + HexFormat.of().formatHex(this.serverChallenge)
				+ ", targetInfo=" + this.targetInfo + ", version=" + this.version + "]";
	}

}
