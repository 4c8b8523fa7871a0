package org.negotiatetcp.mechanism.kerberos.replay;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a {@link ReplayCache} records of an AP-REQ: the SHA-256 of its authenticator's ciphertext (the {@code cipher}
 * of the AP-REQ's {@code authenticator} EncryptedData, RFC 4120 5.5.1). MIT krb5 tags its replay cache entries the
 * same way since 1.18: every authenticator a client creates is encrypted with a fresh confounder, so two distinct
 * AP-REQs never share a tag, and a replayed AP-REQ always has the tag of its original.
 */
public final class ReplayTag {

	private final byte[] hash;

	private ReplayTag(byte[] hash) {
		this.hash = hash;
	}

	/**
	 * Return the tag of an authenticator's ciphertext.
	 * @param authenticatorCiphertext the {@code cipher} octets of the AP-REQ's authenticator
	 * @return the tag
	 */
	public static ReplayTag of(byte[] authenticatorCiphertext) {
		try {
			return new ReplayTag(MessageDigest.getInstance("SHA-256").digest(authenticatorCiphertext));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * Return the 32 bytes of the hash.
	 * @return a copy of the hash
	 */
	public byte[] bytes() {
		return this.hash.clone();
	}

	/**
	 * Return the hash in lowercase hexadecimal (64 digits), for keys of a shared store and for logs.
	 * @return the hexadecimal hash
	 */
	public String hex() {
		return HexFormat.of().formatHex(this.hash);
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof ReplayTag tag && Arrays.equals(this.hash, tag.hash));
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.hash);
	}

	@Override
	public String toString() {
		return "ReplayTag[" + hex().substring(0, 16) + "]";
	}

}
