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

}
