/**
 * NTLM ([MS-NLMP]): NTLMv2 with extended session security, key exchange, signing and sealing, for both roles.
 */
@NullMarked
package org.negotiatetcp.mechanism.ntlm;

import org.jspecify.annotations.NullMarked;
