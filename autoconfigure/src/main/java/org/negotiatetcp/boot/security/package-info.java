/**
 * The Spring Security bridge: an {@code Authentication} for every authenticated session, authorization rules per via
 * path ({@link org.negotiatetcp.boot.security.NegotiateSecurity}), the security context around the channel handler,
 * and impersonation of the client with a delegated Kerberos credential.
 */
@NullMarked
package org.negotiatetcp.boot.security;

import org.jspecify.annotations.NullMarked;
