package org.negotiatetcp.mechanism.ntlm;

import java.util.Objects;

/**
 * An account as the {@link NtlmAccountStore} holds it: its canonical domain and user spelling and its NT hash. The
 * acceptor names the authenticated client by this spelling, never by what the client typed, as Windows and Samba
 * report the SAM account name.
 * @param domain the stored domain, empty for an account stored without one
 * @param user the stored user name
 * @param ntHash the 16-byte NT hash (not copied)
 */
public record NtlmAccount(String domain, String user, byte[] ntHash) {

	public NtlmAccount {
		Objects.requireNonNull(domain, "domain");
		if (user == null || user.isEmpty()) {
			throw new IllegalArgumentException("NTLM account user name must not be empty");
		}
		if (ntHash == null || ntHash.length != 16) {
			throw new IllegalArgumentException("An NT hash is 16 bytes");
		}
	}

	/**
	 * Return the account's name: {@code DOMAIN\\user}, or {@code user} for an account stored without a domain.
	 * @return the name
	 */
	public String name() {
		return this.domain.isEmpty() ? this.user : this.domain + "\\" + this.user;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof NtlmAccount that && that.domain.equals(this.domain) && that.user.equals(this.user)
				&& java.security.MessageDigest.isEqual(that.ntHash, this.ntHash);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.domain, this.user);
	}

	@Override
	public String toString() {
		return "NtlmAccount[" + name() + ", ******]";
	}

}
