/**
 * Sample: orders that carry their creator's ACL.
 */
@NullMarked
package org.negotiatetcp.samples.acl;

import org.jspecify.annotations.NullMarked;
