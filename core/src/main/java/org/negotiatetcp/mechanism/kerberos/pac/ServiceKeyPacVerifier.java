package org.negotiatetcp.mechanism.kerberos.pac;

import java.util.List;

import javax.security.auth.kerberos.KerberosKey;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.mechanism.kerberos.crypto.EncryptionType;
import org.negotiatetcp.mechanism.kerberos.crypto.KeyUsageChecksum;

/**
 * Verifies a PAC's server signature with the service's long-term keys: HMAC-SHA1-96-AES128 (15) and
 * HMAC-SHA1-96-AES256 (16) with key usage 17 over {@link Pac#serverChecksumInput()}. A signature of a type this
 * verifier has no key for (or cannot compute, such as RC4's HMAC-MD5) is reported as not verified; a signature that
 * does not match any of the service's keys of its type is refused.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class ServiceKeyPacVerifier implements PacSignatureVerifier {

	private static final byte[] EMPTY = new byte[0];

	private final List<KerberosKey> keys;

	/**
	 * Create a verifier.
	 * @param keys the service's keys (every version and encryption type the keytab holds for the ticket's server)
	 */
	public ServiceKeyPacVerifier(List<KerberosKey> keys) {
		this.keys = List.copyOf(keys);
	}

	@Override
	public boolean verifyServerSignature(Pac pac) {
		PacSignature signature = pac.serverSignature();
		EncryptionType type = encryptionTypeOf(signature.type());
		if (type == null) {
			return false;
		}
		byte[] expected = signature.signature();
		if (expected.length != type.checksumLength()) {
			throw new PacFormatException("server signature of type " + signature.type() + " has " + expected.length
					+ " bytes, not " + type.checksumLength());
		}
		byte[] input = pac.serverChecksumInput();
		boolean keyFound = false;
		for (KerberosKey key : this.keys) {
			if (key.isDestroyed() || key.getKeyType() != type.number()) {
				continue;
			}
			keyFound = true;
			KeyUsageChecksum checksum = KeyUsageChecksum.create(type, key.getEncoded(), KEY_USAGE);
			if (checksum.verify(input, 0, input.length, EMPTY, 0, 0, expected, 0)) {
				return true;
			}
		}
		if (!keyFound) {
			return false;
		}
		throw new PacVerificationException("its server signature does not verify with the service key ("
				+ type.specName() + ")");
	}

	private static @Nullable EncryptionType encryptionTypeOf(int signatureType) {
		return switch (signatureType) {
			case PacSignature.HMAC_SHA1_96_AES128 -> EncryptionType.AES128_CTS_HMAC_SHA1_96;
			case PacSignature.HMAC_SHA1_96_AES256 -> EncryptionType.AES256_CTS_HMAC_SHA1_96;
			default -> null;
		};
	}

}
