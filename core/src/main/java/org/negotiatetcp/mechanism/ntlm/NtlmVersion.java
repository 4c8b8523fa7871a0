package org.negotiatetcp.mechanism.ntlm;

/**
 * The VERSION structure of [MS-NLMP] 2.2.2.10: the sender's Windows version, informational only, and the NTLM revision.
 * @param productMajorVersion the major version (for example 10)
 * @param productMinorVersion the minor version (for example 0)
 * @param productBuild the build number
 * @param ntlmRevisionCurrent the NTLM revision; 15 ({@code NTLMSSP_REVISION_W2K3}) in every current implementation
 */
record NtlmVersion(int productMajorVersion, int productMinorVersion, int productBuild, int ntlmRevisionCurrent) {

	/** {@code NTLMSSP_REVISION_W2K3}. */
	public static final int NTLMSSP_REVISION_W2K3 = 0x0F;

	/** The version this implementation sends: 10.0 build 20348 (the Windows Server 2022 numbering), revision 15. */
	public static final NtlmVersion DEFAULT = new NtlmVersion(10, 0, 20348, NTLMSSP_REVISION_W2K3);

	/** The length of the structure on the wire. */
	public static final int LENGTH = 8;

	public NtlmVersion {
		if (productMajorVersion < 0 || productMajorVersion > 0xFF || productMinorVersion < 0
				|| productMinorVersion > 0xFF || productBuild < 0 || productBuild > 0xFFFF || ntlmRevisionCurrent < 0
				|| ntlmRevisionCurrent > 0xFF) {
			throw new IllegalArgumentException("NTLM VERSION field out of range: " + productMajorVersion + "."
					+ productMinorVersion + "." + productBuild + " revision " + ntlmRevisionCurrent);
		}
	}

	static NtlmVersion read(NtlmWire wire, int offset) {
		byte[] b = wire.bytes(offset, LENGTH);
		return new NtlmVersion(b[0] & 0xFF, b[1] & 0xFF, (b[2] & 0xFF) | (b[3] & 0xFF) << 8, b[7] & 0xFF);
	}

	byte[] toBytes() {
		byte[] b = new byte[LENGTH];
		b[0] = (byte) this.productMajorVersion;
		b[1] = (byte) this.productMinorVersion;
		NtlmWire.putLe16(b, 2, this.productBuild);
		b[7] = (byte) this.ntlmRevisionCurrent;
		return b;
	}

	@Override
	public String toString() {
		return this.productMajorVersion + "." + this.productMinorVersion + "." + this.productBuild + " (NTLM revision "
				+ this.ntlmRevisionCurrent + ")";
	}

}
