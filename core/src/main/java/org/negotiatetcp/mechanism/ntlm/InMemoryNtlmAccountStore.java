package org.negotiatetcp.mechanism.ntlm;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * An {@link NtlmAccountStore} held in memory. User and domain names match case-insensitively, as Windows matches
 * them. An account added for "any domain" matches whatever domain the client names (including none), after accounts
 * added for that specific domain. Only NT hashes are kept, never passwords. Thread-safe.
 * <p>
 * {@link #account} returns the spelling the account was added with, which the acceptor reports as the peer name: an
 * "any domain" account is named by its user name alone whatever domain the client typed ({@code NT AUTHORITY\\bob}
 * logs on as {@code bob}), and {@code example\\ALICE} logs on as {@code EXAMPLE\\alice} if that is how it was added
 * (Windows and Samba report the SAM spelling the same way). Names with control characters are refused.
 */
public final class InMemoryNtlmAccountStore implements NtlmAccountStore {

	/** The domain part that marks an "any domain" entry in {@link #fromMap(Map)}. */
	public static final String ANY_DOMAIN = "*";

	/** The value prefix that marks an NT hash (32 hex digits) instead of a password in {@link #fromMap(Map)}. */
	public static final String NT_HASH_PREFIX = "{NT}";

	private final Map<String, NtlmAccount> accounts = new ConcurrentHashMap<>();

	/**
	 * Create an empty store.
	 */
	public InMemoryNtlmAccountStore() {
	}

	/**
	 * Create a store from {@code DOMAIN\\user=password} entries. A key without a domain ({@code user}) or with the
	 * domain {@code *} ({@code *\\user}) adds an "any domain" account. A value {@code {NT}<32 hex digits>} is an NT
	 * hash rather than a password.
	 * @param entries the entries
	 * @return the store
	 * @throws IllegalArgumentException if a key has an empty user name or an NT hash is malformed
	 */
	public static InMemoryNtlmAccountStore fromMap(Map<String, String> entries) {
		InMemoryNtlmAccountStore store = new InMemoryNtlmAccountStore();
		entries.forEach((key, value) -> store.addEntry(key, value));
		return store;
	}

	/**
	 * Create a store from properties in the form of {@link #fromMap(Map)} (in a {@code .properties} file the
	 * backslash is written twice: {@code EXAMPLE\\\\alice=secret}).
	 * @param properties the properties
	 * @return the store
	 */
	public static InMemoryNtlmAccountStore fromProperties(Properties properties) {
		InMemoryNtlmAccountStore store = new InMemoryNtlmAccountStore();
		for (String key : properties.stringPropertyNames()) {
			store.addEntry(key, properties.getProperty(key));
		}
		return store;
	}

	private void addEntry(String key, String value) {
		int backslash = key.indexOf('\\');
		String domain = (backslash >= 0) ? key.substring(0, backslash).trim() : ANY_DOMAIN;
		String user = key.substring(backslash + 1).trim();
		byte[] hash = value.startsWith(NT_HASH_PREFIX) ? parseHash(key, value.substring(NT_HASH_PREFIX.length()))
				: NtlmCrypto.ntowfv1(value.toCharArray());
		if (ANY_DOMAIN.equals(domain)) {
			addAnyDomainNtHash(user, hash);
		}
		else {
			addNtHash(domain, user, hash);
		}
	}

	private static byte[] parseHash(String key, String hex) {
		try {
			byte[] hash = HexFormat.of().parseHex(hex.trim());
			if (hash.length == 16) {
				return hash;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw new IllegalArgumentException("NT hash of account '" + key + "' must be " + NT_HASH_PREFIX
				+ " followed by 32 hexadecimal digits");
	}

	/**
	 * Compute the NT hash of a password (MD4 of its UTF-16LE encoding), for example to store hashes instead of
	 * passwords.
	 * @param password the password
	 * @return the 16-byte NT hash
	 */
	public static byte[] ntHashOf(char[] password) {
		return NtlmCrypto.ntowfv1(password);
	}

	/**
	 * Add an account with a password.
	 * @param domain the domain (may be empty for accounts that clients name without a domain)
	 * @param user the user name
	 * @param password the password; only its NT hash is kept
	 * @return this store
	 */
	public InMemoryNtlmAccountStore add(String domain, String user, char[] password) {
		return addNtHash(domain, user, NtlmCrypto.ntowfv1(password));
	}

	/**
	 * Add an account with its NT hash.
	 * @param domain the domain (may be empty)
	 * @param user the user name
	 * @param ntHash the 16-byte NT hash (copied)
	 * @return this store
	 */
	public InMemoryNtlmAccountStore addNtHash(String domain, String user, byte[] ntHash) {
		NtlmNames.requireClean(Objects.requireNonNull(domain, "domain"), "NTLM account domain");
		NtlmNames.requireClean(requireUser(user), "NTLM account user name");
		this.accounts.put(key(domain, user), new NtlmAccount(domain, user, checkHash(ntHash)));
		return this;
	}

	/**
	 * Add an account that matches whatever domain the client names.
	 * @param user the user name
	 * @param password the password; only its NT hash is kept
	 * @return this store
	 */
	public InMemoryNtlmAccountStore addAnyDomain(String user, char[] password) {
		return addAnyDomainNtHash(user, NtlmCrypto.ntowfv1(password));
	}

	/**
	 * Add an account, given by its NT hash, that matches whatever domain the client names.
	 * @param user the user name
	 * @param ntHash the 16-byte NT hash (copied)
	 * @return this store
	 */
	public InMemoryNtlmAccountStore addAnyDomainNtHash(String user, byte[] ntHash) {
		NtlmNames.requireClean(requireUser(user), "NTLM account user name");
		this.accounts.put(anyDomainKey(user), new NtlmAccount("", user, checkHash(ntHash)));
		return this;
	}

	/**
	 * Remove an account.
	 * @param domain the domain, or {@link #ANY_DOMAIN} for an "any domain" account
	 * @param user the user name
	 * @return whether an account was removed
	 */
	public boolean remove(String domain, String user) {
		String key = ANY_DOMAIN.equals(domain) ? anyDomainKey(user) : key(domain, user);
		return this.accounts.remove(key) != null;
	}

	@Override
	public byte @Nullable [] ntHash(String domain, String user) {
		NtlmAccount account = account(domain, user);
		return (account != null) ? account.ntHash() : null;
	}

	@Override
	public @Nullable NtlmAccount account(String domain, String user) {
		if (user.isEmpty()) {
			return null;
		}
		NtlmAccount account = this.accounts.get(key(domain, user));
		if (account == null) {
			account = this.accounts.get(anyDomainKey(user));
		}
		return (account != null) ? new NtlmAccount(account.domain(), account.user(), account.ntHash().clone())
				: null;
	}

	private static byte[] checkHash(byte[] ntHash) {
		if (ntHash.length != 16) {
			throw new IllegalArgumentException("An NT hash is 16 bytes, not " + ntHash.length);
		}
		return ntHash.clone();
	}

	private static String key(String domain, String user) {
		return upper(domain) + "\\" + upper(requireUser(user));
	}

	private static String anyDomainKey(String user) {
		return "\u0000*\\" + upper(requireUser(user));
	}

	private static String requireUser(String user) {
		if (user == null || user.isEmpty()) {
			throw new IllegalArgumentException("NTLM user name must not be empty");
		}
		return user;
	}

	private static String upper(String name) {
		return name.toUpperCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return "InMemoryNtlmAccountStore[" + this.accounts.size() + " accounts]";
	}

}
