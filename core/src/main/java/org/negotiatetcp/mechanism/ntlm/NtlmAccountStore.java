package org.negotiatetcp.mechanism.ntlm;

import org.jspecify.annotations.Nullable;

/**
 * Where an NTLM acceptor finds the secret of an account. An in-memory store ships; a directory-backed one can be
 * plugged in.
 */
@FunctionalInterface
public interface NtlmAccountStore {

	/**
	 * Return the NT hash (MD4 of the UTF-16LE password) of an account.
	 * @param domain the domain the client named (may be empty); implementations decide whether it must match
	 * @param user the user name the client named
	 * @return the 16-byte NT hash, or {@code null} if the account is unknown
	 */
	byte @Nullable [] ntHash(String domain, String user);

	/**
	 * Return the account a client's names designate, with its canonical spelling: the acceptor reports
	 * {@link NtlmAccount#name()} as the peer name, as Windows and Samba report the SAM account name rather than what
	 * the client typed. Stores that know the canonical spelling override this; the default keeps the client's
	 * spelling, which is only safe if {@link #ntHash} matches names exactly (same case, the client's domain must be
	 * the account's).
	 * @param domain the domain the client named (may be empty)
	 * @param user the user name the client named
	 * @return the account, or {@code null} if it is unknown
	 */
	default @Nullable NtlmAccount account(String domain, String user) {
		byte[] hash = ntHash(domain, user);
		return (hash != null && hash.length == 16) ? new NtlmAccount(domain, user, hash) : null;
	}

}
