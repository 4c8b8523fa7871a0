package org.negotiatetcp.mechanism.kerberos.pac;

/**
 * Verifies a PAC's server signature ([MS-PAC] 2.8.1) with the service's long-term key: the keyed checksum of the
 * signature's type (RFC 3961 {@code get_mic} with key usage 17, KERB_NON_KERB_CKSUM_SALT) over
 * {@link Pac#serverChecksumInput()}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@FunctionalInterface
public interface PacSignatureVerifier {

	/** RFC 3961 key usage of PAC signatures (KERB_NON_KERB_CKSUM_SALT). */
	int KEY_USAGE = 17;

	/**
	 * Verify the PAC's server signature.
	 * @param pac the parsed PAC
	 * @return {@code true} if the signature was verified; {@code false} if this verifier cannot check it (no key
	 * of the signature's type, unsupported checksum type), in which case the context is reported as not verified
	 * @throws PacVerificationException if the signature was checked and does not match
	 */
	boolean verifyServerSignature(Pac pac);

}
