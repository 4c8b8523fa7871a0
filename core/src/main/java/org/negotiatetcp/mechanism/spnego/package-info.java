/**
 * SPNEGO (RFC 4178, MS-SPNG): mechanism negotiation between Kerberos and NTLM, for both roles.
 * <p>
 * {@link org.negotiatetcp.mechanism.spnego.SpnegoInitiatorContext} and
 * {@link org.negotiatetcp.mechanism.spnego.SpnegoAcceptorContext} compose inner
 * {@link org.negotiatetcp.mechanism.MechanismContext}s (Kerberos through JGSS with raw RFC 4121 tokens, NTLM from the
 * {@code ntlm} package), carry their tokens in {@link org.negotiatetcp.mechanism.spnego.NegTokenInit} and
 * {@link org.negotiatetcp.mechanism.spnego.NegTokenResp}, and protect the mechanism list with the mechListMIC where
 * RFC 4178 section 5 and MS-SPNG require it. The messages are read and written by a small DER codec
 * ({@link org.negotiatetcp.mechanism.spnego.DerReader}, {@link org.negotiatetcp.mechanism.spnego.DerWriter}) that
 * bounds every length and reports malformed input as {@code BAD_TOKEN}.
 */
@NullMarked
package org.negotiatetcp.mechanism.spnego;

import org.jspecify.annotations.NullMarked;
