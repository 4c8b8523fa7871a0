package org.negotiatetcp.mechanism.spnego;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.mechanism.ntlm.NtlmAcceptorOptions;
import org.negotiatetcp.mechanism.ntlm.NtlmAccountStore;
import org.negotiatetcp.mechanism.ntlm.NtlmServerNames;
import org.negotiatetcp.security.ProtectionLevel;

/**
 * What a server accepts.
 * @param kerberos the service's Kerberos credential, or {@code null} if the server does not accept Kerberos
 * @param ntlmAccounts where NTLM accounts are verified, or {@code null} if the server does not accept NTLM
 * @param requiredProtection the minimum protection level of data frames
 * @param allowAnonymousClients whether anonymous clients are recognised ({@code allow-anonymous-clients}); when
 * {@code false} they are refused
 * @param ntlmServerNames the names the NTLM acceptor announces in its CHALLENGE, or {@code null} to derive them from
 * the local host name
 * @param ntlmOptions the NTLM acceptor's clock skew and target name checks
 */
public record AcceptorSettings(@Nullable KerberosServiceCredentials kerberos, @Nullable NtlmAccountStore ntlmAccounts,
		ProtectionLevel requiredProtection, boolean allowAnonymousClients, @Nullable NtlmServerNames ntlmServerNames,
		NtlmAcceptorOptions ntlmOptions) {

	/**
	 * Create settings with the default NTLM checks ({@link NtlmAcceptorOptions#DEFAULTS}).
	 * @param kerberos the service's Kerberos credential, or {@code null}
	 * @param ntlmAccounts the NTLM account store, or {@code null}
	 * @param requiredProtection the minimum protection level of data frames
	 * @param allowAnonymousClients whether anonymous clients are accepted
	 * @param ntlmServerNames the NTLM names, or {@code null} to derive them from the local host name
	 */
	public AcceptorSettings(@Nullable KerberosServiceCredentials kerberos, @Nullable NtlmAccountStore ntlmAccounts,
			ProtectionLevel requiredProtection, boolean allowAnonymousClients,
			@Nullable NtlmServerNames ntlmServerNames) {
		this(kerberos, ntlmAccounts, requiredProtection, allowAnonymousClients, ntlmServerNames,
				NtlmAcceptorOptions.DEFAULTS);
	}

	/**
	 * Create settings whose NTLM server names are derived from the local host name.
	 * @param kerberos the service's Kerberos credential, or {@code null}
	 * @param ntlmAccounts the NTLM account store, or {@code null}
	 * @param requiredProtection the minimum protection level of data frames
	 * @param allowAnonymousClients whether anonymous clients are accepted
	 */
	public AcceptorSettings(@Nullable KerberosServiceCredentials kerberos, @Nullable NtlmAccountStore ntlmAccounts,
			ProtectionLevel requiredProtection, boolean allowAnonymousClients) {
		this(kerberos, ntlmAccounts, requiredProtection, allowAnonymousClients, null);
	}

	/**
	 * Return a copy with the names the NTLM acceptor announces.
	 * @param names the names
	 * @return the new settings
	 */
	public AcceptorSettings withNtlmServerNames(NtlmServerNames names) {
		return new AcceptorSettings(this.kerberos, this.ntlmAccounts, this.requiredProtection,
				this.allowAnonymousClients, names, this.ntlmOptions);
	}

	/**
	 * Return a copy with other NTLM acceptor checks.
	 * @param options the options
	 * @return the new settings
	 */
	public AcceptorSettings withNtlmOptions(NtlmAcceptorOptions options) {
		return new AcceptorSettings(this.kerberos, this.ntlmAccounts, this.requiredProtection,
				this.allowAnonymousClients, this.ntlmServerNames, options);
	}

}
