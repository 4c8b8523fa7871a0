package org.negotiatetcp.mechanism.ntlm;

import org.jspecify.annotations.Nullable;

/**
 * AUTHENTICATE_MESSAGE ([MS-NLMP] 2.2.1.3), the client's last token: its responses to the challenge, its names, the
 * encrypted random session key, the final flags and, when present, the MIC over all three messages.
 * @param lmChallengeResponse the LM response (LMv2, 24 zero bytes, or a single zero byte for anonymous)
 * @param ntChallengeResponse the NT response (an NTLMv2_RESPONSE, or empty for anonymous)
 * @param domainName the user's domain (may be empty)
 * @param userName the user name (empty for anonymous)
 * @param workstation the client's workstation name (may be empty)
 * @param encryptedRandomSessionKey the session key encrypted with the key exchange key, or empty
 * @param negotiateFlags the final {@link NegotiateFlags}
 * @param version the client's version, or {@code null} if absent
 * @param mic the 16-byte MIC field, or {@code null} if the message has none
 */
record NtlmAuthenticateMessage(byte[] lmChallengeResponse, byte[] ntChallengeResponse, String domainName,
		String userName, String workstation, byte[] encryptedRandomSessionKey, int negotiateFlags,
		@Nullable NtlmVersion version, byte @Nullable [] mic) {

	/** MessageType 3. */
	public static final int MESSAGE_TYPE = 3;

	/** Where the MIC field lies in a message that has one. */
	public static final int MIC_OFFSET = 72;

	/** The length of the MIC field. */
	public static final int MIC_LENGTH = 16;

	private static final int FIXED_LENGTH = 64;

	public NtlmAuthenticateMessage {
		if (mic != null && mic.length != MIC_LENGTH) {
			throw new IllegalArgumentException("MIC must be 16 bytes, not " + mic.length);
		}
	}

	/**
	 * Parse an AUTHENTICATE message. Lenient as Windows is (empty domain/workstation, no VERSION, no MIC, payload in
	 * any order); every field is bounds-checked. The VERSION is read when the flag says so and the payload leaves
	 * room for it; the MIC field is read when the payload starts at or after byte 88.
	 * @param token the token
	 * @return the message
	 * @throws org.negotiatetcp.mechanism.MechanismException with {@code BAD_TOKEN} if it is not a well-formed
	 * AUTHENTICATE message
	 */
	public static NtlmAuthenticateMessage parse(byte[] token) {
		NtlmWire wire = NtlmWire.open(token, MESSAGE_TYPE, FIXED_LENGTH, "AUTHENTICATE");
		int flags = wire.u32(60);
		boolean unicode = NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE);
		byte[] lm = wire.field(12, FIXED_LENGTH, "LmChallengeResponse");
		byte[] nt = wire.field(20, FIXED_LENGTH, "NtChallengeResponse");
		String domain = wire.string(28, FIXED_LENGTH, "DomainName", unicode);
		String user = wire.string(36, FIXED_LENGTH, "UserName", unicode);
		String workstation = wire.string(44, FIXED_LENGTH, "Workstation", unicode);
		byte[] key = wire.field(52, FIXED_LENGTH, "EncryptedRandomSessionKey");
		int payloadStart = payloadStart(wire);
		NtlmVersion version = null;
		if (NegotiateFlags.isSet(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION)
				&& payloadStart >= FIXED_LENGTH + NtlmVersion.LENGTH) {
			version = NtlmVersion.read(wire, FIXED_LENGTH);
		}
		byte[] mic = (payloadStart >= MIC_OFFSET + MIC_LENGTH) ? wire.bytes(MIC_OFFSET, MIC_LENGTH) : null;
		return new NtlmAuthenticateMessage(lm, nt, domain, user, workstation, key, flags, version, mic);
	}

	private static int payloadStart(NtlmWire wire) {
		int start = wire.length();
		for (int descriptor = 12; descriptor <= 52; descriptor += 8) {
			start = Math.min(start, wire.payloadOffset(descriptor));
		}
		return start;
	}

	/**
	 * Encode the message: 88 bytes of header when it has a MIC (the VERSION field is then present, zero if
	 * {@code version} is {@code null}), 72 with only a VERSION, 64 otherwise; then the payload in the order of the
	 * [MS-NLMP] 4.2 examples (domain, user, workstation, LM, NT, session key).
	 * @return the token
	 */
	public byte[] toBytes() {
		boolean unicode = NegotiateFlags.isSet(this.negotiateFlags, NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE);
		byte[] domain = NtlmWire.encode(this.domainName, unicode);
		byte[] user = NtlmWire.encode(this.userName, unicode);
		byte[] station = NtlmWire.encode(this.workstation, unicode);
		int header = (this.mic != null) ? MIC_OFFSET + MIC_LENGTH
				: FIXED_LENGTH + ((this.version != null) ? NtlmVersion.LENGTH : 0);
		int payload = domain.length + user.length + station.length + this.lmChallengeResponse.length
				+ this.ntChallengeResponse.length + this.encryptedRandomSessionKey.length;
		NtlmWire.Writer writer = new NtlmWire.Writer(header, payload, MESSAGE_TYPE);
		writer.field(28, domain);
		writer.field(36, user);
		writer.field(44, station);
		writer.field(12, this.lmChallengeResponse);
		writer.field(20, this.ntChallengeResponse);
		writer.field(52, this.encryptedRandomSessionKey);
		writer.u32(60, this.negotiateFlags);
		if (this.version != null) {
			writer.bytes(FIXED_LENGTH, this.version.toBytes());
		}
		if (this.mic != null) {
			writer.bytes(MIC_OFFSET, this.mic);
		}
		return writer.toByteArray();
	}

	@Override
	public String toString() {
		return "NtlmAuthenticateMessage[domain=" + this.domainName + ", user=" + this.userName + ", workstation="
				+ this.workstation + ", flags=" + NegotiateFlags.toString(this.negotiateFlags) + ", lm="
				+ this.lmChallengeResponse.length + " bytes, nt=" + this.ntChallengeResponse.length
				+ " bytes, sessionKey=" + this.encryptedRandomSessionKey.length + " bytes, version=" + this.version
				+ ", mic=" + ((this.mic != null) ? "present" : "absent") + "]";
	}

}
