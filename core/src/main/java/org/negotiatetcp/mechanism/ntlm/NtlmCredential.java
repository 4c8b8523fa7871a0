package org.negotiatetcp.mechanism.ntlm;

import java.util.Objects;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * The credential an NTLM client authenticates with: a domain, a user and the NT hash of the password, or anonymous. The
 * password itself is not kept: it is hashed (MD4 of its UTF-16LE form) when the credential is created.
 */
public final class NtlmCredential {

	private static final NtlmCredential ANONYMOUS = new NtlmCredential("", "", new byte[0], true);

	private final String domain;

	private final String user;

	private final byte[] ntHash;

	private final boolean anonymous;

	private NtlmCredential(String domain, String user, byte[] ntHash, boolean anonymous) {
		this.domain = domain;
		this.user = user;
		this.ntHash = ntHash;
		this.anonymous = anonymous;
	}

	/**
	 * A user and password.
	 * @param domain the user's domain, or an empty string
	 * @param user the user name (not empty); a UPN such as {@code alice@example.com} is sent as is with an empty domain
	 * @param password the password; not kept, the caller may clear it afterwards
	 * @return the credential
	 */
	public static NtlmCredential password(String domain, String user, char[] password) {
		requireUser(user);
		Objects.requireNonNull(password, "password");
		return new NtlmCredential(Objects.requireNonNull(domain, "domain"), user, NtlmCrypto.ntowfv1(password), false);
	}

	/**
	 * A user and the NT hash of its password (pass-the-hash, for example from a vault that stores NT hashes).
	 * @param domain the user's domain, or an empty string
	 * @param user the user name (not empty)
	 * @param ntHash the 16-byte NT hash (copied)
	 * @return the credential
	 */
	public static NtlmCredential ntHash(String domain, String user, byte[] ntHash) {
		requireUser(user);
		if (ntHash.length != 16) {
			throw new IllegalArgumentException("An NT hash is 16 bytes, not " + ntHash.length);
		}
		return new NtlmCredential(Objects.requireNonNull(domain, "domain"), user, ntHash.clone(), false);
	}

	/**
	 * The anonymous credential: NTLMSSP_ANONYMOUS, an empty user name and NT response, and a one-byte zero LM
	 * response ([MS-NLMP] 3.1.5.1.2, 3.3.2). Servers refuse it unless they allow anonymous clients.
	 * @return the credential
	 */
	public static NtlmCredential anonymous() {
		return ANONYMOUS;
	}

	/**
	 * Adapt a generic client credential. A {@link ClientCredential.Password} principal is split as
	 * {@code DOMAIN\\user}; {@code user@domain} (a UPN) and a bare {@code user} go with an empty domain.
	 * @param credential the credential
	 * @return the NTLM credential
	 * @throws MechanismException with {@link FailureReason#BAD_CREDENTIALS} for keytab and ticket cache credentials,
	 * which carry no password NTLM could use
	 */
	public static NtlmCredential from(ClientCredential credential) {
		if (credential instanceof ClientCredential.Anonymous) {
			return anonymous();
		}
		if (credential instanceof ClientCredential.Password password) {
			String principal = password.principal();
			int backslash = principal.indexOf('\\');
			if (backslash >= 0) {
				return password(principal.substring(0, backslash), principal.substring(backslash + 1),
						password.password());
			}
			return password("", principal, password.password());
		}
		throw new MechanismException(FailureReason.BAD_CREDENTIALS, "NTLM cannot authenticate with " + credential
				+ ": it needs a user name and password (DOMAIN\\user) or the anonymous credential; keytabs and "
				+ "ticket caches work with Kerberos only");
	}

	private static void requireUser(String user) {
		if (user == null || user.isEmpty()) {
			throw new IllegalArgumentException("NTLM user name must not be empty; use NtlmCredential.anonymous() "
					+ "for an anonymous client");
		}
	}

	/**
	 * Return the domain.
	 * @return the domain, possibly empty
	 */
	public String domain() {
		return this.domain;
	}

	/**
	 * Return the user name.
	 * @return the user, empty for anonymous
	 */
	public String user() {
		return this.user;
	}

	/**
	 * Whether this is the anonymous credential.
	 * @return {@code true} for anonymous
	 */
	public boolean isAnonymous() {
		return this.anonymous;
	}

	byte[] ntHash() {
		return this.ntHash;
	}

	@Override
	public String toString() {
		if (this.anonymous) {
			return "NtlmCredential[anonymous]";
		}
		return "NtlmCredential[" + (this.domain.isEmpty() ? "" : this.domain + "\\") + this.user + ", ******]";
	}

}
