package org.negotiatetcp.mechanism.ntlm;

import org.jspecify.annotations.Nullable;

/**
 * NEGOTIATE_MESSAGE ([MS-NLMP] 2.2.1.1), the client's first token: its flags and, rarely, an OEM domain and
 * workstation name.
 * @param negotiateFlags the client's {@link NegotiateFlags}
 * @param domainName the OEM domain name, usually empty
 * @param workstation the OEM workstation name, usually empty
 * @param version the client's version, or {@code null} if absent
 */
record NtlmNegotiateMessage(int negotiateFlags, String domainName, String workstation,
		@Nullable NtlmVersion version) {

	/** MessageType 1. */
	public static final int MESSAGE_TYPE = 1;

	private static final int FIXED_LENGTH = 32;

	/**
	 * Parse a NEGOTIATE message. Lenient as Windows is: the domain and workstation descriptors and the VERSION may be
	 * missing (old clients send 16 or 32 bytes); every present field is bounds-checked.
	 * @param token the token
	 * @return the message
	 * @throws org.negotiatetcp.mechanism.MechanismException with {@code BAD_TOKEN} if it is not a well-formed
	 * NEGOTIATE message
	 */
	public static NtlmNegotiateMessage parse(byte[] token) {
		NtlmWire wire = NtlmWire.open(token, MESSAGE_TYPE, 16, "NEGOTIATE");
		int flags = wire.u32(12);
		String domain = wire.string(16, FIXED_LENGTH, "DomainName", false);
		String workstation = wire.string(24, FIXED_LENGTH, "Workstation", false);
		NtlmVersion version = null;
		int payloadStart = Math.min(Math.min(wire.payloadOffset(16), wire.payloadOffset(24)), wire.length());
		if (NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION)
				&& payloadStart >= FIXED_LENGTH + NtlmVersion.LENGTH) {
			version = NtlmVersion.read(wire, FIXED_LENGTH);
		}
		return new NtlmNegotiateMessage(flags, domain, workstation, version);
	}

	/**
	 * Encode the message: 40 bytes with a VERSION, 32 without, followed by the OEM domain and workstation names.
	 * @return the token
	 */
	public byte[] toBytes() {
		byte[] domain = NtlmWire.encode(this.domainName, false);
		byte[] station = NtlmWire.encode(this.workstation, false);
		int header = FIXED_LENGTH + ((this.version != null) ? NtlmVersion.LENGTH : 0);
		NtlmWire.Writer writer = new NtlmWire.Writer(header, domain.length + station.length, MESSAGE_TYPE);
		writer.u32(12, this.negotiateFlags);
		writer.field(16, domain);
		writer.field(24, station);
		if (this.version != null) {
			writer.bytes(FIXED_LENGTH, this.version.toBytes());
		}
		return writer.toByteArray();
	}

}
