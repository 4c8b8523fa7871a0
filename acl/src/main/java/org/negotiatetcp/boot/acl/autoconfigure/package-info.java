/**
 * Auto-configuration of object security on Spring Security ACL ({@code negotiate.tcp.acl.*}), active when
 * {@code spring-security-acl} is on the class path.
 */
@NullMarked
package org.negotiatetcp.boot.acl.autoconfigure;

import org.jspecify.annotations.NullMarked;
