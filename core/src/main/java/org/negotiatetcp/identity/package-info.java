/**
 * Endpoint identities (SPN, UPN, DNS) and the rules that turn an identity and an address into the target name given
 * to the security package, as {@code WS_TCP_SSPI_TRANSPORT_SECURITY_BINDING} and WCF define them.
 */
@NullMarked
package org.negotiatetcp.identity;

import org.jspecify.annotations.NullMarked;
