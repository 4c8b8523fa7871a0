package org.negotiatetcp.mechanism.kerberos.pac;

import org.jspecify.annotations.Nullable;

/**
 * A signature buffer of a PAC ([MS-PAC] 2.8, PAC_SIGNATURE_DATA).
 * @param type the checksum type: {@link #HMAC_SHA1_96_AES128} (15), {@link #HMAC_SHA1_96_AES256} (16) or
 * {@link #HMAC_MD5} (-138)
 * @param signature the checksum
 * @param rodcIdentifier the read-only DC's key version when a read-only DC signed, otherwise {@code null}
 * @param signatureOffset where the checksum lies in the PAC (zeroed when computing the server checksum)
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public record PacSignature(int type, byte[] signature, @Nullable Integer rodcIdentifier, int signatureOffset) {

	/** HMAC-SHA1-96 with an AES128 key (RFC 3962). */
	public static final int HMAC_SHA1_96_AES128 = 15;

	/** HMAC-SHA1-96 with an AES256 key (RFC 3962). */
	public static final int HMAC_SHA1_96_AES256 = 16;

	/** KERB_CHECKSUM_HMAC_MD5 with an RC4 key (RFC 4757). */
	public static final int HMAC_MD5 = -138;

	/**
	 * Copy the signature.
	 * @param type the checksum type
	 * @param signature the checksum
	 * @param rodcIdentifier the read-only DC's key version
	 * @param signatureOffset where the checksum lies in the PAC
	 */
	public PacSignature {
		signature = signature.clone();
	}

	/**
	 * Return the checksum.
	 * @return a copy
	 */
	@Override
	public byte[] signature() {
		return this.signature.clone();
	}

	static PacSignature parse(byte[] bytes, int offset, int length, String which) {
		LeReader in = new LeReader(bytes, offset, length, "PAC_SIGNATURE_DATA (" + which + ")");
		int type = (int) in.u32();
		int size = switch (type) {
			case HMAC_SHA1_96_AES128, HMAC_SHA1_96_AES256 -> 12;
			case HMAC_MD5 -> 16;
			default -> in.remaining();
		};
		int signatureOffset = offset + in.position();
		byte[] signature = in.bytes(size);
		Integer rodc = null;
		if (in.remaining() >= 2) {
			rodc = in.u16();
		}
		return new PacSignature(type, signature, rodc, signatureOffset);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof PacSignature that && this.type == that.type
				&& java.util.Arrays.equals(this.signature, that.signature)
				&& java.util.Objects.equals(this.rodcIdentifier, that.rodcIdentifier)
				&& this.signatureOffset == that.signatureOffset);
	}

	@Override
	public int hashCode() {
		return 31 * this.type + java.util.Arrays.hashCode(this.signature);
	}

	@Override
	public String toString() {
		return "PacSignature[type=" + this.type + ", " + this.signature.length + " bytes]";
	}

}
