/**
 * Spring Boot auto-configuration for Negotiate TCP: named credentials, the client channel factory and its endpoints,
 * and the server listener, configured under {@code negotiate.tcp.*}.
 */
@NullMarked
package org.negotiatetcp.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
