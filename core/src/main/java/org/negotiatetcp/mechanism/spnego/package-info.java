/**
 * SPNEGO (RFC 4178, MS-SPNG): mechanism negotiation between Kerberos and NTLM, for both roles.
 */
@NullMarked
package org.negotiatetcp.mechanism.spnego;

import org.jspecify.annotations.NullMarked;
