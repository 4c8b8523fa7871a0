package org.negotiatetcp.mechanism.spnego;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.mechanism.ntlm.NtlmAcceptorOptions;
import org.negotiatetcp.mechanism.ntlm.NtlmAccountStore;
import org.negotiatetcp.mechanism.ntlm.NtlmServerNames;
import org.negotiatetcp.security.ProtectionLevel;

/**
 * What a server accepts. Start from {@link #kerberos(KerberosServiceCredentials)} or
 * {@link #ntlm(NtlmAccountStore)}, which require {@link ProtectionLevel#ENCRYPT_AND_SIGN} and refuse anonymous
 * clients, and loosen explicitly:
 * <pre class="code">
 * AcceptorSettings acceptor = AcceptorSettings.kerberos(credentials)
 * 	.withNtlm(accounts)
 * 	.requiring(ProtectionLevel.SIGN);
 * </pre>
 * @param kerberos the service's Kerberos credential, or {@code null} if the server does not accept Kerberos
 * @param ntlmAccounts where NTLM accounts are verified, or {@code null} if the server does not accept NTLM
 * @param requiredProtectionLevel the minimum protection level of data frames
 * @param allowAnonymousClients whether anonymous clients are recognised ({@code allow-anonymous-clients}); when
 * {@code false} they are refused
 * @param ntlmServerNames the names the NTLM acceptor announces in its CHALLENGE, or {@code null} to derive them from
 * the local host name
 * @param ntlmOptions the NTLM acceptor's clock skew and target name checks
 */
public record AcceptorSettings(@Nullable KerberosServiceCredentials kerberos, @Nullable NtlmAccountStore ntlmAccounts,
		ProtectionLevel requiredProtectionLevel, boolean allowAnonymousClients,
		@Nullable NtlmServerNames ntlmServerNames, NtlmAcceptorOptions ntlmOptions) {

	public AcceptorSettings {
		Objects.requireNonNull(requiredProtectionLevel, "requiredProtectionLevel");
		Objects.requireNonNull(ntlmOptions, "ntlmOptions");
	}

	/**
	 * Create settings with the default NTLM checks ({@link NtlmAcceptorOptions#DEFAULTS}).
	 * @param kerberos the service's Kerberos credential, or {@code null}
	 * @param ntlmAccounts the NTLM account store, or {@code null}
	 * @param requiredProtectionLevel the minimum protection level of data frames
	 * @param allowAnonymousClients whether anonymous clients are accepted
	 * @param ntlmServerNames the NTLM names, or {@code null} to derive them from the local host name
	 */
	public AcceptorSettings(@Nullable KerberosServiceCredentials kerberos, @Nullable NtlmAccountStore ntlmAccounts,
			ProtectionLevel requiredProtectionLevel, boolean allowAnonymousClients,
			@Nullable NtlmServerNames ntlmServerNames) {
		this(kerberos, ntlmAccounts, requiredProtectionLevel, allowAnonymousClients, ntlmServerNames,
				NtlmAcceptorOptions.DEFAULTS);
	}

	/**
	 * Create settings whose NTLM server names are derived from the local host name.
	 * @param kerberos the service's Kerberos credential, or {@code null}
	 * @param ntlmAccounts the NTLM account store, or {@code null}
	 * @param requiredProtectionLevel the minimum protection level of data frames
	 * @param allowAnonymousClients whether anonymous clients are accepted
	 */
	public AcceptorSettings(@Nullable KerberosServiceCredentials kerberos, @Nullable NtlmAccountStore ntlmAccounts,
			ProtectionLevel requiredProtectionLevel, boolean allowAnonymousClients) {
		this(kerberos, ntlmAccounts, requiredProtectionLevel, allowAnonymousClients, null);
	}

	/**
	 * Settings that accept Kerberos (raw or inside SPNEGO) with a service credential, require
	 * {@link ProtectionLevel#ENCRYPT_AND_SIGN} and refuse anonymous clients.
	 * @param kerberos the service's Kerberos credential
	 * @return the settings
	 */
	public static AcceptorSettings kerberos(KerberosServiceCredentials kerberos) {
		Objects.requireNonNull(kerberos, "kerberos");
		return new AcceptorSettings(kerberos, null, ProtectionLevel.ENCRYPT_AND_SIGN, false, null);
	}

	/**
	 * Settings that accept NTLM (raw or inside SPNEGO) verified against an account store, require
	 * {@link ProtectionLevel#ENCRYPT_AND_SIGN} and refuse anonymous clients.
	 * @param ntlmAccounts where NTLM accounts are verified
	 * @return the settings
	 */
	public static AcceptorSettings ntlm(NtlmAccountStore ntlmAccounts) {
		Objects.requireNonNull(ntlmAccounts, "ntlmAccounts");
		return new AcceptorSettings(null, ntlmAccounts, ProtectionLevel.ENCRYPT_AND_SIGN, false, null);
	}

	/**
	 * Return a copy that also accepts Kerberos with a service credential.
	 * @param kerberos the service's Kerberos credential
	 * @return the new settings
	 */
	public AcceptorSettings withKerberos(KerberosServiceCredentials kerberos) {
		Objects.requireNonNull(kerberos, "kerberos");
		return new AcceptorSettings(kerberos, this.ntlmAccounts, this.requiredProtectionLevel,
				this.allowAnonymousClients, this.ntlmServerNames, this.ntlmOptions);
	}

	/**
	 * Return a copy that also accepts NTLM verified against an account store.
	 * @param ntlmAccounts where NTLM accounts are verified
	 * @return the new settings
	 */
	public AcceptorSettings withNtlm(NtlmAccountStore ntlmAccounts) {
		Objects.requireNonNull(ntlmAccounts, "ntlmAccounts");
		return new AcceptorSettings(this.kerberos, ntlmAccounts, this.requiredProtectionLevel,
				this.allowAnonymousClients, this.ntlmServerNames, this.ntlmOptions);
	}

	/**
	 * Return a copy that requires another minimum protection level of data frames; a client that negotiates less is
	 * refused with the [MS-NNS] policy error.
	 * @param level the minimum protection level
	 * @return the new settings
	 */
	public AcceptorSettings requiring(ProtectionLevel level) {
		Objects.requireNonNull(level, "level");
		return new AcceptorSettings(this.kerberos, this.ntlmAccounts, level, this.allowAnonymousClients,
				this.ntlmServerNames, this.ntlmOptions);
	}

	/**
	 * Return a copy that recognises anonymous clients ({@code allow-anonymous-clients}) instead of refusing them.
	 * @return the new settings
	 */
	public AcceptorSettings allowingAnonymousClients() {
		return new AcceptorSettings(this.kerberos, this.ntlmAccounts, this.requiredProtectionLevel, true,
				this.ntlmServerNames, this.ntlmOptions);
	}

	/**
	 * Return a copy with the names the NTLM acceptor announces.
	 * @param names the names
	 * @return the new settings
	 */
	public AcceptorSettings withNtlmServerNames(NtlmServerNames names) {
		return new AcceptorSettings(this.kerberos, this.ntlmAccounts, this.requiredProtectionLevel,
				this.allowAnonymousClients, names, this.ntlmOptions);
	}

	/**
	 * Return a copy with other NTLM acceptor checks (clock skew, target name check, accepted target names).
	 * @param options the options
	 * @return the new settings
	 */
	public AcceptorSettings withNtlmOptions(NtlmAcceptorOptions options) {
		return new AcceptorSettings(this.kerberos, this.ntlmAccounts, this.requiredProtectionLevel,
				this.allowAnonymousClients, this.ntlmServerNames, options);
	}

}
