/**
 * Objects created for a client carry its ACL: {@link org.negotiatetcp.boot.acl.NegotiateObjectSecurity} builds an
 * object's access control list the way Windows' {@code CreatePrivateObjectSecurity} builds a security descriptor
 * (owner, inherited and default entries in canonical order) on Spring Security ACL, after which
 * {@code hasPermission(...)} checks in method security give {@code AccessCheck}'s answer.
 */
@NullMarked
package org.negotiatetcp.boot.acl;

import org.jspecify.annotations.NullMarked;
