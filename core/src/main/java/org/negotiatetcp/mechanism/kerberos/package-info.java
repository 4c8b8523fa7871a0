/**
 * Kerberos V5 through the JDK's JGSS: credential acquisition (keytab, password, ticket cache) and initiator/acceptor
 * contexts with wrap/unwrap.
 */
@NullMarked
package org.negotiatetcp.mechanism.kerberos;

import org.jspecify.annotations.NullMarked;
