/**
 * NTLM ([MS-NLMP]): NTLMv2 with extended session security, key exchange, signing and sealing, for both roles.
 * <ul>
 * <li>{@link org.negotiatetcp.mechanism.ntlm.NtlmInitiatorContext} (client) and
 * {@link org.negotiatetcp.mechanism.ntlm.NtlmAcceptorContext} (server) implement
 * {@link org.negotiatetcp.mechanism.MechanismContext}; both are
 * {@link org.negotiatetcp.mechanism.ntlm.NtlmContext}s, which adds the SPNEGO hooks (RC4 reset after the mechListMIC,
 * whether the AUTHENTICATE carried a MIC).</li>
 * <li>The wire messages: {@link org.negotiatetcp.mechanism.ntlm.NtlmNegotiateMessage},
 * {@link org.negotiatetcp.mechanism.ntlm.NtlmChallengeMessage},
 * {@link org.negotiatetcp.mechanism.ntlm.NtlmAuthenticateMessage}, {@link org.negotiatetcp.mechanism.ntlm.AvPairs},
 * {@link org.negotiatetcp.mechanism.ntlm.NegotiateFlags} and {@link org.negotiatetcp.mechanism.ntlm.NtlmVersion}.
 * Parsing is lenient where Windows is and bounds-checked everywhere.</li>
 * <li>Accounts: {@link org.negotiatetcp.mechanism.ntlm.NtlmAccountStore} and the
 * {@link org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore}.</li>
 * </ul>
 * Protected messages are {@code [16-byte signature][sealed data or plaintext]}, the layout NegotiateStream, .NET and
 * gss-ntlmssp use. NTLMv1 and LM are refused in both roles.
 */
@NullMarked
package org.negotiatetcp.mechanism.ntlm;

import org.jspecify.annotations.NullMarked;
