/**
 * A Testcontainers MIT Kerberos KDC built from the kit's own Dockerfile, and its Spring Boot
 * {@code @ServiceConnection} ({@link org.negotiatetcp.boot.autoconfigure.NegotiateKerberosConnectionDetails}).
 */
@NullMarked
package org.negotiatetcp.boot.testcontainers;

import org.jspecify.annotations.NullMarked;
