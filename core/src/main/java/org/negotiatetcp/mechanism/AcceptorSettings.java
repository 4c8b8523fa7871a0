package org.negotiatetcp.mechanism;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.mechanism.ntlm.NtlmAccountStore;
import org.negotiatetcp.security.ProtectionLevel;

/**
 * What a server accepts.
 * @param kerberos the service's Kerberos credential, or {@code null} if the server does not accept Kerberos
 * @param ntlmAccounts where NTLM accounts are verified, or {@code null} if the server does not accept NTLM
 * @param requiredProtection the minimum protection level of data frames
 * @param allowAnonymousClients whether anonymous clients are recognised ({@code allow-anonymous-clients}); when
 * {@code false} they are refused
 */
public record AcceptorSettings(@Nullable KerberosServiceCredentials kerberos, @Nullable NtlmAccountStore ntlmAccounts,
		ProtectionLevel requiredProtection, boolean allowAnonymousClients) {

}
