package org.negotiatetcp.mechanism.kerberos.crypto;

import org.jspecify.annotations.Nullable;

/**
 * The Kerberos encryption types this package implements, with their RFC 3961 parameters.
 */
public enum EncryptionType {

	/** {@code aes128-cts-hmac-sha1-96} (RFC 3962). */
	AES128_CTS_HMAC_SHA1_96(17, "aes128-cts-hmac-sha1-96", 16, "HmacSHA1", 12, 16, 16),

	/** {@code aes256-cts-hmac-sha1-96} (RFC 3962). */
	AES256_CTS_HMAC_SHA1_96(18, "aes256-cts-hmac-sha1-96", 32, "HmacSHA1", 12, 32, 16),

	/** {@code aes128-cts-hmac-sha256-128} (RFC 8009). */
	AES128_CTS_HMAC_SHA256_128(19, "aes128-cts-hmac-sha256-128", 16, "HmacSHA256", 16, 16, 16),

	/** {@code aes256-cts-hmac-sha384-192} (RFC 8009). */
	AES256_CTS_HMAC_SHA384_192(20, "aes256-cts-hmac-sha384-192", 32, "HmacSHA384", 24, 24, 24);

	private final int number;

	private final String specName;

	private final int keyLength;

	private final String macAlgorithm;

	private final int checksumLength;

	private final int integrityKeyLength;

	private final int checksumKeyLength;

	EncryptionType(int number, String specName, int keyLength, String macAlgorithm, int checksumLength,
			int integrityKeyLength, int checksumKeyLength) {
		this.number = number;
		this.specName = specName;
		this.keyLength = keyLength;
		this.macAlgorithm = macAlgorithm;
		this.checksumLength = checksumLength;
		this.integrityKeyLength = (number <= 18) ? keyLength : integrityKeyLength;
		this.checksumKeyLength = (number <= 18) ? keyLength : checksumKeyLength;
	}

	/**
	 * Return the encryption type with an IANA number.
	 * @param number the {@code etype} number, for example {@code 18}
	 * @return the type, or {@code null} if this package does not implement it (RC4-HMAC, DES3 and others)
	 */
	public static @Nullable EncryptionType of(int number) {
		for (EncryptionType type : values()) {
			if (type.number == number) {
				return type;
			}
		}
		return null;
	}

	/**
	 * Return the IANA {@code etype} number.
	 * @return for example {@code 18}
	 */
	public int number() {
		return this.number;
	}

	/**
	 * Return the name the RFC gives the type.
	 * @return for example {@code aes256-cts-hmac-sha1-96}
	 */
	public String specName() {
		return this.specName;
	}

	/**
	 * Return the length of the base key and of the encryption key Ke in bytes.
	 * @return 16 or 32
	 */
	public int keyLength() {
		return this.keyLength;
	}

	/**
	 * Return the JCA name of the HMAC.
	 * @return {@code HmacSHA1}, {@code HmacSHA256} or {@code HmacSHA384}
	 */
	String macAlgorithm() {
		return this.macAlgorithm;
	}

	/**
	 * Return the length of the truncated HMAC (the checksum and the integrity part of a ciphertext) in bytes.
	 * @return 12, 16 or 24
	 */
	public int checksumLength() {
		return this.checksumLength;
	}

	/**
	 * Return the length of the integrity key Ki in bytes.
	 * @return the length
	 */
	int integrityKeyLength() {
		return this.integrityKeyLength;
	}

	/**
	 * Return the length of the checksum key Kc in bytes.
	 * @return the length
	 */
	int checksumKeyLength() {
		return this.checksumKeyLength;
	}

	/**
	 * Whether keys derive with KDF-HMAC-SHA2 and the HMAC covers the ciphertext (RFC 8009) rather than with DK and
	 * over the plaintext (RFC 3962).
	 * @return {@code true} for the RFC 8009 types
	 */
	boolean isRfc8009() {
		return this.number > 18;
	}

	@Override
	public String toString() {
		return this.specName;
	}

}
